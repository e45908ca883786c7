import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * The headers @fastify/helmet sets with these options, worked out once on a throwaway Fastify instance. The plugin
 * builds helmet's middleware anew for every request (every option, the CSP directives included, parsed again):
 * about 40% of the CPU of a progress report. Without per-request nonces the headers never change.
 */
export async function securityHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const without = await probeHeaders();
  const withHelmet = await probeHeaders((probe) => probe.register(helmet, options));
  return Object.fromEntries(Object.entries(withHelmet).filter(([name]) => !(name in without)));
}

export interface SecurityHeaderSets {
  /** For the JSON API and the streams under `/api/` (sent with every call, so kept short). */
  api: Record<string, string>;
  /** For everything else: the API docs page, health, unknown paths. */
  pages: Record<string, string>;
}

/**
 * Helmet's options for answers under `/api/`: JSON and media, never rendered as a document, so only what still
 * matters for them (OWASP's REST guidance): nothing may load or frame them, no MIME sniffing, HTTPS only, no
 * referrer. Without helmet's document-only headers an answer is ~400 bytes shorter and Node writes 7 header lines
 * fewer. No Cross-Origin-Resource-Policy: a web-based TV app of another origin must be able to play a stream URL in
 * its <video>.
 */
export const API_HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  frameguard: { action: 'deny' },
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

/** Puts the headers on every response, errors and unknown routes included: the API's set under `/api/`. */
export function sendSecurityHeaders(fastify: FastifyInstance, sets: SecurityHeaderSets): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(request.url.startsWith('/api/') ? sets.api : sets.pages);
    done();
  });
}

async function probeHeaders(setUp?: (probe: FastifyInstance) => PromiseLike<unknown>): Promise<Record<string, string>> {
  const probe = Fastify();
  try {
    if (setUp) await setUp(probe);
    probe.get('/', () => 'ok');
    const response = await probe.inject({ method: 'GET', url: '/' });
    return Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, String(value)]));
  } finally {
    await probe.close();
  }
}
