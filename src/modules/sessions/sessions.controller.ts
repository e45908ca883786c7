import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { RouteSchema } from '@nestjs/platform-fastify';
import { ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/api-error-responses.decorator.js';
import { ApiClientKey } from '../../common/api-security.decorators.js';
import { SchemaValidatedBody } from '../../common/schema-validation.js';
import { invalidField } from '../../common/validation.js';
import type { Caller } from '../auth/caller.js';
import { ClientAuthGuard } from '../auth/client-auth.guard.js';
import { CurrentCaller, DeviceId } from '../auth/request-context.decorators.js';
import { ApiQueueItemId, ApiSessionId } from './api-params.js';
import { CREATE_SESSION_EXAMPLES, CreateSessionDto } from './dto/create-session.dto.js';
import { AddToQueueDto, JumpDto, MoveQueueItemDto } from './dto/queue-changes.dto.js';
import { REPORT_PROGRESS_SCHEMA, ReportProgressDto } from './dto/report-progress.dto.js';
import type { SessionDto } from './dto/session.dto.js';
import { SelectTracksDto } from './dto/select-tracks.dto.js';
import { SessionQueueService } from './session-queue.service.js';
import { SessionTracks } from './session-tracks.service.js';
import { SessionsService } from './sessions.service.js';

const itemIdPipe = (field: string) =>
  new ParseIntPipe({ exceptionFactory: () => invalidField(field, `${field} must be an integer queue item id`) });

@ApiTags('sessions')
@ApiClientKey()
@UseGuards(ClientAuthGuard)
@Controller('api/v1/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly queue: SessionQueueService,
    private readonly tracks: SessionTracks,
  ) {}

  /**
   * Start playing an item or a playlist on this device.
   * @remarks The answer's `positionMs` is where the player should start. Then report progress on every change, and
   * at least every 60 s while the session is open.
   */
  @Post()
  @ApiHeader({
    name: 'X-Device-Id',
    required: true,
    description: 'A stable id of the calling device (1 to 128 letters, digits or `._:-`); Plex sees one player per device.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$', example: 'tv-livingroom' },
  })
  @ApiBody({ type: CreateSessionDto, examples: CREATE_SESSION_EXAMPLES })
  @ApiErrorResponses(400, 404, 422, 502, 503)
  createSession(@CurrentCaller() caller: Caller, @DeviceId() deviceId: string, @Body() body: CreateSessionDto): Promise<SessionDto> {
    return this.sessions.create(caller, deviceId, body);
  }

  /** The caller's sessions: active ones first, then the 20 most recently ended ones. */
  @Get()
  listSessions(@CurrentCaller() caller: Caller): Promise<SessionDto[]> {
    return this.sessions.list(caller);
  }

  /** One of the caller's sessions, active or ended. */
  @Get(':id')
  @ApiSessionId()
  @ApiErrorResponses(404)
  getSession(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<SessionDto> {
    return this.sessions.get(caller, id);
  }

  /**
   * Report the player's state and position: on every change, and at least every 60 s while the session is open.
   * @remarks A seek is a report whose position jumps. The proxy tells Plex every 10 s on its own, from the last
   * report; this call never calls Plex, so it works while Plex is unreachable. `stopped` ends the session.
   */
  @Post(':id/progress')
  @HttpCode(200)
  @ApiSessionId()
  @ApiErrorResponses(400, 404, 409)
  @ApiBody({ type: ReportProgressDto })
  @RouteSchema({ body: REPORT_PROGRESS_SCHEMA })
  reportProgress(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @SchemaValidatedBody() body: ReportProgressDto,
  ): Promise<SessionDto> {
    return this.sessions.reportProgress(caller, id, body);
  }

  /** Play the next item in the queue; past the last one the session stops (`endedReason: end-of-queue`). */
  @Post(':id/next')
  @HttpCode(200)
  @ApiSessionId()
  @ApiErrorResponses(404, 409, 502, 503)
  playNext(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<SessionDto> {
    return this.queue.next(caller, id);
  }

  /** Play the item before the current one (on the first item: the current item from its start). */
  @Post(':id/previous')
  @HttpCode(200)
  @ApiSessionId()
  @ApiErrorResponses(404, 409, 502, 503)
  playPrevious(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<SessionDto> {
    return this.queue.previous(caller, id);
  }

  /** Play a given queue item. */
  @Post(':id/jump')
  @HttpCode(200)
  @ApiSessionId()
  @ApiErrorResponses(400, 404, 409, 502, 503)
  jumpToItem(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: JumpDto): Promise<SessionDto> {
    return this.queue.jump(caller, id, body.itemId);
  }

  /** Add an item to the queue, next or at the end of the items added so far. */
  @Post(':id/queue')
  @HttpCode(200)
  @ApiSessionId()
  @ApiErrorResponses(400, 404, 409, 502, 503)
  addToQueue(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: AddToQueueDto): Promise<SessionDto> {
    return this.queue.add(caller, id, body.ratingKey, body.next);
  }

  /** Remove an item from the queue (not the current one). */
  @Delete(':id/queue/:itemId')
  @ApiSessionId()
  @ApiQueueItemId()
  @ApiErrorResponses(400, 404, 409, 502, 503)
  removeFromQueue(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('itemId', itemIdPipe('itemId')) itemId: number,
  ): Promise<SessionDto> {
    return this.queue.remove(caller, id, itemId);
  }

  /** Move a queue item after another one (or to the beginning). */
  @Post(':id/queue/:itemId/move')
  @HttpCode(200)
  @ApiSessionId()
  @ApiQueueItemId()
  @ApiErrorResponses(400, 404, 409, 502, 503)
  moveQueueItem(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('itemId', itemIdPipe('itemId')) itemId: number,
    @Body() body: MoveQueueItemDto,
  ): Promise<SessionDto> {
    return this.queue.moveItem(caller, id, itemId, body.afterItemId);
  }

  /** Shuffle the queue, keeping the current item (refused with 409 once items were added by hand). */
  @Post(':id/queue/shuffle')
  @HttpCode(200)
  @ApiSessionId()
  @ApiErrorResponses(404, 409, 502, 503)
  shuffleQueue(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<SessionDto> {
    return this.queue.shuffle(caller, id);
  }

  /** Restore the queue's natural order. */
  @Post(':id/queue/unshuffle')
  @HttpCode(200)
  @ApiSessionId()
  @ApiErrorResponses(404, 409, 502, 503)
  unshuffleQueue(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<SessionDto> {
    return this.queue.unshuffle(caller, id);
  }

  /**
   * Choose the current item's audio and subtitle tracks (`subtitleTrackId: null`: subtitles off).
   * @remarks Plex keeps the choice for this profile and carries it on to the next episode of the show. The answer
   * carries a fresh `stream` for it: reload the player with its URL (and `stream.subtitles` for sidecar subtitles).
   */
  @Post(':id/tracks')
  @HttpCode(200)
  @ApiSessionId()
  @ApiErrorResponses(400, 404, 409, 502, 503)
  selectTracks(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: SelectTracksDto): Promise<SessionDto> {
    return this.tracks.select(caller, id, body);
  }

  /** Stop the session; it stays readable. */
  @Delete(':id')
  @HttpCode(204)
  @ApiSessionId()
  @ApiErrorResponses(404, 409)
  stopSession(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    return this.sessions.stop(caller, id);
  }
}
