import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock.js';
import { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import { AppEvents } from '../events/app-events.js';
import { PlexCallers } from '../households/plex-callers.service.js';
import { MAX_PLEX_PAGE, PlexClient } from '../plex/plex.client.js';
import type { PlexMetadataItem } from '../plex/plex.types.js';
import { ProgressRepository } from '../sessions/progress.repository.js';
import { isLeaf } from './card-mapper.js';
import { Cards } from './cards.service.js';
import type { CardDto } from './dto/card.dto.js';
import { LibraryReader } from './library-reader.service.js';

/** Marks items watched or unwatched: Plex first (with the profile's token), then the proxy's own progress, then the event. */
@Injectable()
export class WatchedService {
  constructor(
    private readonly plex: PlexClient,
    private readonly reader: LibraryReader,
    private readonly cards: Cards,
    private readonly events: AppEvents,
    private readonly progress: ProgressRepository,
    private readonly callers: PlexCallers,
    private readonly clock: Clock,
  ) {}

  async mark(profileId: string, ratingKey: string, watched: boolean): Promise<CardDto> {
    const item = await this.reader.item(profileId, ratingKey);
    const caller = this.reader.caller(profileId);
    if (watched) await this.plex.scrobble(caller, ratingKey);
    else await this.plex.unscrobble(caller, ratingKey);
    await this.follow(profileId, item, watched);
    // Live streams hear of it, and the profile's browse cache is dropped (it listens too).
    this.events.emit('progress', { profileId, ratingKey, watched, positionMs: 0, deviceId: null });
    return (await this.cards.of(profileId, [await this.reader.item(profileId, ratingKey)]))[0];
  }

  /**
   * The proxy's progress follows the mark: a leaf gets a row (watched, or cleared); below a show, season or album,
   * the episodes or tracks the proxy has progress for are updated the same way.
   */
  private async follow(profileId: string, item: PlexMetadataItem, watched: boolean): Promise<void> {
    const serverId = this.callers.serverIdOf(profileId);
    let leaves = [item];
    if (!isLeaf(item)) {
      leaves = [];
      const caller = this.reader.caller(profileId);
      for (let start = 0; ; start += MAX_PLEX_PAGE) {
        const page = await this.plex.leavesPage(caller, item.ratingKey, start, MAX_PLEX_PAGE);
        leaves.push(...page.items);
        if (page.items.length === 0 || start + page.items.length >= page.totalSize) break;
      }
    }
    const saved = await this.progress.findMany(profileId, serverId, leaves.map((leaf) => leaf.ratingKey));
    const now = this.clock.now();
    for (const leaf of leaves) {
      const known = saved.get(leaf.ratingKey);
      if (!known && !isLeaf(item)) continue;
      const row = Object.assign(new PlaybackProgress(), known ?? { profileId, serverId, ratingKey: leaf.ratingKey, playQueueId: null, playQueueVersion: null, playQueueItemId: null, source: null });
      row.positionMs = 0;
      row.durationMs = known?.durationMs ?? leaf.durationMs ?? null;
      row.watched = watched;
      row.updatedAt = now;
      this.progress.record(row);
    }
  }
}
