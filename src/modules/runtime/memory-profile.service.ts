import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '../../common/clock.js';
import { SessionRepository } from '../sessions/session.repository.js';
import { MemoryProfile } from './memory-profile.js';

const CHECK_EVERY_MS = 10_000;
/** Media counts as flowing this long after the last stream closed: a player fetches HLS segments one by one. */
const MEDIA_QUIET_MS = 30_000;

/**
 * Keeps V8's memory profile in step with the load (see MemoryProfile): memory as soon as a stream opens; back to
 * speed only at a periodic check, once no media has flowed for a while.
 */
@Injectable()
export class MemoryProfileService {
  private readonly logger = new Logger(MemoryProfileService.name);
  readonly profile = new MemoryProfile();
  private openStreams = 0;
  private lastStreamClosedAt = -Infinity;

  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  /** A media answer starts being relayed; call the returned function once it is over. */
  streamOpened(): () => void {
    this.openStreams++;
    this.adjust();
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.openStreams--;
      this.lastStreamClosedAt = this.clock.now();
    };
  }

  @Interval(CHECK_EVERY_MS)
  adjust(): void {
    const relayingMedia = this.openStreams > 0 || this.clock.now() - this.lastStreamClosedAt < MEDIA_QUIET_MS;
    const load = { activeSessions: this.sessions.activeCount, relayingMedia };
    const favoured = this.profile.adjust(load);
    if (favoured) this.logger.log(`${load.activeSessions} active sessions, media ${relayingMedia ? '' : 'not '}relayed: V8 now favours ${favoured}`);
  }
}
