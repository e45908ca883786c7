import type { Reflector } from '@nestjs/core';

type Target = Parameters<Reflector['getAllAndOverride']>[1][number];

/**
 * A Reflector whose `getAllAndOverride` remembers its answer per handler and class: decorators do not change once
 * the application is built, and @nestjs/throttler's guard reads six metadata keys on every call.
 */
export function memoizedReflector(reflector: Reflector): Reflector {
  const byHandler = new WeakMap<Target, WeakMap<Target, Map<unknown, unknown>>>();
  const memoized = Object.create(reflector) as Reflector;
  const read = (key: unknown, targets: Target[]): unknown => reflector.getAllAndOverride(key, targets);
  const getAllAndOverride = (key: unknown, targets: Target[]): unknown => {
    const [handler, classRef] = targets;
    if (targets.length !== 2 || !handler || !classRef) return read(key, targets);
    let byClass = byHandler.get(handler);
    if (!byClass) byHandler.set(handler, (byClass = new WeakMap()));
    let values = byClass.get(classRef);
    if (!values) byClass.set(classRef, (values = new Map()));
    if (!values.has(key)) values.set(key, read(key, targets));
    return values.get(key);
  };
  memoized.getAllAndOverride = getAllAndOverride as Reflector['getAllAndOverride'];
  return memoized;
}
