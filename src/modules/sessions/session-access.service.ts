import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { KeyedMutex } from '../../common/keyed-mutex.js';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import type { Caller } from '../auth/caller.js';
import { SessionRepository } from './session.repository.js';

/** Finds a caller's session and runs work on it with no other call on that session in between. */
@Injectable()
export class SessionAccess {
  private readonly mutex = new KeyedMutex();

  constructor(private readonly sessions: SessionRepository) {}

  async find(caller: Caller, id: string): Promise<PlaybackSession> {
    const session = await this.sessions.findOwned(caller.profileId, id);
    if (!session) throw new NotFoundException(`session ${id} not found`);
    return session;
  }

  /** Runs `work` on an active session; an ended one answers 409 with the reason it ended. */
  withActive<T>(caller: Caller, id: string, work: (session: PlaybackSession) => Promise<T>): Promise<T> {
    return this.mutex.run(id, async () => {
      const session = await this.find(caller, id);
      if (session.endedAt !== null) {
        throw new ConflictException(`session ${id} has ended (${session.endReason ?? 'stopped'}); create a new one`);
      }
      return work(session);
    });
  }
}
