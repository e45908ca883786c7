import { Reflector } from '@nestjs/core';

type Target = object;

/**
 * A Reflector for a guard that reads the same decorator metadata on every call: what decorators write is fixed once
 * classes are defined, so each (key, handler, class) is read once. @nestjs/throttler's guard asks six keys per
 * throttler on every request; through this Reflector that is a few map look-ups.
 */
export class StaticMetadataReflector extends Reflector {
  private readonly read = new Map<unknown, WeakMap<Target, WeakMap<Target, { value: unknown }>>>();

  override getAllAndOverride<TResult = unknown>(key: unknown, targets: (Target | undefined)[]): TResult {
    const [handler, classRef] = targets;
    if (targets.length !== 2 || !handler || !classRef) return super.getAllAndOverride<TResult>(key, targets as never);
    let byHandler = this.read.get(key);
    if (!byHandler) this.read.set(key, (byHandler = new WeakMap()));
    let byClass = byHandler.get(handler);
    if (!byClass) byHandler.set(handler, (byClass = new WeakMap()));
    let entry = byClass.get(classRef);
    if (!entry) byClass.set(classRef, (entry = { value: super.getAllAndOverride<unknown>(key, targets as never) }));
    return entry.value as TResult;
  }
}
