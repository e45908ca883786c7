import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { API_HELMET_OPTIONS, securityHeaders, sendSecurityHeaders } from '../../src/common/security-headers.js';

const OPTIONS = { contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"] } } };

async function answers(setUp: (app: FastifyInstance) => Promise<void>, prefix = '') {
  const app = Fastify();
  await setUp(app);
  app.get(`${prefix}/ok`, () => ({ ok: true }));
  app.get(`${prefix}/fail`, () => {
    throw new Error('boom');
  });
  try {
    return await Promise.all(
      [`${prefix}/ok`, `${prefix}/fail`, `${prefix}/missing`].map(async (url) => {
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

  it('answer a route, an error and an unknown path exactly as @fastify/helmet does, with the API options under /api/', async () => {
    const sets = { api: await securityHeaders(API_HELMET_OPTIONS), pages: await securityHeaders(OPTIONS) };
    assert.deepEqual(
      await answers(async (app) => sendSecurityHeaders(app, sets)),
      await answers(async (app) => void (await app.register(helmet, OPTIONS))),
    );
    assert.deepEqual(
      await answers(async (app) => sendSecurityHeaders(app, sets), '/api/v1'),
      await answers(async (app) => void (await app.register(helmet, API_HELMET_OPTIONS)), '/api/v1'),
    );
  });

  it('keep API answers to what matters for JSON and media', async () => {
    assert.deepEqual(await securityHeaders(API_HELMET_OPTIONS), {
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
  });
});
