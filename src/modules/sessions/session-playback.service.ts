import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import { AppEvents } from '../events/app-events.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { creditsStartsOf } from './current-item-details.js';
import { CurrentItemReader } from './current-item-reader.service.js';
import type { PlexPlayQueue, PlexPlayQueueItem } from '../plex/plex.types.js';
import { describeSource } from './play-queue-source.js';
import { cappedToDuration } from './position.js';
import { ProgressRepository } from './progress.repository.js';
import { resumePointMs, type WatchState } from './resume-point.js';
import { SessionRepository } from './session.repository.js';
import { currentPositionMs, snapshotOf } from './session-view.js';

/** An item of the session's queue to move to: Plex's queue item, or one of the session's own snapshot. */
export type QueueTarget = Pick<PlexPlayQueueItem, 'ratingKey' | 'playQueueItemId'> & WatchState;

/** The changes every session goes through: progress, a new current item, the end; each saved and announced. */
@Injectable()
export class SessionPlayback {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly progress: ProgressRepository,
    private readonly events: AppEvents,
    private readonly clock: Clock,
    private readonly callers: PlexCallers,
    private readonly itemReader: CurrentItemReader,
  ) {}

  /** A change of the queue itself (items added, removed, moved, shuffled): taken from Plex's answer and announced. */
  queueChanged(session: PlaybackSession, queue: PlexPlayQueue): void {
    this.applyQueue(session, queue);
    this.events.emit('session', { type: 'queue-changed', session });
  }

  /** Takes the queue's id, version and items from Plex's answer; the current item stays the player's. */
  applyQueue(session: PlaybackSession, queue: PlexPlayQueue): void {
    session.playQueueId = queue.id;
    session.playQueueVersion = queue.version;
    session.queueItems = queue.items.map(snapshotOf);
    session.updatedAt = this.clock.now();
    this.sessions.save(session);
  }

  /** What the client reported: state and position, saved and announced. */
  report(session: PlaybackSession, state: PlaybackSession['state'], positionMs: number): void {
    const now = this.clock.now();
    const previousState = session.state;
    const previousPositionMs = currentPositionMs(session, now);
    session.state = state;
    session.positionMs = cappedToDuration(positionMs, session.durationMs);
    session.positionAt = now;
    session.lastClientAt = now;
    session.updatedAt = now;
    if (state === 'stopped') {
      this.end(session, 'stopped');
      return;
    }
    this.sessions.save(session);
    this.recordProgress(session, session.positionMs);
    this.events.emit('session', { type: 'progress', session, previousState, previousPositionMs });
  }

  /**
   * Makes `target` the current item, starting at its resume point; the item left is saved where it was. The queue
   * is taken from `queue`, Plex's answer; without one the session keeps the queue it last saw.
   */
  async switchTo(session: PlaybackSession, target: QueueTarget, queue?: PlexPlayQueue): Promise<void> {
    const now = this.clock.now();
    const leftAt = currentPositionMs(session, now);
    const previous = {
      ratingKey: session.ratingKey,
      playQueueItemId: session.playQueueItemId,
      positionMs: leftAt,
      durationMs: session.durationMs,
      startedAt: session.itemStartedAt,
      leftAt: now,
      creditsStartsMs: creditsStartsOf(session),
    };
    this.recordProgress(session, leftAt);
    const [saved, details] = await Promise.all([
      this.progress.find(session.profileId, session.serverId, target.ratingKey),
      this.itemReader.read(this.callers.forDevice(session.profileId, session.deviceId), target.ratingKey, target.playQueueItemId),
    ]);
    session.itemDetails = details;
    session.ratingKey = target.ratingKey;
    session.playQueueItemId = target.playQueueItemId;
    session.durationMs = target.durationMs ?? null;
    session.positionMs = resumePointMs(target, saved);
    session.positionAt = now;
    session.state = 'buffering';
    session.itemStartedAt = now;
    session.lastClientAt = now;
    if (queue) {
      this.applyQueue(session, queue);
    } else {
      session.updatedAt = now;
      this.sessions.save(session);
    }
    this.recordProgress(session, session.positionMs);
    this.events.emit('session', { type: 'item-changed', session, previous });
    if (saved?.watched) {
      // Played again from a watched state: the item is in progress, no longer watched, in the profile's progress.
      this.events.emit('progress', { profileId: session.profileId, ratingKey: target.ratingKey, watched: false, positionMs: session.positionMs, deviceId: session.deviceId });
    }
  }

  /** Ends the session where the player is now (or at `positionMs`), with a reason the client will see. */
  end(session: PlaybackSession, reason: string, positionMs?: number): void {
    const now = this.clock.now();
    session.positionMs = positionMs ?? currentPositionMs(session, now);
    session.positionAt = now;
    session.state = 'stopped';
    session.endedAt = now;
    session.endReason = reason;
    session.stopPending = true;
    session.updatedAt = now;
    this.sessions.save(session);
    this.recordProgress(session, session.positionMs);
    this.events.emit('session', { type: 'ended', session });
  }

  /** Saves where the profile is in the session's current item. */
  recordProgress(session: PlaybackSession, positionMs: number, watched = false): void {
    const row = new PlaybackProgress();
    row.profileId = session.profileId;
    row.serverId = session.serverId;
    row.ratingKey = session.ratingKey;
    row.positionMs = watched ? 0 : positionMs;
    row.durationMs = session.durationMs;
    row.watched = watched;
    row.playQueueId = session.playQueueId;
    row.playQueueVersion = session.playQueueVersion;
    row.playQueueItemId = session.playQueueItemId;
    row.source = describeSource(session);
    row.updatedAt = this.clock.now();
    this.progress.record(row);
  }
}
