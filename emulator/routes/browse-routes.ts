import { HttpError } from '../http-error.js';
import type { ItemType, LibraryItem } from '../library-types.js';
import { isLeaf } from '../library-types.js';
import { metadataJson } from '../metadata-view.js';
import { boolInt, int, object, str } from '../param-rules.js';
import type { RequestContext, RouteDef } from '../route-types.js';
import { container } from '../route-types.js';
import { seesSection } from '../users.js';
import { continueWatching } from './continue-watching.js';

/** The spec's MediaType numbers. */
const MEDIA_TYPES: Record<string, ItemType> = { 1: 'movie', 2: 'show', 3: 'season', 4: 'episode', 5: 'artist', 6: 'album', 7: 'track' };
const SEARCH_TYPES: readonly ItemType[] = ['movie', 'show', 'season', 'episode', 'artist', 'album', 'track'];

/** An item the caller may see (its section is shared with them), else 404 as for an unknown key. */
export function visibleItem(context: RequestContext, ratingKey: string): LibraryItem {
  const item = context.state.library.get(ratingKey);
  if (!item || !seesSection(context.user, item.librarySectionID)) throw new HttpError(404, `no metadata item ${ratingKey}`);
  return item;
}

function headerOrQuery(context: RequestContext, name: string): string | undefined {
  return context.query[name] ?? context.headers[name.toLowerCase()];
}

/** `X-Plex-Container-Start`/`-Size` (query or header): the page asked for; everything when no size is given. */
function page<T>(context: RequestContext, all: readonly T[]): { items: T[]; offset: number } {
  const start = headerOrQuery(context, 'X-Plex-Container-Start');
  const size = headerOrQuery(context, 'X-Plex-Container-Size');
  for (const [name, value] of [['X-Plex-Container-Start', start], ['X-Plex-Container-Size', size]] as const) {
    if (value !== undefined && !/^\d+$/.test(value)) throw new HttpError(400, `${name} must be a non-negative integer, got '${value}'`);
  }
  const offset = start === undefined ? 0 : Number(start);
  const end = size === undefined ? all.length : offset + Number(size);
  return { items: all.slice(offset, end), offset };
}

function listContainer(context: RequestContext, all: readonly LibraryItem[], extra: Record<string, unknown> = {}) {
  const { state, user } = context;
  const { items, offset } = page(context, all);
  return container({
    size: items.length,
    totalSize: all.length,
    offset,
    identifier: 'com.plexapp.plugins.library',
    ...extra,
    Metadata: items.map((item) => metadataJson(item, state.library, state.watch, user.name)),
  });
}

type SortValue = (item: LibraryItem) => number | string;

function sortValue(context: RequestContext, field: string): SortValue {
  const { state, user } = context;
  switch (field) {
    case 'titleSort':
    case 'title':
      return (item) => item.title.toLowerCase();
    case 'addedAt':
      return (item) => item.addedAt;
    case 'year':
    case 'originallyAvailableAt':
      return (item) => item.year ?? 0;
    case 'lastViewedAt':
      return (item) => state.watch.get(user.name, item.ratingKey).lastViewedAt ?? 0;
    case 'duration':
      return (item) => item.duration ?? 0;
    case 'index':
      return (item) => item.index ?? 0;
    case 'id':
      return (item) => (/^\d+$/.test(item.ratingKey) ? Number(item.ratingKey) : item.ratingKey);
    default:
      throw new HttpError(400, `cannot sort by '${field}'`);
  }
}

