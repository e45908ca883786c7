import type { FastifyInstance } from 'fastify';
import { requestOrigin } from '../../common/request-origin.js';
import { IMAGES_PATH } from './image-links.service.js';

/** The answers that carry cards. */
const CARD_ROUTES = /^\/api\/v1\/(home|libraries|items|search)(\/|\?|$)/;
/** The answers that carry sessions: only their `upNext` has images (a walk of a 401-item queue would slow every report). */
const SESSION_ROUTES = /^\/api\/v1\/sessions(\/|\?|$)/;

/**
 * Makes the image URLs of cards absolute, as stream URLs are (PUBLIC_URL when set, else the scheme and Host the client
 * used): TV image loaders take a URL as it is. They are no credential beyond the artwork, so answers stay cacheable.
 */
export function absoluteImageUrls(fastify: FastifyInstance, publicUrl: string | undefined): void {
  fastify.addHook('preSerialization', (request, _reply, payload: unknown, done) => {
    if (typeof payload === 'object' && payload !== null && CARD_ROUTES.test(request.url)) {
      const base = publicUrl ?? requestOrigin(request);
      if (base) rewrite(payload, base, 0);
    } else if (typeof payload === 'object' && payload !== null && SESSION_ROUTES.test(request.url)) {
      const base = publicUrl ?? requestOrigin(request);
      if (base) for (const session of Array.isArray(payload) ? payload : [payload]) rewriteUpNext(session, base);
    }
    done(null, payload);
  });
}

/** Prefixes the image paths of a session's `upNext` (a new object per answer is not needed: the paths are replaced by value). */
function rewriteUpNext(session: unknown, base: string): void {
  const upNext = (session as { upNext?: { images?: Record<string, unknown> } } | null)?.upNext;
  if (!upNext?.images) return;
  const images = { ...upNext.images };
  for (const [kind, url] of Object.entries(images)) if (typeof url === 'string' && url.startsWith(`${IMAGES_PATH}/`)) images[kind] = base + url;
  (session as { upNext: unknown }).upNext = { ...upNext, images };
}

/** Walks the answer (cards sit a few levels deep at most) and prefixes every `images.*` path. */
function rewrite(value: unknown, base: string, depth: number): void {
  if (depth > 6 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const entry of value) rewrite(entry, base, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  const images = record.images;
  if (typeof images === 'object' && images !== null) {
    const urls = images as Record<string, unknown>;
    for (const [kind, url] of Object.entries(urls)) if (typeof url === 'string' && url.startsWith(`${IMAGES_PATH}/`)) urls[kind] = base + url;
  }
  for (const [key, child] of Object.entries(record)) if (key !== 'images' && typeof child === 'object') rewrite(child, base, depth + 1);
}
