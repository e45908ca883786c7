import { generatedCatalogue } from './generated-catalogue.js';
import type { ItemType, LibraryItem, MediaInfo, MediaPart, MediaStream, Playlist } from './library-types.js';
import { isLeaf } from './library-types.js';
import type { GeneratedFile } from './media-files.js';
import {
  ADDED_AT,
  audioMedia,
  base,
  episodeOf,
  generatePartFiles,
  MINUTE,
  movie,
  MUSIC_SECTION,
  resetMediaIds,
  seasonOf,
  SHOWS_SECTION,
  type PartFiles,
} from './library-builders.js';

export { DEFAULT_MEDIA_BYTES, generatePartFiles } from './library-builders.js';
export type { PartFiles } from './library-builders.js';

/** A part, the item and media holding it, and its bytes. */
export interface PartLocation {
  item: LibraryItem;
  media: MediaInfo;
  part: MediaPart;
  file: GeneratedFile;
}

/** Seasons of this many episodes in the long show. */
const LONG_SHOW_SEASON_EPISODES = 20;
/** Season keys are 500 + season (up to 99 seasons), episode keys 50,000 + season × 100 + episode. */
const LONG_SHOW_MAX_EPISODES = 99 * LONG_SHOW_SEASON_EPISODES;

/** Show 500, "The Long Run": `episodes` episodes of 22 minutes in seasons of 20, for long play queues. */
function longShowItems(files: PartFiles, episodes: number): LibraryItem[] {
  const seasons = Math.ceil(episodes / LONG_SHOW_SEASON_EPISODES);
  const show: LibraryItem = {
    ...base('500', 'show', 'The Long Run', 'A serial that never quite ends.'),
    ...SHOWS_SECTION,
    year: 2001,
    leafCount: episodes,
    childCount: seasons,
  };
  const items = [show];
  for (let index = 1; index <= seasons; index++) {
    const count = Math.min(LONG_SHOW_SEASON_EPISODES, episodes - (index - 1) * LONG_SHOW_SEASON_EPISODES);
    const season = seasonOf(show, String(500 + index), index, count);
    items.push(season);
    for (let episode = 1; episode <= count; episode++) {
      const ratingKey = String(50_000 + index * 100 + episode);
      items.push(episodeOf(files, season, ratingKey, episode, 22 * MINUTE, 2000 + index, `The_Long_Run_S${index}E${episode}`));
    }
  }
  return items;
}

function buildItems(files: PartFiles, longShowEpisodes: number): LibraryItem[] {
  resetMediaIds();
  const items: LibraryItem[] = [
    movie(files, '101', 'Paper Boats', 2019, 4, 'A short film about a summer afternoon by the canal.'),
    movie(files, '102', 'The Lighthouse Keeper', 2016, 95, 'A keeper and a storm that will not end.'),
    movie(files, '103', 'Long Way North', 2021, 120, 'Two sisters cross the tundra to find their father.'),
    movie(files, '104', 'Night Market', 2023, 12, 'One night among the food stalls of a harbour town.'),
  ];
  const handWrittenGenres = [['Drama'], ['Drama', 'Thriller'], ['Adventure', 'Animation'], ['Documentary']];
  items.forEach((item, i) => (item.Genre = (handWrittenGenres[i] ?? []).map((tag) => ({ tag }))));

  const show: LibraryItem = {
    ...base('200', 'show', 'Northern Lights', 'A small town under the aurora and the people who stay.'),
    ...SHOWS_SECTION,
    year: 2020,
    leafCount: 6,
    childCount: 2,
  };
  items.push(show);
  for (const index of [1, 2]) {
    const season = seasonOf(show, String(200 + index), index, 3);
    items.push(season);
    for (const episode of [1, 2, 3]) {
      const ratingKey = String(200 + index * 10 + episode);
      items.push(episodeOf(files, season, ratingKey, episode, (22 + episode) * MINUTE, 2019 + index, `Northern_Lights_S0${index}E0${episode}`));
    }
  }

  const artist: LibraryItem = {
    ...base('300', 'artist', 'The Quiet Hours', 'A folk trio from the coast.'),
    ...MUSIC_SECTION,
    childCount: 1,
  };
  const album: LibraryItem = {
    ...base('301', 'album', 'Harbour Songs', 'Their first album.'),
    ...MUSIC_SECTION,
    year: 2018,
    index: 1,
    parentRatingKey: artist.ratingKey,
    parentKey: artist.key,
    parentTitle: artist.title,
    parentThumb: artist.thumb,
    leafCount: 4,
  };
  items.push(artist, album);
  const trackTitles = ['Low Tide', 'Salt and Rope', 'The Ferry at Dawn', 'Harbour Lights'];
  trackTitles.forEach((title, i) => {
    const ratingKey = String(311 + i);
    const duration = (180 + i * 25) * 1000;
    items.push({
      ...base(ratingKey, 'track', title, ''),
      ...MUSIC_SECTION,
      duration,
      index: i + 1,
      parentIndex: 1,
      parentRatingKey: album.ratingKey,
      parentKey: album.key,
      parentTitle: album.title,
      parentThumb: album.thumb,
      grandparentRatingKey: artist.ratingKey,
      grandparentKey: artist.key,
      grandparentTitle: artist.title,
      grandparentThumb: artist.thumb,
      Media: audioMedia(files.audio, duration, title.replace(/\W+/g, '_')),
    });
  });
  items.push(...generatedCatalogue(files));
  if (longShowEpisodes > 0) items.push(...longShowItems(files, longShowEpisodes));
  return items;
}

