// The browse-sized part of the demo library: 252 generated movies (enough for several pages of any size up to 100),
// a show with a specials season, and the admin's watch history spread over time.
import type { LibraryItem, WatchState } from './library-types.js';
import { asFamilyDemo, episodeOf, MINUTE, movie, seasonOf, SHOWS_SECTION, base, type PartFiles } from './library-builders.js';

export const GENERATED_MOVIES = 252;
/**
 * The family demo (several audio tracks, one DTS; text and image subtitles, one forced; intro and credits markers): this
 * movie and every episode of show 600 "Harbour Watch".
 */
export const FAMILY_DEMO_MOVIE = '1002';
export const FAMILY_DEMO_SHOW = '600';
/** Generated movies are 1001 … 1252. */
export const FIRST_GENERATED_MOVIE = 1001;
export const GENRES = ['Drama', 'Comedy', 'Documentary', 'Thriller', 'Animation', 'Adventure', 'Romance', 'Science Fiction'];

const ADJECTIVES = ['Silent', 'Golden', 'Hidden', 'Broken', 'Distant', 'Burning', 'Frozen', 'Wandering', 'Last', 'Crimson', 'Quiet', 'Restless', 'Electric'];
const NOUNS = ['River', 'Harbour', 'Orchard', 'Signal', 'Winter', 'Garden', 'Mountain', 'Station', 'Letter', 'Island', 'Compass', 'Lantern', 'Tide', 'Meadow', 'Bridge', 'Summer', 'Archive'];
const RATINGS = ['G', 'PG', 'PG-13', 'R'];
const STUDIOS = ['Northwind Pictures', 'Canal Street Films', 'Aurora Studios'];

/** Spread of `addedAt` (epoch seconds): about two years, one every three days, all before the hand-written items. */
const GENERATED_ADDED_FROM = 1_600_000_000;
const GENERATED_ADDED_STEP = 250_000;
/** The specials show's episodes are the newest items of the library, an hour apart. */
const SPECIALS_SHOW_ADDED_FROM = 1_710_000_000;

/** A watch state seeded for the admin account. */
export interface SeededWatch {
  ratingKey: string;
  state: WatchState;
}

function generatedMovie(files: PartFiles, n: number): LibraryItem {
  const ratingKey = String(FIRST_GENERATED_MOVIE + n);
  const title = `${ADJECTIVES[n % ADJECTIVES.length]} ${NOUNS[(n * 7) % NOUNS.length]} ${Math.floor(n / 20) + 1}`;
  const year = 1950 + ((n * 37) % 75);
  const minutes = 80 + ((n * 13) % 70);
  const genres = [GENRES[n % GENRES.length], GENRES[(n * 3 + 1) % GENRES.length]];
  const addedAt = GENERATED_ADDED_FROM + n * GENERATED_ADDED_STEP;
  return {
    ...movie(files, ratingKey, title, year, minutes, `Generated demo film number ${n + 1}.`),
    thumb: `/library/metadata/${ratingKey}/thumb/${addedAt}`,
    art: `/library/metadata/${ratingKey}/art/${addedAt}`,
    addedAt,
    updatedAt: addedAt,
    contentRating: RATINGS[n % RATINGS.length],
    studio: STUDIOS[n % STUDIOS.length],
    Genre: [...new Set(genres)].map((tag) => ({ tag })),
  };
}

/** Show 600 "Harbour Watch": specials (season 0, key 610), seasons 1 (611) and 2 (612); episodes 61SE. */
function specialsShow(files: PartFiles): LibraryItem[] {
  const layout = [
    { index: 0, episodes: 2 },
    { index: 1, episodes: 4 },
    { index: 2, episodes: 3 },
  ];
  const leafCount = layout.reduce((sum, season) => sum + season.episodes, 0);
  const show: LibraryItem = {
    ...base('600', 'show', 'Harbour Watch', 'The night shift of a small coast guard station.'),
    ...SHOWS_SECTION,
    year: 2022,
    leafCount,
    childCount: layout.length,
    art: `/library/metadata/600/art/${SPECIALS_SHOW_ADDED_FROM}`,
    contentRating: 'TV-14',
    studio: 'Aurora Studios',
    Genre: [{ tag: 'Drama' }, { tag: 'Thriller' }],
    Image: [{ type: 'clearLogo', url: `/library/metadata/600/clearLogo/${SPECIALS_SHOW_ADDED_FROM}` }],
  };
  const items = [show];
  let added = SPECIALS_SHOW_ADDED_FROM;
  for (const { index, episodes } of layout) {
    const season = seasonOf(show, String(610 + index), index, episodes);
    if (index === 0) season.title = 'Specials';
    items.push(season);
    for (let episode = 1; episode <= episodes; episode++) {
      const item = episodeOf(files, season, String(6100 + index * 10 + episode), episode, (40 + episode) * MINUTE, 2022 + index, `Harbour_Watch_S${index}E${episode}`);
      if (index === 0) item.title = `Special ${episode}`;
      added += 3600;
      items.push(asFamilyDemo({ ...item, addedAt: added, updatedAt: added }));
    }
  }
  return items;
}

export function generatedCatalogue(files: PartFiles): LibraryItem[] {
  const movies = Array.from({ length: GENERATED_MOVIES }, (_, n) => generatedMovie(files, n));
  const familyMovie = movies.findIndex((item) => item.ratingKey === FAMILY_DEMO_MOVIE);
  movies[familyMovie] = asFamilyDemo(movies[familyMovie]);
  return [...movies, ...specialsShow(files)];
}

/**
 * The admin's history of the generated movies: every 9th watched, every 25th half-way, at times spread over
 * weeks (so `lastViewedAt` sorts and "Continue watching" have something to order). Household members start clean.
 */
export function seededAdminWatch(): SeededWatch[] {
  const seeds: SeededWatch[] = [];
  for (let n = 0; n < GENERATED_MOVIES; n++) {
    const ratingKey = String(FIRST_GENERATED_MOVIE + n);
    if (n % 25 === 12) seeds.push({ ratingKey, state: { viewCount: 0, viewOffset: 10 * MINUTE, lastViewedAt: 1_695_000_000 + n * 3600 } });
    else if (n % 9 === 4) seeds.push({ ratingKey, state: { viewCount: 1, lastViewedAt: 1_690_000_000 + n * 7200 } });
  }
  return seeds;
}
