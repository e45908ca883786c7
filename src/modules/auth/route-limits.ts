import type { Reflector } from '@nestjs/core';
import type { ThrottlerOptions } from '@nestjs/throttler';
import {
  THROTTLER_BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR,
  THROTTLER_LIMIT,
  THROTTLER_SKIP,
  THROTTLER_TRACKER,
  THROTTLER_TTL,
} from '@nestjs/throttler/dist/throttler.constants.js';

export type Handler = (...args: never[]) => unknown;
export type ControllerClass = abstract new (...args: never[]) => unknown;

/** A route's budget under one named throttler, as @nestjs/throttler's guard works it out from options and decorators. */
export interface RouteLimit {
  throttler: string;
  limit: number;
  ttl: number;
  blockDuration: number;
}

/** The options given to ThrottlerModule for all its throttlers. */
export type CommonThrottlerOptions = Pick<ThrottlerOptions, 'skipIf' | 'ignoreUserAgents' | 'getTracker' | 'generateKey' | 'setHeaders'>;

/**
 * The limits of a route (a handler of a controller class) under every throttler that does not skip it, when they are
 * fixed numbers; undefined when anything depends on the call (a function for a limit, ttl or block duration, `skipIf`,
 * user agents to ignore, a tracker or key generator of the route or throttler, rate-limit headers): such a route takes
 * the library's own path.
 */
export function fixedRouteLimits(
  reflector: Reflector,
  throttlers: readonly ThrottlerOptions[],
  common: CommonThrottlerOptions,
  handler: Handler,
  classRef: ControllerClass,
): RouteLimit[] | undefined {
  if (common.skipIf || common.ignoreUserAgents || common.getTracker || common.generateKey) return undefined;
  const limits: RouteLimit[] = [];
  for (const throttler of throttlers) {
    const name = throttler.name ?? 'default';
    const read = (key: string): unknown => reflector.getAllAndOverride(key + name, [handler, classRef]);
    if (read(THROTTLER_SKIP)) continue;
    const perCall = throttler.skipIf || throttler.ignoreUserAgents || throttler.getTracker || throttler.generateKey;
    const setsHeaders = throttler.setHeaders ?? common.setHeaders ?? true;
    if (perCall || setsHeaders || read(THROTTLER_TRACKER) || read(THROTTLER_KEY_GENERATOR)) return undefined;
    const limit = read(THROTTLER_LIMIT) ?? throttler.limit;
    const ttl = read(THROTTLER_TTL) ?? throttler.ttl;
    const blockDuration = read(THROTTLER_BLOCK_DURATION) ?? throttler.blockDuration ?? ttl;
    if (typeof limit !== 'number' || typeof ttl !== 'number' || typeof blockDuration !== 'number') return undefined;
    limits.push({ throttler: name, limit, ttl, blockDuration });
  }
  return limits;
}
