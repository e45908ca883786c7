import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { BackgroundTasks } from '../../common/background-tasks.js';
import { Clock } from '../../common/clock.js';
import { Semaphore } from '../../common/semaphore.js';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import { AppConfig } from '../config/app-config.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { PlexClient } from '../plex/plex.client.js';
import { PlexError, PlexNotFoundError, PlexRejectedError, PlexUnreachableError } from '../plex/plex.errors.js';
import type { TimelineReport } from '../plex/plex.types.js';
import { ProgressRepository } from '../sessions/progress.repository.js';
import { AppEvents } from '../events/app-events.js';
import type { SessionEvent } from '../sessions/session-events.js';
import { SessionLifecycle } from '../sessions/session-lifecycle.service.js';
import { SessionRepository } from '../sessions/session.repository.js';
import { currentPositionMs } from '../sessions/session-view.js';
import type { OwedStop, TrackedSession } from './delivery.js';
import { DueTimer } from '../../common/due-timer.js';
import { PlayedStateService, type LeftItem } from './played-state.service.js';
import { creditsStartsOf } from '../sessions/current-item-details.js';
import { TimelineStats } from './timeline-stats.js';

/** A reported position this far from the extrapolated one is a seek, reported at once. */
export const SEEK_TOLERANCE_MS = 2000;

/**
 * Whether a client's report must reach Plex at once: the state changed, or the position moved more than the seek
 * tolerance from where the proxy extrapolated it; anything else the periodic report carries.
 */
export function isNewsForPlex(previousState: string, extrapolatedMs: number, now: { state: string; positionMs: number }): boolean {
  return previousState !== now.state || Math.abs(extrapolatedMs - now.positionMs) > SEEK_TOLERANCE_MS;
}
const FIRST_RETRY_MS = 1000;
const SHUTDOWN_BUDGET_MS = 5000;
/** End reasons that are not a finish: no played mark is made for them. */
const NOT_A_FINISH = new Set(['client-lost']);
/** A stop Plex refuses as made this many times will not be taken: it is dropped so the reports behind it go out. */
const STOP_REFUSALS_DROPPED_AT = 3;

/**
 * Keeps Plex told about every session: a report at once on every state change, and every
 * TIMELINE_INTERVAL_MS while a session is playing, paused or buffering, with the position extrapolated
 * by the proxy. One ticking loop over a heap of due times (one timer for all sessions, not one each).
 */
