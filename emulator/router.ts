import type { RouteDef } from './route-types.js';
import { browseRoutes, namedExceptionRoutes } from './routes/browse-routes.js';
import { libraryRoutes } from './routes/library-routes.js';
import { partRoutes } from './routes/part-routes.js';
import { photoRoutes } from './routes/photo-routes.js';
import { playQueueRoutes } from './routes/play-queue-routes.js';
import { serverRoutes } from './routes/server-routes.js';
import { streamRoutes } from './routes/stream-routes.js';
import { timelineRoutes } from './routes/timeline-routes.js';
import { transcodeResources, transcodeRoutes } from './routes/transcode-routes.js';

/** Operations of the official spec the emulator serves (test/conformance checks them against the spec). */
export const ROUTES: readonly RouteDef[] = [
  ...serverRoutes,
  ...libraryRoutes,
  ...browseRoutes,
  ...photoRoutes,
  ...partRoutes,
  ...streamRoutes,
  ...playQueueRoutes,
  ...timelineRoutes,
  ...transcodeRoutes,
];

/**
 * Server-provided resources: URLs the server hands out in its own answers (a transcode's playlists and
 * segments). They are not API operations, so the spec does not declare them and the conformance check skips them.
 */
export const SERVER_RESOURCES: readonly RouteDef[] = [...transcodeResources];

/**
 * Calls the spec lacks that real clients rely on (a show's seasons: `/library/metadata/{ids}/children`). Served so the
 * proxy's use of them is real; the conformance tests name each one with the clients that make it.
 */
export const NAMED_EXCEPTIONS: readonly RouteDef[] = [...namedExceptionRoutes];

export interface RouteMatch {
  route: RouteDef;
  pathParams: Record<string, string>;
}

function segments(path: string): string[] {
  return path.split('/').slice(1);
}

/** `{name}` alone, or inside literal text (`start.{extension}`): a regex capturing the names, else undefined. */
function segmentPattern(part: string): { regex: RegExp; names: string[] } | undefined {
  if (!part.includes('{')) return undefined;
  const names: string[] = [];
  const source = part
    .split(/(\{[^}]+\})/)
    .map((piece) => {
      const param = /^\{(.+)\}$/.exec(piece);
      if (!param) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(param[1] ?? '');
      return '(.+)';
    })
    .join('');
  return { regex: new RegExp(`^${source}$`), names };
}

/**
 * Matches a decoded path against the templates; a literal segment beats a `{param}` at the same place, and a
 * segment mixing literal text and a parameter ranks between the two.
 */
export function matchRoute(path: string, routes: readonly RouteDef[] = [...ROUTES, ...SERVER_RESOURCES, ...NAMED_EXCEPTIONS]): RouteMatch | undefined {
  const actual = segments(path);
  let best: { match: RouteMatch; rank: string } | undefined;
  for (const route of routes) {
    const template = segments(route.template);
    if (template.length !== actual.length) continue;
    const pathParams: Record<string, string> = {};
    let rank = '';
    let matches = true;
    template.forEach((part, i) => {
      const value = actual[i] ?? '';
      const pattern = segmentPattern(part);
      if (!pattern) {
        if (part !== value) matches = false;
        rank += '2';
        return;
      }
      const found = pattern.regex.exec(value);
      if (!found || value === '') matches = false;
      pattern.names.forEach((name, index) => (pathParams[name] = found?.[index + 1] ?? ''));
      rank += pattern.names.length === 1 && part === `{${pattern.names[0]}}` ? '0' : '1';
    });
    if (matches && (!best || rank > best.rank)) best = { match: { route, pathParams }, rank };
  }
  return best?.match;
}
