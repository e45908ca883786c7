import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import { StreamLinks } from '../streams/stream-links.service.js';
import type { SessionDto } from './dto/session.dto.js';
import { toSessionDto } from './session-view.js';

/** A session as every answer of the session API shows it: with its current stream URL, at a moment (now by default). */
@Injectable()
export class SessionViews {
  constructor(
    private readonly links: StreamLinks,
    private readonly clock: Clock,
  ) {}

  of(session: PlaybackSession, now = this.clock.now()): SessionDto {
    return toSessionDto(session, now, this.links.forSession(session, now));
  }
}
