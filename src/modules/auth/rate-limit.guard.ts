import { HttpException, HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeysService } from '../households/api-keys.service.js';
import { requestKeyOwner } from './request-key-owner.js';
import { fixedRouteLimits, type CommonThrottlerOptions, type ControllerClass, type Handler, type RouteLimit } from './route-limits.js';

/**
 * Rate limits per API key (every key of its own budget); calls without a valid key are counted per IP, so
 * guessing keys is limited too. Answers 429 with `Retry-After`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /** Per handler and controller class: its fixed limits, or null when the library's path decides per call. */
  private readonly routeLimits = new WeakMap<Handler, WeakMap<ControllerClass, RouteLimit[] | null>>();

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {
    super(options, storage, reflector);
  }

  /**
   * The library's guard works out a route's limits from six metadata keys and awaits each value on every call (a
   * tenth of the CPU of a progress report); fixed limits are worked out once per route here and counted with two
   * awaits. Routes whose limits depend on the call take the library's path.
   */
  override canActivate(context: ExecutionContext): Promise<boolean> {
    const limits = this.limitsOf(context.getHandler() as Handler, context.getClass());
    return limits ? this.count(context, limits) : super.canActivate(context);
  }

  private async count(context: ExecutionContext, limits: readonly RouteLimit[]): Promise<boolean> {
    if (limits.length === 0) return true;
    const tracker = await this.getTracker(context.switchToHttp().getRequest());
    for (const { throttler, limit, ttl, blockDuration } of limits) {
      const key = this.generateKey(context, tracker, throttler);
      const record = await this.storageService.increment(key, ttl, limit, blockDuration, throttler);
      if (record.isBlocked) await this.throwThrottlingException(context, { ...record, limit, ttl, key, tracker });
    }
    return true;
  }

  private limitsOf(handler: Handler, classRef: ControllerClass): RouteLimit[] | undefined {
    let byClass = this.routeLimits.get(handler);
    if (!byClass) this.routeLimits.set(handler, (byClass = new WeakMap()));
    let limits = byClass.get(classRef);
    if (limits === undefined) {
      const common: CommonThrottlerOptions = Array.isArray(this.options) ? {} : this.options;
      limits = fixedRouteLimits(this.reflector, this.throttlers, common, handler, classRef) ?? null;
      byClass.set(classRef, limits);
    }
    return limits ?? undefined;
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const owner = await requestKeyOwner(request as unknown as FastifyRequest, this.keys);
    return owner ? `key:${owner.keyId}` : `ip:${String(request.ip)}`;
  }

  /** The library hashes the key (SHA-256) on every call; ours are short already: a route and a key id or address. */
  protected override generateKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${context.getClass().name}-${context.getHandler().name}-${throttlerName}-${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfterSeconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    void context.switchToHttp().getResponse<FastifyReply>().header('Retry-After', String(retryAfterSeconds));
    throw new HttpException({ message: 'too many requests; retry later', retryAfterSeconds }, HttpStatus.TOO_MANY_REQUESTS);
  }
}
