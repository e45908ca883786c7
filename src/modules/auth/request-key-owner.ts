import type { FastifyRequest } from 'fastify';
import type { ApiKeysService, KeyOwner } from '../households/api-keys.service.js';
import { bearerToken } from './bearer.js';

const OWNER = Symbol('apiKeyOwner');

type OwnerMemo = FastifyRequest & { [OWNER]?: Promise<KeyOwner | undefined> };

/** The owner of the request's API key (undefined without a valid one), looked up once per request: the rate limiter
 * and the client guard both ask, and each lookup hashes the key. */
export function requestKeyOwner(request: FastifyRequest, keys: ApiKeysService): Promise<KeyOwner | undefined> {
  const memo = request as OwnerMemo;
  return (memo[OWNER] ??= lookUp(request, keys));
}

async function lookUp(request: FastifyRequest, keys: ApiKeysService): Promise<KeyOwner | undefined> {
  const key = bearerToken(request);
  return key ? keys.authenticate(key) : undefined;
}
