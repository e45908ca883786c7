import { HttpError } from '../http-error.js';
import type { LibraryItem } from '../library-types.js';
import { metadataJson, playlistJson } from '../metadata-view.js';
import { boolInt, bool, intList, oneOf } from '../param-rules.js';
import type { RequestContext, RouteDef } from '../route-types.js';
import { container } from '../route-types.js';
import { visibleItem } from './browse-routes.js';

/** Plex's numeric metadata types, used by the `type` filter of playlist items. */
const TYPE_NUMBERS: Record<string, number> = { movie: 1, show: 2, season: 3, episode: 4, artist: 8, album: 9, track: 10 };

function requireItems(context: RequestContext): LibraryItem[] {
  const ids = (context.pathParams.ids ?? '').split(',');
  return ids.map((id) => visibleItem(context, id.trim()));
}

function metadataContainer(context: RequestContext, items: readonly LibraryItem[], extra: Record<string, unknown> = {}) {
  const { state, user, query } = context;
  const extras = { selections: state.selections, includeMarkers: query.includeMarkers === '1' };
  const metadata = items.map((item) => metadataJson(item, state.library, state.watch, user.name, extras));
  return container({
    size: metadata.length,
    totalSize: metadata.length,
    offset: 0,
    identifier: 'com.plexapp.plugins.library',
    ...extra,
    Metadata: metadata,
  });
}

/** A page of leaves when the caller sends `X-Plex-Container-Start`/`-Size` headers (the spec declares no paging here). */
function leavesPage(context: RequestContext, leaves: readonly LibraryItem[], extra: Record<string, unknown>) {
  const start = Number(context.headers['x-plex-container-start'] ?? 0);
  const size = context.headers['x-plex-container-size'];
  const end = size === undefined ? leaves.length : start + Number(size);
  if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(end) || end < start) throw new HttpError(400, 'bad container start or size');
  const { state, user } = context;
  return container({
    size: Math.max(0, Math.min(end, leaves.length) - start),
    totalSize: leaves.length,
    offset: start,
    identifier: 'com.plexapp.plugins.library',
    ...extra,
    Metadata: leaves.slice(start, end).map((item) => metadataJson(item, state.library, state.watch, user.name)),
  });
}

function requirePlaylist(context: RequestContext) {
  const playlist = context.state.library.playlist(context.pathParams.playlistId ?? '');
  if (!playlist) throw new HttpError(404, `no playlist ${context.pathParams.playlistId}`);
  return playlist;
}

export const libraryRoutes: RouteDef[] = [
  {
    template: '/library/metadata/{ids}',
    operations: [
      {
        method: 'GET',
        query: [
          boolInt('asyncCheckFiles'),
          boolInt('asyncRefreshLocalMediaAgent'),
          boolInt('asyncRefreshAnalysis'),
          boolInt('checkFiles'),
          boolInt('skipRefresh'),
          boolInt('checkFileAvailability'),
          boolInt('asyncAugmentMetadata'),
          boolInt('augmentCount'),
        ],
        // Intro and credits markers: the metadata schema has no Marker and no parameter asks for them (Plex Web,
        // PlexKodiConnect, python-plexapi, Plezy send includeMarkers=1).
        exceptions: [boolInt('includeMarkers')],
        access: 'user',
        handle: (context) => metadataContainer(context, requireItems(context)),
      },
    ],
    unimplemented: ['PUT', 'DELETE'],
  },
  {
    template: '/library/metadata/{ids}/allLeaves',
    operations: [
      {
        method: 'GET',
        query: [],
        access: 'user',
        handle: (context) => {
          const parents = requireItems(context);
          const leaves = parents.flatMap((parent) => context.state.library.leaves(parent.ratingKey));
          const first = parents[0];
          return leavesPage(context, leaves, first ? { key: first.ratingKey, title1: first.title } : {});
        },
      },
    ],
  },
  {
    template: '/playlists',
    operations: [
      {
        method: 'GET',
        query: [oneOf('playlistType', ['audio', 'video', 'photo']), bool('smart')],
        access: 'user',
        handle: ({ state, query }) => {
          const playlists = state.library.playlists
            .filter((playlist) => query.playlistType === undefined || playlist.playlistType === query.playlistType)
            .map((playlist) => playlistJson(playlist, state.library));
          return container({ size: playlists.length, Metadata: playlists });
        },
      },
    ],
    unimplemented: ['POST'],
  },
  {
    template: '/playlists/{playlistId}',
    integerPathParams: ['playlistId'],
    operations: [
      {
        method: 'GET',
        query: [],
        access: 'user',
        handle: (context) => {
          const playlist = requirePlaylist(context);
          return container({ size: 1, Metadata: [playlistJson(playlist, context.state.library)] });
        },
      },
    ],
    unimplemented: ['PUT', 'DELETE'],
  },
  {
    template: '/playlists/{playlistId}/items',
    integerPathParams: ['playlistId'],
    operations: [
      {
        method: 'GET',
        query: [intList('type')],
        access: 'user',
        handle: (context) => {
          const playlist = requirePlaylist(context);
          const { state, user, query } = context;
          const types = query.type?.split(',').map(Number);
          const metadata = playlist.itemRatingKeys.flatMap((ratingKey, index) => {
            const item = state.library.get(ratingKey);
            if (!item || (types && !types.includes(TYPE_NUMBERS[item.type] ?? -1))) return [];
            return [{ ...metadataJson(item, state.library, state.watch, user.name), playlistItemID: Number(playlist.ratingKey) * 1000 + index + 1 }];
          });
          return container({
            size: metadata.length,
            totalSize: metadata.length,
            ratingKey: playlist.ratingKey,
            title: playlist.title,
            playlistType: playlist.playlistType,
            Metadata: metadata,
          });
        },
      },
    ],
    unimplemented: ['PUT', 'DELETE'],
  },
];
