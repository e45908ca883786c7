import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../../common/api-error-responses.decorator.js';
import { ApiClientKey } from '../../common/api-security.decorators.js';
import { invalidField } from '../../common/validation.js';
import type { Caller } from '../auth/caller.js';
import { ClientAuthGuard } from '../auth/client-auth.guard.js';
import { CurrentCaller } from '../auth/request-context.decorators.js';
import { ApiRatingKey } from './api-params.js';
import { isRatingKey, ratingKeyMessage } from './dto/rating-key.js';
import type { ProgressDto } from './dto/session.dto.js';
import { SessionsService } from './sessions.service.js';

@ApiTags('progress')
@ApiClientKey()
@UseGuards(ClientAuthGuard)
@Controller('api/v1/progress')
export class ProgressController {
  constructor(private readonly sessions: SessionsService) {}

  /** Where the caller is in an item: the proxy's saved progress, else Plex's resume point. */
  @Get(':ratingKey')
  @ApiRatingKey()
  @ApiErrorResponses(400, 404, 502, 503)
  getProgress(@CurrentCaller() caller: Caller, @Param('ratingKey') ratingKey: string): Promise<ProgressDto> {
    if (!isRatingKey(ratingKey)) throw invalidField('ratingKey', ratingKeyMessage('ratingKey'));
    return this.sessions.progressFor(caller, ratingKey);
  }
}
