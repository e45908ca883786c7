import type { RouteDef } from './route-types.js';
import { libraryRoutes } from './routes/library-routes.js';
import { playQueueRoutes } from './routes/play-queue-routes.js';
import { serverRoutes } from './routes/server-routes.js';
import { timelineRoutes } from './routes/timeline-routes.js';

export const ROUTES: readonly RouteDef[] = [...serverRoutes, ...libraryRoutes, ...playQueueRoutes, ...timelineRoutes];

export interface RouteMatch {
  route: RouteDef;
  pathParams: Record<string, string>;
}

function segments(path: string): string[] {
  return path.split('/').slice(1);
}

/** Matches a decoded path against the templates; a literal segment beats a `{param}` at the same place. */
export function matchRoute(path: string, routes: readonly RouteDef[] = ROUTES): RouteMatch | undefined {
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
      const param = /^\{(.+)\}$/.exec(part);
      if (param) {
        if (value === '') matches = false;
        pathParams[param[1] ?? ''] = value;
        rank += '0';
      } else {
        if (part !== value) matches = false;
        rank += '1';
      }
    });
    if (matches && (!best || rank > best.rank)) best = { match: { route, pathParams }, rank };
  }
  return best?.match;
}
