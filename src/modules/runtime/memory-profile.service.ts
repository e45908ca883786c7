import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { SessionRepository } from '../sessions/session.repository.js';
import { MemoryProfile } from './memory-profile.js';

const CHECK_EVERY_MS = 10_000;

/** Keeps V8's memory profile in step with the load (see MemoryProfile): checked every 10 s and as streams open and close. */
@Injectable()
export class MemoryProfileService {
  private readonly logger = new Logger(MemoryProfileService.name);
  readonly profile = new MemoryProfile();
  private openStreams = 0;

  constructor(private readonly sessions: SessionRepository) {}

  /** A media answer starts being relayed; call the returned function once it is over. */
  streamOpened(): () => void {
    this.openStreams++;
    this.adjust();
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.openStreams--;
      this.adjust();
    };
  }

  @Interval(CHECK_EVERY_MS)
  adjust(): void {
    const load = { activeSessions: this.sessions.activeCount, openStreams: this.openStreams };
    const favoured = this.profile.adjust(load);
    if (favoured) this.logger.log(`${load.activeSessions} active sessions, ${load.openStreams} streams: V8 now favours ${favoured}`);
  }
}
