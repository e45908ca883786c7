import 'reflect-metadata';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpException, type ExecutionContext } from '@nestjs/common';
import { SkipThrottle, Throttle, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { ApiKeysService } from '../../src/modules/households/api-keys.service.js';
import { RateLimitGuard } from '../../src/modules/auth/rate-limit.guard.js';
import { SlidingWindowStorage } from '../../src/modules/auth/rate-limit.storage.js';

class Players {
  report(this: void): void {}

  @Throttle({ default: { limit: 1, ttl: 60_000 } })
  strict(this: void): void {}

  @SkipThrottle()
  free(this: void): void {}

  @Throttle({ default: { limit: () => 2, ttl: 60_000 } })
  decidedPerCall(this: void): void {}
}

/** The guard as AuthModule sets it up (3 calls a minute, no rate-limit headers), on calls without an API key. */
async function guardWith(options: ThrottlerModuleOptions = { throttlers: [{ name: 'default', ttl: 60_000, limit: 3, setHeaders: false }] }) {
  const keys = {} as ApiKeysService;
  const guard = new RateLimitGuard(options, new SlidingWindowStorage(), keys);
  await guard.onModuleInit();
  const headers: Record<string, unknown> = {};
  const call = async (handler: keyof Players, ip = '10.0.0.1'): Promise<number> => {
    const request = { headers: {}, ip };
    const reply = { header: (name: string, value: unknown) => ((headers[name] = value), reply) };
    const context = httpContext(request, reply, Players, Players.prototype[handler]);
    try {
      return (await guard.canActivate(context)) ? 200 : 403;
    } catch (error) {
      if (error instanceof HttpException) return error.getStatus();
      throw error;
    }
  };
  return { call, headers };
}

/** An HTTP call's execution context, as Nest hands it to guards (only what a guard reads). */
function httpContext(request: object, reply: object, classRef: new () => object, handler: () => void): ExecutionContext {
  const http = { getRequest: () => request, getResponse: () => reply, getNext: () => undefined };
  return {
    getType: () => 'http',
    getClass: () => classRef,
    getHandler: () => handler,
    getArgs: () => [request, reply],
    getArgByIndex: (index: number) => [request, reply][index],
    switchToHttp: () => http,
    switchToRpc: () => assert.fail('not an RPC call'),
    switchToWs: () => assert.fail('not a WebSocket call'),
  } as unknown as ExecutionContext;
}

const times = async (n: number, call: () => Promise<number>): Promise<number[]> => {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push(await call());
  return statuses;
};

describe('RateLimitGuard', () => {
  it('counts each caller on each route, answers 429 with Retry-After past the limit', async () => {
    const { call, headers } = await guardWith();
    assert.deepEqual(await times(4, () => call('report')), [200, 200, 200, 429]);
    assert.equal(String(headers['Retry-After']), '60');
    assert.deepEqual(await times(3, () => call('report', '10.0.0.2')), [200, 200, 200], 'another caller has a budget of its own');
    assert.deepEqual(await times(2, () => call('strict', '10.0.0.2')), [200, 429], 'and each route its own');
  });

  it("honours @Throttle and @SkipThrottle on a route", async () => {
    const { call } = await guardWith();
    assert.deepEqual(await times(2, () => call('strict')), [200, 429]);
    assert.deepEqual(await times(10, () => call('free')), Array(10).fill(200));
  });

  it('honours limits decided per call', async () => {
    const { call } = await guardWith();
    assert.deepEqual(await times(3, () => call('decidedPerCall')), [200, 200, 429]);
  });

  it('sends rate-limit headers when set to', async () => {
    const { call, headers } = await guardWith({ throttlers: [{ name: 'default', ttl: 60_000, limit: 2 }] });
    assert.deepEqual(await times(3, () => call('report')), [200, 200, 429]);
    assert.equal(String(headers['X-RateLimit-Limit']), '2');
  });
});
