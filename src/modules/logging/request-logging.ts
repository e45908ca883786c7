import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Logger, Level } from 'pino';
import { redactUrl } from './redaction.js';

const GIVEN_ID = /^[\w-]{1,64}$/;

/** The request's id in the logs: the caller's `X-Request-Id` when it is a plain token, a new UUID otherwise. */
export function requestId(request: { headers: IncomingHttpHeaders }): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
}

function levelFor(statusCode: number): Level {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'debug';
}

/**
 * One line per answered request, `request completed` with `req` (id, method, redacted URL), `statusCode` and
 * `responseTime` (ms): an error for 5xx, a warning for 4xx, debug otherwise. A Fastify hook rather than pino-http as
 * Nest middleware, which made a child logger and a logging scope (AsyncLocalStorage) for every request and ran
 * Fastify's middleware engine: ~8 % of the requests per second of progress reports. Lines at a level that is off
 * cost nothing.
 */
export function logRequests(fastify: FastifyInstance, log: Logger): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const level = levelFor(reply.statusCode);
    if (log.isLevelEnabled(level)) {
      log[level](
        {
          req: { id: request.id, method: request.method, url: redactUrl(request.url) },
          statusCode: reply.statusCode,
          responseTime: Math.round(reply.elapsedTime),
        },
        'request completed',
      );
    }
    done();
  });
}
