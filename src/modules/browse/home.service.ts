import { Injectable } from '@nestjs/common';
import { PlexCallers } from '../households/plex-callers.service.js';
import { PlexClient } from '../plex/plex.client.js';
import { PlexNotFoundError } from '../plex/plex.errors.js';
import type { PlexMetadataItem } from '../plex/plex.types.js';
import { Cards } from './cards.service.js';
import { ContinueWatching } from './continue-watching.service.js';
import type { HomeDto, RecentlyAddedRowDto } from './dto/home.dto.js';
import { LibraryReader, type KnownLibrary } from './library-reader.service.js';

/** Items per "Recently added" row. */
export const RECENTLY_ADDED_SIZE = 20;
/** New episodes looked at in a show library: several per show are grouped into one card. */
const RECENT_EPISODES = 100;
/** The spec's MediaType of episodes. */
const EPISODE_TYPE = 4;

/** The home screen: "Continue watching", then the newest items of each library. */
@Injectable()
export class HomeService {
  constructor(
    private readonly plex: PlexClient,
    private readonly reader: LibraryReader,
    private readonly cards: Cards,
    private readonly continueWatching: ContinueWatching,
    private readonly callers: PlexCallers,
  ) {}

  async home(profileId: string): Promise<HomeDto> {
    const [continueWatching, libraries] = await Promise.all([
      this.continueWatching.row(profileId, this.callers.serverIdOf(profileId)),
      this.reader.libraries(profileId),
    ]);
    const recentlyAdded = await Promise.all(
      // A library unshared since its list was cached answers 404: its row is left out, the home screen still comes.
      libraries.map((library) =>
        this.recentlyAdded(profileId, library).catch((error: unknown) => {
          if (error instanceof PlexNotFoundError) return { library: { id: library.id, title: library.title }, items: [] };
          throw error;
        }),
      ),
    );
    return { continueWatching, recentlyAdded: recentlyAdded.filter((row) => row.items.length > 0) };
  }

  /** A library's newest items; in a show library, shows with new episodes, each once, by their newest episode. */
  private async recentlyAdded(profileId: string, library: KnownLibrary): Promise<RecentlyAddedRowDto> {
    const caller = this.reader.caller(profileId);
    const newest = { start: 0, sort: 'addedAt:desc,id' };
    let items: PlexMetadataItem[];
    if (library.type === 'show') {
      const episodes = (await this.plex.sectionPage(caller, library.id, { ...newest, size: RECENT_EPISODES, type: EPISODE_TYPE })).items;
      const shows = [...new Set(episodes.map((episode) => episode.grandparentRatingKey ?? episode.ratingKey))].slice(0, RECENTLY_ADDED_SIZE);
      const byKey = new Map((await this.reader.existingItems(profileId, shows)).map((show) => [show.ratingKey, show]));
      items = shows.flatMap((key) => byKey.get(key) ?? []);
    } else {
      items = (await this.plex.sectionPage(caller, library.id, { ...newest, size: RECENTLY_ADDED_SIZE })).items;
    }
    return { library: { id: library.id, title: library.title }, items: await this.cards.of(profileId, items) };
  }
}
