import { ConflictException, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { BackgroundTasks } from '../../common/background-tasks.js';
import { Clock } from '../../common/clock.js';
import { DueTimer } from '../../common/due-timer.js';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import { AppConfig } from '../config/app-config.js';
import { PlexError } from '../plex/plex.errors.js';
import { SessionAccess } from './session-access.service.js';
import { AppEvents } from '../events/app-events.js';
import type { SessionEvent } from './session-events.js';
import { SessionPlayback } from './session-playback.service.js';
import { SessionQueueService } from './session-queue.service.js';
import { SessionRepository } from './session.repository.js';
import { currentPositionMs } from './session-view.js';

/** A playing item extrapolated this far past its end is over, even if the client said nothing. */
export const END_GRACE_MS = 30_000;

interface Watched {
  session: PlaybackSession;
  /** When its next check is due; undefined while a check runs. */
  at?: number;
  /** A move past the end failed and was logged. */
  advanceFailed?: boolean;
  /** When its extrapolated position was last saved. */
  savedAt?: number;
}

/**
 * What happens to a session without a client call: it is stopped (`client-lost`) once its client has been silent
 * for SESSION_IDLE_TIMEOUT_MS, and moves to the next item once its playing item is extrapolated END_GRACE_MS past
 * its end. While it plays, its extrapolated position is saved every timeline interval, so a proxy that dies loses
 * no more than that of anyone's progress. One timer for all sessions, set for each session's next moment of any of
 * these kinds. Plex is told through the session events, like for any other change.
 */
@Injectable()
export class SessionLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SessionLifecycle.name);
  /** Active sessions. */
  private readonly watched = new Map<string, Watched>();
  private readonly due: DueTimer;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly sessions: SessionRepository,
    private readonly access: SessionAccess,
    private readonly playback: SessionPlayback,
    private readonly queue: SessionQueueService,
    private readonly background: BackgroundTasks,
    registry: SchedulerRegistry,
    events: AppEvents,
  ) {
    this.due = new DueTimer(clock, registry, 'session-lifecycle', (id, at) => this.onDue(id, at));
    events.on('session', (event) => this.onEvent(event));
  }

  onApplicationBootstrap(): void {
    for (const session of this.sessions.activeSessions()) this.plan(session);
  }

  beforeApplicationShutdown(): void {
    this.due.stop();
  }

  /** Ends a session Plex ended (a termination by the server's owner), unless it ended meanwhile. */
  terminated(session: PlaybackSession, text: string, positionMs: number): Promise<void> {
    return this.endIfActive(session, `terminated: ${text}`, positionMs);
  }

  private onEvent(event: SessionEvent): void {
    if (event.type === 'ended') this.watched.delete(event.session.id);
    else if (event.type !== 'queue-changed') this.plan(event.session);
  }

  /**
   * Sets the session's next check: when its client will have been silent too long, or its item will be over. A check
   * already due sooner stays (it plans again when nothing is due yet), so a chatty client adds no timer entries.
   */
  private plan(session: PlaybackSession, retryAdvanceAt?: number): void {
    const known = this.watched.get(session.id);
    const at = Math.min(
      session.lastClientAt + this.config.sessionIdleTimeoutMs,
      retryAdvanceAt ?? this.overAt(session),
      this.checkpointAt(session, known?.savedAt),
    );
    if (known?.at !== undefined && known.at <= at) return;
    this.watched.set(session.id, { session, at, advanceFailed: known?.advanceFailed, savedAt: known?.savedAt });
    this.due.push(session.id, at);
  }

  /** When a playing session's position is next saved: an interval after the client's report or the last save. */
  private checkpointAt(session: PlaybackSession, savedAt = 0): number {
    if (session.state !== 'playing') return Infinity;
    return Math.max(session.positionAt, savedAt) + this.config.timelineIntervalMs;
  }

  private overAt(session: PlaybackSession): number {
    if (session.state !== 'playing' || !session.durationMs) return Infinity;
    return session.positionAt + (session.durationMs - session.positionMs) + END_GRACE_MS;
  }

  private onDue(id: string, at: number): void {
    const entry = this.watched.get(id);
    if (!entry || entry.at !== at) return;
    entry.at = undefined;
    void this.background.track(this.check(entry.session));
  }

  private async check(session: PlaybackSession): Promise<void> {
    if (session.endedAt !== null) return;
    const now = this.clock.now();
    if (now - session.lastClientAt >= this.config.sessionIdleTimeoutMs) {
      // Saved where the client itself last said it was, not an extrapolation past it.
      await this.endIfActive(session, 'client-lost', session.positionMs);
    } else if (now >= this.overAt(session)) {
      await this.advance(session);
    } else {
      const entry = this.watched.get(session.id);
      if (entry && now >= this.checkpointAt(session, entry.savedAt)) {
        this.playback.recordProgress(session, currentPositionMs(session, now));
        entry.savedAt = now;
      }
      this.plan(session);
    }
  }

  /** Moves past the end of the playing item; a failed move is tried again an interval later (logged once). */
  private async advance(session: PlaybackSession): Promise<void> {
    try {
      await this.queue.next({ profileId: session.profileId }, session.id);
    } catch (error) {
      if (error instanceof ConflictException) return; // ended meanwhile
      const entry = this.watched.get(session.id);
      if (entry && !entry.advanceFailed) {
        entry.advanceFailed = true;
        const reason = error instanceof PlexError ? error.message : ((error as Error).stack ?? String(error));
        this.logger.warn(`session ${session.id}: could not move past the end of ${session.ratingKey} (${reason}); will try again`);
      }
      this.plan(session, this.clock.now() + this.config.timelineIntervalMs);
    }
  }

  /** Ends the session unless the client ended it in the meantime (under the session's lock). */
  private async endIfActive(session: PlaybackSession, reason: string, positionMs: number): Promise<void> {
    await this.access
      .withActive({ profileId: session.profileId }, session.id, async (active) => this.playback.end(active, reason, positionMs))
      .catch((error: unknown) => {
        if (!(error instanceof ConflictException)) throw error;
      });
  }
}
