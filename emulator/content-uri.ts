import type { DemoLibrary } from './demo-library.js';
import { HttpError } from './http-error.js';
import type { LibraryItem } from './library-types.js';

const LIBRARY_PROVIDER = 'com.plexapp.plugins.library';

/** What a `server://` content URI points at. */
export type ContentTarget =
  | { kind: 'metadata'; item: LibraryItem; allLeaves: boolean }
  | { kind: 'playlist'; playlistId: string };

/**
 * Parses `server://{machineIdentifier}/com.plexapp.plugins.library/library/metadata/{rk}[/allLeaves]`
 * (or `.../playlists/{id}[/items]`).
 */
export function parseContentUri(uri: string, machineIdentifier: string, library: DemoLibrary): ContentTarget {
  const match = /^server:\/\/([^/]+)\/([^/]+)(\/.*)$/.exec(uri);
  if (!match) throw new HttpError(400, `uri is not a server:// content URI: ${uri}`);
  const [, server, provider, rest] = match;
  if (server !== machineIdentifier) throw new HttpError(400, `uri names another server: ${server}`);
  if (provider !== LIBRARY_PROVIDER) throw new HttpError(400, `unknown media provider in uri: ${provider}`);
  const metadata = /^\/library\/metadata\/(\d+)(\/allLeaves)?$/.exec(rest);
  if (metadata) {
    const item = library.get(metadata[1]);
    if (!item) throw new HttpError(404, `no metadata item ${metadata[1]}`);
    return { kind: 'metadata', item, allLeaves: metadata[2] !== undefined };
  }
  const playlist = /^\/playlists\/(\d+)(\/items)?$/.exec(rest);
  if (playlist) {
    if (!library.playlist(playlist[1])) throw new HttpError(404, `no playlist ${playlist[1]}`);
    return { kind: 'playlist', playlistId: playlist[1] };
  }
  throw new HttpError(400, `unsupported content path in uri: ${rest}`);
}

/** `/library/metadata/{rk}` → rk, or the bare ratingKey itself. */
export function ratingKeyFromKey(key: string): string | undefined {
  const match = /^(?:\/library\/metadata\/)?(\d+)$/.exec(key);
  return match ? match[1] : undefined;
}
