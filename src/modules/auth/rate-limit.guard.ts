import { HttpException, HttpStatus, Injectable, type ExecutionContext } from '@nestjs/common';
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
import { StaticMetadataReflector } from './static-metadata-reflector.js';

/**
 * Rate limits per API key (every key of its own budget); calls without a valid key are counted per IP, so
 * guessing keys is limited too. Answers 429 with `Retry-After`.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    private readonly keys: ApiKeysService,
  ) {
    super(options, storage, new StaticMetadataReflector());
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
