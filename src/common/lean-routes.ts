import type { FastifyInstance, HTTPMethods, RouteHandlerMethod } from 'fastify';

/** A handler that serves a controller's route on Fastify directly, in place of the one Nest registers for it. */
export interface LeanRoute {
  method: HTTPMethods;
  /** The route as Nest registers it (`/api/v1/sessions/:id/progress`). */
  url: string;
  handler: RouteHandlerMethod;
}

/**
 * Swaps in the lean handlers as Nest registers the routes (so call it before the app is initialised). The routes
 * stay declared on their controllers, for routing and the OpenAPI document; errors a lean handler throws go to
 * Nest's error handler on Fastify, and so through the app's exception filters, as in Nest's own pipeline. The app
 * does not start when a lean route matches no route of a controller (renamed or moved), rather than serve it on
 * the slow path unnoticed.
 */
export function serveLeanRoutes(fastify: FastifyInstance, routes: readonly LeanRoute[]): void {
  const unmatched = new Map(routes.map((route) => [routeKey(route.method, route.url), route]));
  fastify.addHook('onRoute', (options) => {
    if (typeof options.method !== 'string') return;
    const key = routeKey(options.method, options.url);
    const route = unmatched.get(key);
    if (!route) return;
    options.handler = route.handler;
    unmatched.delete(key);
  });
  fastify.addHook('onReady', async () => {
    if (unmatched.size > 0) throw new Error(`lean routes without a controller route: ${[...unmatched.keys()].join(', ')}`);
  });
}

function routeKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}