function buildPlaylists(): Playlist[] {
  return [
    {
      ratingKey: '400',
      key: '/playlists/400/items',
      guid: 'com.plexapp.agents.none://demo-weekend-mix',
      type: 'playlist',
      title: 'Weekend Mix',
      summary: 'A movie, an episode and another movie.',
      playlistType: 'video',
      smart: false,
      addedAt: ADDED_AT,
      updatedAt: ADDED_AT,
      itemRatingKeys: ['101', '211', '104'],
    },
  ];
}

/** A library section as `/library/sections/all` lists it. */
export interface LibrarySection {
  id: number;
  title: string;
  type: 'movie' | 'show' | 'artist';
}

export const SECTIONS: readonly LibrarySection[] = [
  { id: 1, title: 'Movies', type: 'movie' },
  { id: 2, title: 'TV Shows', type: 'show' },
  { id: 3, title: 'Music', type: 'artist' },
];

/**
 * The emulator's demo library: 4 movies and 252 generated ones (generated-catalogue.ts), show 600 with specials, a show (2 seasons x 3 episodes), an artist with one album, a playlist; with
 * `longShowEpisodes`, also show 500 with that many episodes (see longShowItems).
 */
export class DemoLibrary {
  readonly items: readonly LibraryItem[];
  readonly playlists: readonly Playlist[];
  readonly sections: readonly LibrarySection[] = SECTIONS;
  readonly files: PartFiles;
  private readonly byKey: Map<string, LibraryItem>;
  private readonly parts = new Map<number, PartLocation>();
  private readonly streams = new Map<number, { item: LibraryItem; part: MediaPart; stream: MediaStream }>();

  constructor(files: PartFiles = generatePartFiles(), longShowEpisodes = 0) {
    if (!Number.isSafeInteger(longShowEpisodes) || longShowEpisodes < 0 || longShowEpisodes > LONG_SHOW_MAX_EPISODES) {
      throw new Error(`longShowEpisodes must be an integer from 0 to ${LONG_SHOW_MAX_EPISODES}, got ${longShowEpisodes}`);
    }
    this.files = files;
    this.items = buildItems(files, longShowEpisodes);
    this.playlists = buildPlaylists();
    this.byKey = new Map(this.items.map((item) => [item.ratingKey, item]));
    for (const item of this.items) {
      for (const media of item.Media ?? []) {
        const file = item.type === 'track' ? files.audio : files.video;
        for (const part of media.Part) {
          this.parts.set(part.id, { item, media, part, file });
          for (const stream of part.Stream ?? []) this.streams.set(stream.id, { item, part, stream });
        }
      }
    }
  }

  /** Where a part id belongs, with its bytes. */
  part(partId: number): PartLocation | undefined {
    return this.parts.get(partId);
  }

  /** A stream of any part, with its part and item. */
  stream(streamId: number): { item: LibraryItem; part: MediaPart; stream: MediaStream } | undefined {
    return this.streams.get(streamId);
  }

  get(ratingKey: string): LibraryItem | undefined {
    return this.byKey.get(ratingKey);
  }

  /** First item with that title (and type, when given). */
  find(title: string, type?: ItemType): LibraryItem | undefined {
    return this.items.find((item) => item.title === title && (type === undefined || item.type === type));
  }

  section(id: number): LibrarySection | undefined {
    return SECTIONS.find((section) => section.id === id);
  }

  /** Every item of a section, of every type. */
  inSection(id: number): LibraryItem[] {
    return this.items.filter((item) => item.librarySectionID === id);
  }

  ofType(type: ItemType): LibraryItem[] {
    return this.items.filter((item) => item.type === type);
  }

  /** Direct children in index order (seasons of a show, episodes of a season, albums, tracks). */
  children(ratingKey: string): LibraryItem[] {
    return this.items.filter((item) => item.parentRatingKey === ratingKey).sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  }

  /** Playable descendants in play order (a leaf is its own only leaf). */
  leaves(ratingKey: string): LibraryItem[] {
    const item = this.get(ratingKey);
    if (!item) return [];
    if (isLeaf(item)) return [item];
    return this.children(ratingKey).flatMap((child) => this.leaves(child.ratingKey));
  }

  /** The show (or artist) an episode (or track) belongs to. */
  topAncestor(item: LibraryItem): LibraryItem {
    const key = item.grandparentRatingKey ?? item.parentRatingKey;
    return (key && this.get(key)) || item;
  }

  playlist(id: string): Playlist | undefined {
    return this.playlists.find((playlist) => playlist.ratingKey === id);
  }

  playlistItems(id: string): LibraryItem[] {
    const playlist = this.playlist(id);
    if (!playlist) return [];
    return playlist.itemRatingKeys.flatMap((key) => {
      const item = this.get(key);
      return item ? [item] : [];
    });
  }
}
