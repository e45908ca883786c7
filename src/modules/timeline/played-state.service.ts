import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { PlexClient } from '../plex/plex.client.js';
import { ProgressRepository } from '../sessions/progress.repository.js';
import { describeSource } from '../sessions/play-queue-source.js';

/** An item a session has left, and where. */
export interface LeftItem {
  ratingKey: string;
  playQueueItemId: number;
  durationMs: number | null;
  positionMs: number;
  /** When it started playing in the session: a played mark by Plex after this counts as this playback's. */
  startedAt: number;
}

const THRESHOLD_CACHE_MS = 5 * 60_000;
/** Plex keeps `lastViewedAt` in whole seconds. */
const SECOND_ROUNDING_MS = 1000;

/**
 * Marks a finished item played exactly once. Plex marks an item itself when live timeline reports cross
 * its played threshold; the proxy only sends `PUT /:/scrobble` when Plex did not (for instance the end
 * came while Plex was unreachable), and never below the threshold.
 */
@Injectable()
export class PlayedStateService {
  private readonly logger = new Logger(PlayedStateService.name);
  /** Each server's played threshold, asked at most once per cache period. */
  private readonly thresholds = new Map<string, { percent: number; until: number }>();

  constructor(
    private readonly plex: PlexClient,
    private readonly callers: PlexCallers,
    private readonly progress: ProgressRepository,
    private readonly clock: Clock,
  ) {}

  /** Whether leaving the item at its position counts as having watched it. */
  async isFinished(serverId: string, item: LeftItem): Promise<boolean> {
    if (!item.durationMs || item.durationMs <= 0) return false;
    return (item.positionMs / item.durationMs) * 100 >= (await this.thresholdPercent(serverId));
  }

  /**
   * For an item left at or past the threshold: saves it as watched (resume point cleared) and makes sure
   * Plex has it played once. Throws a PlexError when Plex cannot be asked; the caller retries.
   */
  async settle(session: PlaybackSession, item: LeftItem): Promise<void> {
    if (!(await this.isFinished(session.serverId, item))) return;
    const caller = this.callers.forDevice(session.profileId, session.deviceId);
    const metadata = await this.plex.metadata(caller, item.ratingKey);
    const markedByPlex =
      metadata.viewCount > 0 &&
      metadata.lastViewedAt !== undefined &&
      metadata.lastViewedAt * 1000 + SECOND_ROUNDING_MS >= item.startedAt;
    if (!markedByPlex) {
      await this.plex.scrobble(caller, item.ratingKey);
      this.logger.log(`session ${session.id}: Plex had not marked ${item.ratingKey} played; scrobbled it`);
    }
    this.saveWatched(session, item);
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
  }

  private async thresholdPercent(serverId: string): Promise<number> {
    const now = this.clock.now();
    let threshold = this.thresholds.get(serverId);
    if (!threshold || threshold.until < now) {
      const { videoPlayedThresholdPercent } = await this.plex.preferences(this.callers.forServer(serverId));
      threshold = { percent: videoPlayedThresholdPercent, until: now + THRESHOLD_CACHE_MS };
      this.thresholds.set(serverId, threshold);
    }
    return threshold.percent;
  }
}