/** `sort=field[:desc|:asc],field…`, Plex's media query form. */
function comparator(context: RequestContext, sort: string | undefined): (a: LibraryItem, b: LibraryItem) => number {
  const keys = (sort ?? 'titleSort').split(',').map((part) => {
    const [field = '', direction = 'asc'] = part.split(':');
    if (direction !== 'asc' && direction !== 'desc') throw new HttpError(400, `sort direction must be asc or desc, got '${direction}'`);
    return { value: sortValue(context, field), sign: direction === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { value, sign } of keys) {
      const x = value(a);
      const y = value(b);
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    return 0;
  };
}

function unwatched(context: RequestContext, item: LibraryItem): boolean {
  const { state, user } = context;
  const leaves = isLeaf(item) ? [item] : state.library.leaves(item.ratingKey);
  return leaves.some((leaf) => state.watch.get(user.name, leaf.ratingKey).viewCount === 0);
}

function sectionItems(context: RequestContext) {
  const { state, query, user } = context;
  const section = state.library.section(Number(context.pathParams.sectionId));
  if (!section || !seesSection(user, section.id)) throw new HttpError(404, `no library section ${context.pathParams.sectionId}`);
  let type: ItemType = section.type;
  if (query.type !== undefined) {
    const asked = MEDIA_TYPES[query.type];
    if (!asked) throw new HttpError(400, `type must be one of ${Object.keys(MEDIA_TYPES).join(', ')}, got '${query.type}'`);
    type = asked;
  }
  const genre = query.genre?.toLowerCase();
  const items = state.library
    .inSection(section.id)
    .filter((item) => item.type === type)
    .filter((item) => genre === undefined || (item.Genre ?? []).some((tag) => tag.tag.toLowerCase() === genre))
    .filter((item) => query.unwatched !== '1' || unwatched(context, item))
    .sort(comparator(context, query.sort));
  return listContainer(context, items, { librarySectionID: section.id, librarySectionTitle: section.title });
}

function search(context: RequestContext) {
  const { state, query, user } = context;
  const words = (query.query ?? '').toLowerCase().trim();
  const limit = query.limit !== undefined ? Number(query.limit) : 10;
  const sectionId = query.sectionId !== undefined ? Number(query.sectionId) : undefined;
  const matches = state.library.items.filter(
    (item) =>
      words !== '' &&
      item.title.toLowerCase().includes(words) &&
      seesSection(user, item.librarySectionID) &&
      (sectionId === undefined || item.librarySectionID === sectionId),
  );
  const hubs = SEARCH_TYPES.map((type) => {
    const found = matches.filter((item) => item.type === type).slice(0, limit);
    return {
      hubIdentifier: type,
      title: type,
      type,
      size: found.length,
      Metadata: found.map((item) => metadataJson(item, state.library, state.watch, user.name)),
    };
  }).filter((hub) => hub.size > 0);
  return container({ size: hubs.length, Hub: hubs });
}

const sectionsAll = {
  template: '/library/sections/all',
  operations: [
    {
      method: 'GET',
      query: [],
      access: 'user' as const,
      handle: ({ state, user }: RequestContext) => {
        const sections = state.library.sections.filter((section) => seesSection(user, section.id));
        return container({
          size: sections.length,
          Directory: sections.map((section) => ({
            key: String(section.id),
            title: section.title,
            type: section.type,
            agent: 'tv.plex.agents.none',
            uuid: `demo-section-${section.id}`,
          })),
        });
      },
    },
  ],
  unimplemented: ['POST'],
};

export const browseRoutes: RouteDef[] = [
  sectionsAll,
  {
    template: '/library/sections/{sectionId}/all',
    operations: [
      {
        method: 'GET',
        query: [
          int('X-Plex-Container-Start'),
          int('X-Plex-Container-Size'),
          object('mediaQuery', [int('type'), int('sourceType'), str('sort'), str('group'), int('limit')]),
          boolInt('includeMeta'),
          boolInt('includeGuids'),
        ],
        // Filters real clients send beside the media query (the spec's object allows only its five properties).
        exceptions: [boolInt('unwatched'), str('genre')],
        access: 'user',
        handle: sectionItems,
      },
    ],
    unimplemented: ['PUT'],
  },
  {
    template: '/hubs/continueWatching',
    operations: [{ method: 'GET', query: [int('count')], access: 'user', handle: continueWatching }],
  },
  {
    template: '/hubs/search',
    operations: [{ method: 'GET', query: [str('query', true), int('sectionId'), int('limit')], access: 'user', handle: search }],
  },
];

/**
 * Calls the spec lacks that real clients make; each is a named exception in the conformance tests.
 * `GET /library/metadata/{ids}/children`: a show's seasons, an artist's albums, a season's episodes (Plex Web,
 * PlexKodiConnect, python-plexapi, Plezy).
 */
export const namedExceptionRoutes: RouteDef[] = [
  {
    template: '/library/metadata/{ids}/children',
    operations: [
      {
        method: 'GET',
        query: [],
        access: 'user',
        handle: (context) => {
          const parent = visibleItem(context, context.pathParams.ids ?? '');
          return listContainer(context, context.state.library.children(parent.ratingKey), { key: parent.ratingKey, title1: parent.title });
        },
      },
    ],
  },
];
