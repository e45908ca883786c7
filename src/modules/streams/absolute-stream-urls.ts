import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requestOrigin } from '../../common/request-origin.js';

interface StreamLike {
  url?: unknown;
  protocol?: unknown;
  stream?: unknown;
  subtitles?: unknown;
}

/**
 * Makes the stream URLs of every answer absolute, so a player can open them as they are: with PUBLIC_URL when set (a
 * proxy behind a reverse proxy; the Host header is then ignored), else with the scheme and Host the client itself
 * used to reach the proxy. A Host is echoed only into the answer to that same request (a client that sends another
 * Host only misdirects its own player) and only when it is a plain host[:port]; anything else leaves the URL a path
 * on the proxy. Answers carrying a stream URL are `Cache-Control: no-store`: the URL is a credential while it lasts,
 * and no shared cache may keep it (or hand one built from another Host to someone else).
 *
 * A Fastify hook rather than a Nest interceptor: an interceptor puts every call of its routes through RxJS, which
 * was 8% of the CPU of a progress report.
 */
export function absoluteStreamUrls(fastify: FastifyInstance, publicUrl: string | undefined): void {
  fastify.addHook('preSerialization', (request: FastifyRequest, reply, payload: unknown, done) => {
    if (typeof payload === 'object' && payload !== null) {
      const base = publicUrl ?? requestOrigin(request);
      if (rewrite(payload, base)) void reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
}

/** Rewrites the relative stream URLs of a session, a stream or a list of sessions; true when there was one. */
function rewrite(body: unknown, base: string | undefined): boolean {
  if (Array.isArray(body)) return body.reduce((found: boolean, entry) => rewrite(entry, base) || found, false);
  if (typeof body !== 'object' || body === null) return false;
  const record = body as StreamLike;
  if (record.stream) return rewrite(record.stream, base);
  if (typeof record.url !== 'string' || typeof record.protocol !== 'string' || !record.url.startsWith('/')) return false;
  if (base) {
    record.url = base + record.url;
    // The subtitle files of a stream: a new array of new entries, as the stream object is a copy but its list is shared.
    if (Array.isArray(record.subtitles)) {
      record.subtitles = record.subtitles.map((entry: { url?: unknown }) =>
        typeof entry.url === 'string' && entry.url.startsWith('/') ? { ...entry, url: base + entry.url } : entry,
      );
    }
  }
  return true;
}
