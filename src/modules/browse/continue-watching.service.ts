import { Injectable } from '@nestjs/common';
import type { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import { PlexClient } from '../plex/plex.client.js';
import type { PlexMetadataItem } from '../plex/plex.types.js';
import { progressOf } from './card-mapper.js';
import { Cards } from './cards.service.js';
import type { ContinueCardDto } from './dto/card.dto.js';
import { LibraryReader } from './library-reader.service.js';

/** Entries in the row at most. */
export const CONTINUE_WATCHING_SIZE = 20;
/** Recent proxy progress looked at: more than the row, as some of it is finished or belongs to one show. */
const RECENT_PROGRESS = 40;

interface Candidate {
  item: PlexMetadataItem;
  saved?: PlaybackProgress;
  /** When the profile last did something with it (ms). */
  at: number;
}

/**
 * "Continue watching": Plex's hub (in-progress items and next episodes) merged with the proxy's own saved progress,
 * which Plex may not have heard of yet (a player stopped a moment ago); finished items leave, one entry per show,
 * newest first.
 */
@Injectable()
export class ContinueWatching {
  constructor(
    private readonly plex: PlexClient,
    private readonly reader: LibraryReader,
    private readonly cards: Cards,
  ) {}

  async row(profileId: string, serverId: string): Promise<ContinueCardDto[]> {
    const caller = this.reader.caller(profileId);
    const [hub, recent] = await Promise.all([
      this.plex.continueWatching(caller, CONTINUE_WATCHING_SIZE),
      this.cards.recentProgress(profileId, serverId, RECENT_PROGRESS),
    ]);
    const recentKeys = new Set(recent.map((row) => row.ratingKey));
    const inHub = new Set(hub.map((item) => item.ratingKey));
    const missing = recent.filter((row) => !inHub.has(row.ratingKey) && !row.watched && row.positionMs > 0).map((row) => row.ratingKey);
    const extra = await this.reader.existingItems(profileId, missing);
    const saved = await this.cards.savedProgress(profileId, [...hub, ...extra].map((item) => item.ratingKey).filter((key) => !recentKeys.has(key)));
    for (const row of recent) saved.set(row.ratingKey, row);

    const items = [...hub, ...extra];
    const times = timesOf(hub, saved);
    const byShow = new Map<string, Candidate & { reason: 'resume' | 'next' }>();
    items.forEach((item, index) => {
      const row = saved.get(item.ratingKey);
      const progress = progressOf(item, row);
      if (progress.watched) return;
      const reason = progress.positionMs > 0 ? 'resume' : 'next';
      const at = times[index] ?? lastActivity(item, row);
      const group = item.grandparentRatingKey ?? item.ratingKey;
      const known = byShow.get(group);
      if (!known || at > known.at) byShow.set(group, { item, saved: row, at, reason });
    });
    return [...byShow.values()]
      .sort((a, b) => b.at - a.at)
      .slice(0, CONTINUE_WATCHING_SIZE)
      .map((candidate) => ({ ...this.cards.card(profileId, candidate.item, candidate.saved), reason: candidate.reason }));
  }
}

function lastActivity(item: PlexMetadataItem, saved: PlaybackProgress | undefined): number {
  return Math.max(saved?.updatedAt ?? 0, (item.lastViewedAt ?? 0) * 1000);
}

/**
 * When the profile last did something with each hub item. A next episode has no time of its own (it was never
 * played): it takes its neighbour's in Plex's hub, which is newest first, so Plex's order holds among them.
 */
function timesOf(hub: readonly PlexMetadataItem[], saved: Map<string, PlaybackProgress>): number[] {
  const times = hub.map((item) => lastActivity(item, saved.get(item.ratingKey)));
  for (let i = 1; i < times.length; i++) if (times[i] === 0) times[i] = times[i - 1]!;
  for (let i = times.length - 2; i >= 0; i--) if (times[i] === 0) times[i] = times[i + 1]!;
  return times;
}
