import { Controller, Get, Head, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorResponses } from '../../common/api-error-responses.decorator.js';
import { ApiClientKey } from '../../common/api-security.decorators.js';
import type { Caller } from '../auth/caller.js';
import { ClientAuthGuard } from '../auth/client-auth.guard.js';
import { CurrentCaller } from '../auth/request-context.decorators.js';
import type { StreamDto } from '../sessions/dto/session.dto.js';
import { ApiSessionId } from '../sessions/api-params.js';
import { StreamQueryDto } from './dto/stream-query.dto.js';
import { SessionStreams } from './session-streams.service.js';
import { StreamsService } from './streams.service.js';

@ApiTags('sessions')
@ApiClientKey()
@UseGuards(ClientAuthGuard)
@Controller('api/v1/sessions')
export class SessionStreamController {
  constructor(private readonly streams: SessionStreams) {}

  /**
   * A fresh stream URL for the session's current item (the session's answers carry one too).
   * @remarks Give stream preferences to change how the item is streamed: they replace the session's and are kept for
   * its next items. Ask again when `expiresAt` nears, or when the player reports the URL refused (403 or 410).
   */
  @Get(':id/stream')
  @ApiSessionId()
  @ApiErrorResponses(400, 404, 409, 502, 503)
  getStream(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: StreamQueryDto): Promise<StreamDto> {
    return this.streams.issue(caller, id, query);
  }
}

/**
 * What players open: `GET /api/v1/streams/{token}/{name}`. No key: the signed token is the permission (for one
 * resource of one session's item, until it expires). Not in the API document: clients never call it themselves.
 */
@ApiExcludeController()
@SkipThrottle()
@Controller('api/v1/streams')
export class StreamsController {
  constructor(private readonly streams: StreamsService) {}

  /**
   * Players often ask HEAD first (AVPlayer, TV players): the same status and headers as GET. Declared before the GET
   * (Fastify's automatic HEAD would run the GET handler and read the whole upstream body only to drop it).
   */
  @Head(':token/:name')
  head(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve(token, request, reply, true);
  }

  @Get(':token/:name')
  stream(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.serve(token, request, reply, false);
  }

  private async serve(token: string, request: FastifyRequest, reply: FastifyReply, head: boolean): Promise<void> {
    const range = request.headers.range;
    const answer = await this.streams.open(token, { range: typeof range === 'string' ? range : undefined, signal: abortOnDisconnect(reply), head });
    await reply.status(answer.status).headers(answer.headers).send(answer.body);
  }
}

/** Aborted when the player goes away before the answer is complete: the upstream request is aborted with it. */
function abortOnDisconnect(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
