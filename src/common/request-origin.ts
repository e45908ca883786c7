import type { FastifyRequest } from 'fastify';

/** A Host header worth echoing: a name or address, an optional port; nothing else. */
const HOST = /^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?$/;

/** The scheme and Host the client used to reach the proxy, when the Host is a plain host[:port]; else undefined. */
export function requestOrigin(request: FastifyRequest): string | undefined {
  const host = request.headers.host;
  return typeof host === 'string' && HOST.test(host) ? `${request.protocol}://${host}` : undefined;
}
