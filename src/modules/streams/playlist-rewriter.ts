/** HLS playlists from the Plex transcoder, rewritten so that every URI in them points at the proxy. */

/** `URI="…"` attributes (EXT-X-MAP, EXT-X-KEY, EXT-X-MEDIA, EXT-X-I-FRAME-STREAM-INF, …). */
const URI_ATTRIBUTE = /([:,]\s*URI=")([^"]*)(")/g;

export class PlaylistError extends Error {}

/**
 * Replaces every URI of an HLS playlist with `map(uri)`: each URI line (media playlists, variant streams) and each
 * `URI="…"` attribute of a tag. Anything else (tags, comments, blank lines, line endings) is kept as it is. `map`
 * throws to refuse a URI; a text that is not a playlist throws PlaylistError.
 */
export function rewritePlaylist(text: string, map: (uri: string) => string): string {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (!body.startsWith('#EXTM3U')) throw new PlaylistError('not an HLS playlist (no #EXTM3U)');
  return body
    .split('\n')
    .map((line) => {
      const carriageReturn = line.endsWith('\r') ? '\r' : '';
      const content = carriageReturn ? line.slice(0, -1) : line;
      const trimmed = content.trim();
      if (trimmed === '') return line;
      if (trimmed.startsWith('#')) {
        return content.replace(URI_ATTRIBUTE, (_match, open: string, uri: string, close: string) => `${open}${map(uri)}${close}`) + carriageReturn;
      }
      return map(trimmed) + carriageReturn;
    })
    .join('\n');
}

/**
 * The server path (relative to the server URL, with its query but without any `X-Plex-*` parameter) that a URI
 * found in a playlist at `playlistUrl` points at: relative, absolute-path and absolute URIs are resolved as a
 * player would. Undefined when it leaves the server (another origin, outside the server URL's path prefix).
 */
export function serverPathOf(uri: string, playlistUrl: string, serverUrl: string): string | undefined {
  let resolved: URL;
  let server: URL;
  try {
    resolved = new URL(uri, playlistUrl);
    server = new URL(serverUrl);
  } catch {
    return undefined;
  }
  if (resolved.origin !== server.origin || resolved.username || resolved.password) return undefined;
  const prefix = server.pathname.replace(/\/+$/, '');
  if (!resolved.pathname.startsWith(`${prefix}/`)) return undefined;
  const path = resolved.pathname.slice(prefix.length);
  for (const name of [...resolved.searchParams.keys()]) {
    if (/^x-plex-/i.test(name)) resolved.searchParams.delete(name);
  }
  const query = resolved.searchParams.toString();
  return query ? `${path}?${query}` : path;
}

/** Path segments a transcode resource may have below its session directory: plain names only. */
const SAFE_TAIL = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;
const SAFE_QUERY = /^[A-Za-z0-9._~=&%-]*$/;

/**
 * Whether a server path is a resource of one transcode: below `directory` (which ends with `/`), made of plain
 * names (no dot segments, no encoded slashes or dots), with a plain query if any.
 */
export function isWithin(path: string, directory: string): boolean {
  if (!path.startsWith(directory)) return false;
  const rest = path.slice(directory.length);
  const mark = rest.indexOf('?');
  const tail = mark < 0 ? rest : rest.slice(0, mark);
  const query = mark < 0 ? '' : rest.slice(mark + 1);
  if (!SAFE_TAIL.test(tail) || !SAFE_QUERY.test(query)) return false;
  return !/%(2e|2f|5c)/i.test(query);
}
