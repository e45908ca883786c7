import { Injectable } from '@nestjs/common';
import { MAX_PLEX_PAGE, PlexClient } from '../plex/plex.client.js';
import type { PlexMedia, PlexMetadataItem, PlexPage } from '../plex/plex.types.js';
import { trackSnapshot } from '../sessions/current-item-details.js';
import { progressOf } from './card-mapper.js';
import { Cards } from './cards.service.js';
import { decodeCursor, nextCursor } from './cursor.js';
import type { CardDto, CardPageDto } from './dto/card.dto.js';
import type { ItemDetailDto, MediaSummaryDto } from './dto/item-detail.dto.js';
import { DEFAULT_PAGE, type PageQueryDto } from './dto/page-query.dto.js';
import { LibraryReader } from './library-reader.service.js';

/** Types whose children are the level below (seasons, albums): listed by `/children`, which the spec lacks. */
const LISTED_BY_CHILDREN = new Set(['show', 'artist']);
/** Types whose children are playable (episodes, tracks): listed by `/allLeaves`, which the spec declares. */
const LISTED_BY_LEAVES = new Set(['season', 'album']);

/** An item's detail page and its children. */
@Injectable()
export class ItemsService {
  constructor(
    private readonly reader: LibraryReader,
    private readonly plex: PlexClient,
    private readonly cards: Cards,
  ) {}

  async detail(profileId: string, ratingKey: string): Promise<ItemDetailDto> {
    const item = await this.reader.item(profileId, ratingKey);
    const [card] = await this.cards.of(profileId, [item]);
    const detail: ItemDetailDto = {
      ...card,
      summary: item.summary || undefined,
      genres: item.genres,
      contentRating: item.contentRating,
      studio: item.studio,
      media: item.media[0] ? mediaSummary(item.media[0]) : undefined,
    };
    if (item.type === 'show') {
      const [seasons, nextUp] = await Promise.all([
        this.plex.childrenPage(this.reader.caller(profileId), ratingKey, 0, MAX_PLEX_PAGE),
        this.nextUp(profileId, ratingKey),
      ]);
      detail.seasons = await this.cards.of(profileId, seasons.items);
      detail.nextUp = nextUp;
    } else if (LISTED_BY_LEAVES.has(item.type)) {
      detail.children = await this.children(profileId, ratingKey, {});
    }
    return detail;
  }

  /** Seasons of a show, albums of an artist, episodes of a season, tracks of an album; an empty page for the rest. */
  async children(profileId: string, ratingKey: string, query: PageQueryDto): Promise<CardPageDto> {
    const item = await this.reader.item(profileId, ratingKey);
    const list = JSON.stringify(['children', ratingKey]);
    const offset = decodeCursor(query.cursor, list);
    const limit = query.limit ?? DEFAULT_PAGE;
    const page = await this.childPage(profileId, item, offset, limit);
    const items = page.items.slice(0, limit);
    return { items: await this.cards.of(profileId, items), total: page.totalSize, nextCursor: nextCursor(offset, items.length, page.totalSize, list) };
  }

  private childPage(profileId: string, item: PlexMetadataItem, start: number, size: number): Promise<PlexPage> {
    const caller = this.reader.caller(profileId);
    if (LISTED_BY_CHILDREN.has(item.type)) return this.plex.childrenPage(caller, item.ratingKey, start, size);
    if (LISTED_BY_LEAVES.has(item.type)) return this.plex.leavesPage(caller, item.ratingKey, start, size);
    return Promise.resolve({ items: [], offset: start, totalSize: 0 });
  }

  /**
   * The episode to play next: one in progress (the proxy's saved progress counts), else the first unwatched; specials
   * (season 0) only when nothing else is left. Pages through the show's episodes until it is found.
   */
  private async nextUp(profileId: string, showKey: string): Promise<CardDto | undefined> {
    const caller = this.reader.caller(profileId);
    let firstUnwatched: { item: PlexMetadataItem; start: number } | undefined;
    let firstSpecial: PlexMetadataItem | undefined;
    for (let start = 0; ; start += MAX_PLEX_PAGE) {
      const page = await this.plex.leavesPage(caller, showKey, start, MAX_PLEX_PAGE);
      const saved = await this.cards.savedProgress(profileId, page.items.map((episode) => episode.ratingKey));
      for (const episode of page.items) {
        const progress = progressOf(episode, saved.get(episode.ratingKey));
        if (progress.watched) continue;
        if (progress.positionMs > 0) return this.cards.card(profileId, episode, saved.get(episode.ratingKey));
        if (episode.parentIndex === 0) firstSpecial ??= episode;
        else firstUnwatched ??= { item: episode, start };
      }
      if (page.items.length === 0 || start + page.items.length >= page.totalSize) break;
    }
    const chosen = firstUnwatched?.item ?? firstSpecial;
    if (!chosen) return undefined;
    const saved = await this.cards.savedProgress(profileId, [chosen.ratingKey]);
    return this.cards.card(profileId, chosen, saved.get(chosen.ratingKey));
  }
}

function mediaSummary(media: PlexMedia): MediaSummaryDto {
  return {
    videoResolution: media.videoResolution,
    container: media.container,
    durationMs: media.durationMs,
    audioTracks: media.audioStreams.map(trackSnapshot),
    subtitleTracks: media.subtitleStreams.map(trackSnapshot),
  };
}
