import { Injectable } from '@nestjs/common';
import type { PlaybackProgress } from '../../entities/playback-progress.entity.js';
import { MAX_PLEX_PAGE, PlexClient } from '../plex/plex.client.js';
import type { PlexCaller, PlexMetadataItem } from '../plex/plex.types.js';
import { ProgressRepository } from './progress.repository.js';

/** Where the profile is in an episode: its own saved progress when at least as new as Plex's last view, else Plex's. */
function stateOf(episode: PlexMetadataItem, saved: PlaybackProgress | undefined): { watched: boolean; positionMs: number } {
  if (saved && saved.updatedAt >= (episode.lastViewedAt ?? 0) * 1000) {
    return { watched: saved.watched, positionMs: saved.watched ? 0 : saved.positionMs };
  }
  const positionMs = episode.viewOffsetMs ?? 0;
  return { watched: episode.viewCount > 0 && positionMs === 0, positionMs };
}

/**
 * The episode of a show or season to play, as Plex's On Deck picks it: the first one in progress, else the first
 * unwatched one (specials, season 0, only when nothing else is left); the first episode again when all are watched or
 * when asked to start from the start. Pages through the episodes (100 at a time) until it is found.
 */
@Injectable()
export class OnDeck {
  constructor(
    private readonly plex: PlexClient,
    private readonly progress: ProgressRepository,
  ) {}

  async episodeToPlay(caller: PlexCaller, profileId: string, serverId: string, ratingKey: string, fromStart: boolean): Promise<PlexMetadataItem | undefined> {
    let first: PlexMetadataItem | undefined;
    let firstUnwatched: PlexMetadataItem | undefined;
    let firstSpecial: PlexMetadataItem | undefined;
    for (let start = 0; ; start += MAX_PLEX_PAGE) {
      const page = await this.plex.leavesPage(caller, ratingKey, start, MAX_PLEX_PAGE);
      const saved = fromStart ? new Map<string, PlaybackProgress>() : await this.progress.findMany(profileId, serverId, page.items.map((episode) => episode.ratingKey));
      for (const episode of page.items) {
        if (episode.parentIndex !== 0) first ??= episode;
        if (fromStart) {
          if (first) return first;
          continue;
        }
        const state = stateOf(episode, saved.get(episode.ratingKey));
        if (state.watched) continue;
        if (state.positionMs > 0) return episode;
        if (episode.parentIndex === 0) firstSpecial ??= episode;
        else firstUnwatched ??= episode;
      }
      if (page.items.length === 0 || start + page.items.length >= page.totalSize) break;
    }
    return firstUnwatched ?? firstSpecial ?? first;
  }
}
