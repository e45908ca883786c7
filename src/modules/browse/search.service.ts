import { Injectable } from '@nestjs/common';
import { PlexClient } from '../plex/plex.client.js';
import { Cards } from './cards.service.js';
import { SEARCH_TYPES, type SearchQueryDto, type SearchResultsDto, type SearchType } from './dto/search.dto.js';
import { LibraryReader } from './library-reader.service.js';

export const DEFAULT_SEARCH_LIMIT = 10;

/** Search through Plex's search hubs, grouped by type. */
@Injectable()
export class SearchService {
  constructor(
    private readonly plex: PlexClient,
    private readonly reader: LibraryReader,
    private readonly cards: Cards,
  ) {}

  async search(profileId: string, query: SearchQueryDto): Promise<SearchResultsDto> {
    // Validated against SEARCH_TYPES by the DTO.
    const types = (query.types as SearchType[] | undefined) ?? SEARCH_TYPES;
    const limit = query.limit ?? DEFAULT_SEARCH_LIMIT;
    const hubs = await this.plex.search(this.reader.caller(profileId), query.q, limit);
    const results = await Promise.all(
      types.map(async (type) => {
        const items = hubs.filter((hub) => hub.type === type).flatMap((hub) => hub.items.filter((item) => item.type === type)).slice(0, limit);
        return { type, items: await this.cards.of(profileId, items) };
      }),
    );
    return { results: results.filter((result) => result.items.length > 0) };
  }
}
