import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { securityHeaders, sendSecurityHeaders } from '../../src/common/security-headers.js';

const OPTIONS = { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"] } } };

async function answers(setUp: (app: FastifyInstance) => Promise<void>) {
  const app = Fastify();
  await setUp(app);
  app.get('/ok', () => ({ ok: true }));
  app.get('/fail', () => {
    throw new Error('boom');
  });
  try {
    return await Promise.all(
      ['/ok', '/fail', '/missing'].map(async (url) => {
        const { headers, statusCode } = await app.inject({ method: 'GET', url });
        delete headers.date;
        return { url, statusCode, headers };
      }),
    );
  } finally {
    await app.close();
  }
}

describe('security headers', () => {
  it('are the ones helmet sets, and nothing else', async () => {
    const headers = await securityHeaders(OPTIONS);
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.match(headers['content-security-policy'], /script-src 'self' 'unsafe-inline'/);
    for (const name of ['content-type', 'content-length', 'date', 'connection']) assert.equal(headers[name], undefined);
  });

  it('answer a route, an error and an unknown path exactly as @fastify/helmet does', async () => {
    const headers = await securityHeaders(OPTIONS);
    assert.deepEqual(
      await answers(async (app) => sendSecurityHeaders(app, headers)),
      await answers(async (app) => void (await app.register(helmet, OPTIONS))),
    );
  });
});
