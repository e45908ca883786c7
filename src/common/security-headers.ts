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

/** Puts the headers on every response, errors and unknown routes included. */
export function sendSecurityHeaders(fastify: FastifyInstance, headers: Record<string, string>): void {
  fastify.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
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
