import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import pino, { type Level } from 'pino';
import { logRequests, requestId } from '../../src/modules/logging/request-logging.js';

interface Line {
  level: number;
  msg: string;
  req: { id: string; method: string; url: string };
  statusCode: number;
  responseTime: number;
}

async function serverLoggingAt(level: Level) {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Line);
      done();
    },
  });
  const logger = pino({ level }, sink);
  const app = Fastify({ genReqId: requestId });
  logRequests(app, logger);
  app.get('/api/v1/ok', () => ({ ok: true }));
  app.get('/api/v1/broken', () => {
    throw new Error('broken');
  });
  await app.ready();
  return { app, lines };
}

describe('request logging', () => {
  it('logs every answer with its id, method, redacted URL, status and time: debug for 2xx, warn for 4xx, error for 5xx', async () => {
    const { app, lines } = await serverLoggingAt('debug');
    await app.inject({ url: '/api/v1/ok', headers: { 'x-request-id': 'tv-42_a' } });
    await app.inject({ url: '/api/v1/streams/eyJ2IjoxfQ.c2lnbmF0dXJl/file.mkv?token=secret&offset=5' });
    await app.inject({ url: '/api/v1/broken' });
    await app.close();
    assert.deepEqual(
      lines.map((line) => [line.level, line.msg, line.req.method, line.req.url, line.statusCode]),
      [
        [20, 'request completed', 'GET', '/api/v1/ok', 200],
        [40, 'request completed', 'GET', '/api/v1/streams/[REDACTED]/file.mkv?token=[REDACTED]&offset=5', 404],
        [50, 'request completed', 'GET', '/api/v1/broken', 500],
      ],
    );
    assert.equal(lines[0]?.req.id, 'tv-42_a', "the caller's X-Request-Id");
    assert.match(lines[1]?.req.id ?? '', /^[0-9a-f-]{36}$/, 'a UUID otherwise');
    assert.ok(lines.every((line) => typeof line.responseTime === 'number'));
  });

  it('writes nothing for answers below the level and takes no unsafe X-Request-Id', async () => {
    const { app, lines } = await serverLoggingAt('info');
    await app.inject({ url: '/api/v1/ok' });
    await app.inject({ url: '/nowhere', headers: { 'x-request-id': 'a"b\nc' } });
    await app.close();
    assert.equal(lines.length, 1, 'only the 404');
    assert.match(lines[0]?.req.id ?? '', /^[0-9a-f-]{36}$/);
  });
});
