import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { SessionRepository } from '../sessions/session.repository.js';
import { MemoryProfile } from './memory-profile.js';

const CHECK_EVERY_MS = 10_000;

/** Keeps V8's memory profile in step with the number of active sessions (see MemoryProfile), checked every 10 s. */
@Injectable()
export class MemoryProfileService {
  private readonly logger = new Logger(MemoryProfileService.name);
  readonly profile = new MemoryProfile();

  constructor(private readonly sessions: SessionRepository) {}

  @Interval(CHECK_EVERY_MS)
  adjust(): void {
    const activeSessions = this.sessions.activeCount;
    const favoured = this.profile.adjust(activeSessions);
    if (favoured) this.logger.log(`${activeSessions} active sessions: V8 now favours ${favoured}`);
  }
}
