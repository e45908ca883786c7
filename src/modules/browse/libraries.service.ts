import { Injectable } from '@nestjs/common';
import { PlexClient } from '../plex/plex.client.js';
import { Cards } from './cards.service.js';
import { decodeCursor, nextCursor } from './cursor.js';
import type { CardPageDto } from './dto/card.dto.js';
import { LibraryDto, type LibraryItemsQueryDto, type LibrarySort } from './dto/library.dto.js';
import { DEFAULT_PAGE } from './dto/page-query.dto.js';
import { LibraryReader } from './library-reader.service.js';

/** Plex's sort field for each of ours. */
const PLEX_SORT: Record<LibrarySort, string> = { title: 'titleSort', addedAt: 'addedAt', year: 'year', lastViewedAt: 'lastViewedAt' };

/** Libraries and pages of their items. */
@Injectable()
export class LibrariesService {
  constructor(
    private readonly reader: LibraryReader,
    private readonly plex: PlexClient,
    private readonly cards: Cards,
  ) {}

  async list(profileId: string): Promise<LibraryDto[]> {
    return (await this.reader.libraries(profileId)).map(({ id, title, type }) => ({ id, title, type }));
  }

  /** A page of a library in a stable order: the sort asked for, then the item id. */
  async items(profileId: string, libraryId: string, query: LibraryItemsQueryDto): Promise<CardPageDto> {
    await this.reader.library(profileId, libraryId);
    const sort = query.sort ?? 'title';
    const order = query.order ?? (sort === 'title' ? 'asc' : 'desc');
    const list = JSON.stringify(['library', libraryId, sort, order, query.unwatched ?? false, query.genre ?? '']);
    const offset = decodeCursor(query.cursor, list);
    const limit = query.limit ?? DEFAULT_PAGE;
    const page = await this.plex.sectionPage(this.reader.caller(profileId), libraryId, {
      start: offset,
      size: limit,
      sort: `${PLEX_SORT[sort]}:${order},id`,
      unwatched: query.unwatched,
      genre: query.genre,
    });
    const items = page.items.slice(0, limit);
    return { items: await this.cards.of(profileId, items), total: page.totalSize, nextCursor: nextCursor(offset, items.length, page.totalSize, list) };
  }
}