@Injectable()
export class TimelineScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TimelineScheduler.name);
  private readonly tracked = new Map<string, TrackedSession>();
  private readonly due: DueTimer;
  private readonly limit: Semaphore;
  private readonly running = new Set<Promise<void>>();
  readonly stats = new TimelineStats();
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly plex: PlexClient,
    private readonly callers: PlexCallers,
    private readonly sessions: SessionRepository,
    private readonly progress: ProgressRepository,
    private readonly lifecycle: SessionLifecycle,
    private readonly played: PlayedStateService,
    events: AppEvents,
    registry: SchedulerRegistry,
    private readonly background: BackgroundTasks,
  ) {
    this.limit = new Semaphore(config.timelineConcurrency);
    this.due = new DueTimer(clock, registry, 'timeline-scheduler', (sessionId, at) => this.onDue(sessionId, at));
    events.on('session', (event) => this.onEvent(event));
  }

  /** Picks up every active session (and every stop Plex has not heard yet) from the database. */
  async onApplicationBootstrap(): Promise<void> {
    const now = this.clock.now();
    for (const session of this.sessions.activeSessions()) this.track(session, now);
    for (const session of await this.sessions.findStopsPending()) this.oweEnd(this.track(session, now));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.due.stop();
    const now = this.clock.now();
    const due = [...this.tracked.values()].filter((t) => !t.inFlight && (t.stops.length > 0 || t.dueAt <= now));
    for (const entry of due) this.start(entry);
    await Promise.race([this.whenIdle(), new Promise((resolve) => setTimeout(resolve, SHUTDOWN_BUDGET_MS).unref())]);
    await this.sessions.flush();
    await this.progress.flush();
  }

  /** Resolves once no delivery and no background task (played check, queue refresh) is in flight (shutdown, tests on fake time). */
  async whenIdle(): Promise<void> {
    while (this.running.size > 0 || !this.background.idle) {
      await Promise.all([...this.running]);
      await this.background.whenIdle();
    }
  }

  /** How many sessions the scheduler reports on (for the benchmark and health). */
  get size(): number {
    return this.tracked.size;
  }

  /**
   * Resolves once every `stopped` report owed for the session so far has reached Plex, or after `timeoutMs`. A new
   * transcode of the same playback waits for it: Plex ends the transcodes of a playback when it hears `stopped`,
   * and a late one must not end the transcode that follows.
   */
  stopsDelivered(sessionId: string, timeoutMs: number): Promise<void> {
    const entry = this.tracked.get(sessionId);
    if (!entry || !owesStop(entry)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = this.clock.setTimer(() => resolve(), timeoutMs);
      (entry.stopWaiters ??= []).push(() => {
        timer.cancel();
        resolve();
      });
    });
  }

  private onEvent(event: SessionEvent): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const { session } = event;
    const entry = this.tracked.get(session.id) ?? this.track(session, now);
    switch (event.type) {
      case 'created':
        break;
      case 'progress': {
        if (!isNewsForPlex(event.previousState, event.previousPositionMs, session)) return; // the periodic report carries it
        break;
      }
      case 'queue-changed':
        return; // nothing Plex needs to hear from the proxy
      case 'item-changed':
        this.oweStop(entry, event.previous, { continuing: true, finish: true });
        break;
      case 'ended':
        this.oweEnd(entry);
        break;
    }
    // While Plex is failing, a change waits for the retry already set rather than hammering it.
    this.schedule(entry, entry.failures > 0 ? Math.max(now, entry.dueAt) : now, false);
  }

  private track(session: PlaybackSession, now: number): TrackedSession {
    const entry: TrackedSession = {
      session,
      dueAt: now,
      stops: [],
      failures: 0,
      inFlight: false,
      again: false,
      terminated: false,
      periodic: false,
    };
    this.tracked.set(session.id, entry);
    this.schedule(entry, now);
    return entry;
  }

  /** The session ended: Plex is owed the stop of its current item. */
  private oweEnd(entry: TrackedSession): void {
    const { session } = entry;
    const item: LeftItem = {
      ratingKey: session.ratingKey,
      playQueueItemId: session.playQueueItemId,
      durationMs: session.durationMs,
      positionMs: session.positionMs,
      startedAt: session.itemStartedAt,
      leftAt: session.endedAt ?? this.clock.now(),
      creditsStartsMs: creditsStartsOf(session),
    };
    const finish = !NOT_A_FINISH.has(session.endReason ?? '') && !session.endReason?.startsWith('terminated');
    this.oweStop(entry, item, { finish });
  }

  /** Queues the stop of an item the session left, and starts that item's played check, which waits for the stop alone. */
  private oweStop(entry: TrackedSession, item: LeftItem, options: { continuing?: boolean; finish: boolean }): void {
    let settled!: () => void;
    const reported = new Promise<void>((resolve) => (settled = resolve));
    entry.stops.push({
      at: item.leftAt,
      refusals: 0,
      settled,
      report: {
        ratingKey: item.ratingKey,
        playQueueItemId: item.playQueueItemId,
        state: 'stopped',
        timeMs: item.positionMs,
        durationMs: item.durationMs ?? undefined,
        continuing: options.continuing,
      },
    });
    this.played.check(entry.session, item, options.finish, reported);
  }

  private schedule(entry: TrackedSession, at: number, periodic = false): void {
    if (entry.inFlight) {
      entry.again = true;
      return;
    }
    entry.dueAt = at;
    entry.periodic = periodic;
    this.due.push(entry.session.id, at);
  }

  private onDue(sessionId: string, at: number): void {
    const entry = this.tracked.get(sessionId);
    if (!entry || entry.dueAt !== at || entry.inFlight) return;
    this.start(entry);
  }

  private start(entry: TrackedSession): void {
    const delivery = this.deliver(entry);
    this.running.add(delivery);
    void delivery.finally(() => this.running.delete(delivery));
  }

  /**
   * Sends what is owed for one session: its stops first, then its live state. Nothing else is waited on here:
   * played checks and moves to the next item run beside the reports.
   */
  private async deliver(entry: TrackedSession): Promise<void> {
    entry.inFlight = true;
    entry.again = false;
    const dueAt = entry.dueAt;
    let nextAt: number | undefined;
    try {
      while (entry.stops.length > 0) {
        await this.sendStop(entry, entry.stops[0]);
        entry.stops.shift()?.settled();
        if (!owesStop(entry)) releaseStopWaiters(entry);
      }
      const { session } = entry;
      if (session.endedAt !== null || entry.terminated) {
        this.finishTracking(entry);
        return;
      }
      await this.reportLive(entry, dueAt);
      entry.failures = 0;
      // The next report keeps the cadence from this one's due time, so lateness never accumulates.
      const cadence = dueAt + this.config.timelineIntervalMs;
      nextAt = cadence > this.clock.now() ? cadence : this.clock.now() + this.config.timelineIntervalMs;
    } catch (error) {
      if (!(error instanceof PlexError)) this.logger.error(`session ${entry.session.id}: ${(error as Error).stack ?? String(error)}`);
      else if (entry.failures === 0) this.logger.warn(`session ${entry.session.id}: ${error.message}; will retry`);
      entry.failures++;
      this.stats.reportFailures++;
      nextAt = this.clock.now() + this.retryDelay(entry.failures, error);
    } finally {
      entry.inFlight = false;
      if (this.tracked.get(entry.session.id) === entry) {
        const periodic = !entry.again && entry.failures === 0 && nextAt !== undefined;
        this.schedule(entry, entry.again ? this.clock.now() : (nextAt ?? this.clock.now()), periodic);
      }
    }
  }

  private async sendStop(entry: TrackedSession, stop: OwedStop): Promise<void> {
    // A stop that could not be told live goes out as an offline report of when it happened.
    const late = entry.failures > 0 || this.clock.now() - stop.at > this.config.timelineIntervalMs;
    const report: TimelineReport = late ? { ...stop.report, offlineUpdatedAt: Math.floor(stop.at / 1000) } : stop.report;
    try {
      await this.send(entry.session, report);
    } catch (error) {
      const refused = error instanceof PlexRejectedError || error instanceof PlexNotFoundError;
      if (!refused || ++stop.refusals < STOP_REFUSALS_DROPPED_AT) throw error;
      this.logger.warn(`session ${entry.session.id}: Plex refused the stop of ${stop.report.ratingKey} ${stop.refusals} times (${error.message}); dropped it`);
    }
  }

  private async reportLive(entry: TrackedSession, dueAt: number): Promise<void> {
    const { session } = entry;
    const answer = await this.send(session, () => {
      // Position and lateness are taken when a slot to Plex is free, just before the request leaves.
      const now = this.clock.now();
      if (entry.periodic) this.stats.recordLateness(now - dueAt);
      return {
        ratingKey: session.ratingKey,
        state: session.state,
        timeMs: currentPositionMs(session, now),
        durationMs: session.durationMs ?? undefined,
        playQueueItemId: session.playQueueItemId,
      };
    });
    const now = this.clock.now();
    const positionMs = currentPositionMs(session, now);
    if (answer.termination) {
      const { code, text } = answer.termination;
      this.logger.warn(`session ${session.id}: Plex ended the stream (${code ?? '?'}: ${text ?? 'no reason given'})`);
      entry.terminated = true;
      entry.again = true;
      await this.lifecycle.terminated(session, text ?? `code ${code ?? 'unknown'}`, positionMs);
      return;
    }
    this.stats.reportsSent++;
    if (entry.lastLiveAt !== undefined && now - entry.lastLiveAt > this.config.timelineIntervalMs * 1.5) this.stats.missedIntervals++;
    entry.lastLiveAt = now;
  }

  private send(session: PlaybackSession, report: TimelineReport | (() => TimelineReport)) {
    const caller = this.callers.forDevice(session.profileId, session.deviceId);
    return this.limit.run(() => this.plex.reportTimeline(caller, session.id, typeof report === 'function' ? report() : report));
  }

  private finishTracking(entry: TrackedSession): void {
    this.tracked.delete(entry.session.id);
    releaseStopWaiters(entry);
    if (entry.session.stopPending) {
      entry.session.stopPending = false;
      this.sessions.save(entry.session);
    }
  }

  /** Exponential backoff with jitter, never longer than one interval, so a recovered Plex hears everyone within it. */
  private retryDelay(failures: number, error: unknown): number {
    const interval = this.config.timelineIntervalMs;
    if (!(error instanceof PlexUnreachableError)) return interval;
    const base = Math.min(interval, FIRST_RETRY_MS * 2 ** (failures - 1));
    return Math.round(base * (0.5 + Math.random() / 2));
  }
}

function owesStop(entry: TrackedSession): boolean {
  return entry.stops.length > 0;
}

function releaseStopWaiters(entry: TrackedSession): void {
  const waiters = entry.stopWaiters ?? [];
  entry.stopWaiters = undefined;
  for (const release of waiters) release();
}
