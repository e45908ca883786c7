import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { BackgroundTasks, RetriesExhaustedError } from '../../common/background-tasks.js';
import { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import { AppEvents } from '../events/app-events.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { PlexClient } from '../plex/plex.client.js';
import { PlexError, PlexNotFoundError } from '../plex/plex.errors.js';
import type { PlexCaller, PlexPreferences } from '../plex/plex.types.js';
import type { PreviousItem } from '../sessions/session-events.js';
import { ProgressRepository } from '../sessions/progress.repository.js';
import { describeSource } from '../sessions/play-queue-source.js';
import { ServerSettings } from './server-settings.service.js';

/** An item a session has left, and where and when. */
export type LeftItem = PreviousItem;

/** Plex keeps `lastViewedAt` in whole seconds. */
const SECOND_ROUNDING_MS = 1000;
/** The lowest played threshold Plex offers: an item left before it cannot have been marked by its reports. */
const LOWEST_PLEX_THRESHOLD_PERCENT = 50;

/**
 * Keeps an item a session left played exactly once, in Plex and in the proxy's progress. Plex marks an item
 * itself when live timeline reports cross its played threshold; the proxy sends `PUT /:/scrobble` only when
 * Plex did not (the end came while Plex was unreachable, say), and never below the threshold. When Plex shows
 * the item played since it started in the session, the proxy saves it watched too.
 *
 * Every check runs beside the session's timeline reports, with a bounded retry of its own: nothing a report
 * waits on, and a check that keeps failing is given up and logged once.
 */
@Injectable()
export class PlayedStateService {
  private readonly logger = new Logger(PlayedStateService.name);

  constructor(
    private readonly plex: PlexClient,
    private readonly callers: PlexCallers,
    private readonly progress: ProgressRepository,
    private readonly settings: ServerSettings,
    private readonly tasks: BackgroundTasks,
    private readonly clock: Clock,
    private readonly events: AppEvents,
  ) {}

  /**
   * Starts the check of an item the session left. An item left at or past the server's played threshold as a
   * `finish` (not a lost client, not a termination) is saved watched at once; Plex is asked once `reported`
   * resolves, that is once the item's `stopped` report reached it, so Plex's own mark is in by then.
   */
  check(session: PlaybackSession, item: LeftItem, finish: boolean, reported: Promise<void>): void {
    void this.run(session, item, finish, reported).catch((error: unknown) => {
      this.logger.error(`session ${session.id}: played check of ${item.ratingKey} failed: ${(error as Error).stack ?? String(error)}`);
    });
  }

  private async run(session: PlaybackSession, item: LeftItem, finish: boolean, reported: Promise<void>): Promise<void> {
    const reached = finish && (await this.tasks.track(this.pastThreshold(session.serverId, item)));
    if (reached) this.saveWatched(session, item);
    if (!reached && percentOf(item) < LOWEST_PLEX_THRESHOLD_PERCENT) return;
    await reported;
    const caller = this.callers.forDevice(session.profileId, session.deviceId);
    let outcome: 'marked' | 'unplayed' | 'scrobbled';
    try {
      outcome = await this.tasks.run(async () => {
        // Asked again before every scrobble: a scrobble that timed out may still have been recorded.
        if (await this.markedByPlex(caller, item)) return 'marked';
        if (!reached) return 'unplayed';
        await this.plex.scrobble(caller, item.ratingKey);
        return 'scrobbled';
      }, isWorthRetrying);
    } catch (error) {
      if (!(error instanceof RetriesExhaustedError) && !(error instanceof PlexError)) throw error;
      const what = reached ? 'make sure Plex has it played' : 'see whether Plex marked it played';
      this.logger.warn(`session ${session.id}: could not ${what} (${item.ratingKey}): ${error.message}`);
      return;
    }
    if (outcome === 'scrobbled') this.logger.log(`session ${session.id}: Plex had not marked ${item.ratingKey} played; scrobbled it`);
    if (outcome === 'marked' && !reached && !(await this.tasks.track(this.savedSince(session, item)))) this.saveWatched(session, item);
  }

  private async pastThreshold(serverId: string, item: LeftItem): Promise<boolean> {
    if (percentOf(item) === 0) return false;
    return reachedPlayedPoint(item, await this.settings.preferences(serverId));
  }

  /** Plex has the item played since it started playing in the session. */
  private async markedByPlex(caller: PlexCaller, item: LeftItem): Promise<boolean> {
    const metadata = await this.plex.metadata(caller, item.ratingKey);
    return metadata.viewCount > 0 && metadata.lastViewedAt !== undefined && metadata.lastViewedAt * 1000 + SECOND_ROUNDING_MS >= item.startedAt;
  }

  /** Progress for the item was saved after it was left (played again since): that is newer than Plex's mark. */
  private async savedSince(session: PlaybackSession, item: LeftItem): Promise<boolean> {
    const saved = await this.progress.find(session.profileId, session.serverId, item.ratingKey);
    return saved !== undefined && saved.updatedAt > item.leftAt;
  }

  private saveWatched(session: PlaybackSession, item: LeftItem): void {
    const row = Object.assign(new PlaybackProgress(), {
      profileId: session.profileId,
      serverId: session.serverId,
      ratingKey: item.ratingKey,
      positionMs: 0,
      durationMs: item.durationMs,
      watched: true,
      playQueueId: session.playQueueId,
      playQueueVersion: session.playQueueVersion,
      playQueueItemId: item.playQueueItemId,
      source: describeSource(session),
      updatedAt: this.clock.now(),
    } satisfies Partial<PlaybackProgress>);
    this.progress.record(row);
    this.events.emit('progress', { profileId: session.profileId, ratingKey: item.ratingKey, watched: true, positionMs: 0, deviceId: session.deviceId });
  }
}

/** A failed Plex call may work on a later try, except for an item Plex no longer has. */
function isWorthRetrying(error: unknown): boolean {
  return error instanceof PlexError && !(error instanceof PlexNotFoundError);
}

/** Left at or past the played threshold: watched. Never without a known duration. */
export function reachedThreshold(item: Pick<LeftItem, 'positionMs' | 'durationMs'>, thresholdPercent: number): boolean {
  return percentOf(item) > 0 && percentOf(item) >= thresholdPercent;
}

/**
 * Left at or past where the server counts an item played (`LibraryVideoPlayedAtBehaviour`): the threshold (0), the final
 * credits marker (1), the first one (2), or the earlier of the threshold and the first credits marker (3, Plex's
 * default). Without a known credits marker, the threshold. Never without a known duration.
 */
export function reachedPlayedPoint(
  item: Pick<LeftItem, 'positionMs' | 'durationMs' | 'creditsStartsMs'>,
  preferences: PlexPreferences,
): boolean {
  const threshold = reachedThreshold(item, preferences.videoPlayedThresholdPercent);
  const credits = item.creditsStartsMs ?? [];
  if (percentOf(item) === 0 || credits.length === 0) return threshold;
  const atFirstCredits = item.positionMs >= Math.min(...credits);
  switch (preferences.videoPlayedAtBehaviour) {
    case 0:
      return threshold;
    case 1:
      return item.positionMs >= Math.max(...credits);
    case 2:
      return atFirstCredits;
    case 3:
      return threshold || atFirstCredits;
  }
}

/** How far into the item it was left, in percent; 0 without a duration. */
function percentOf(item: Pick<LeftItem, 'positionMs' | 'durationMs'>): number {
  return item.durationMs && item.durationMs > 0 ? (item.positionMs / item.durationMs) * 100 : 0;
}
