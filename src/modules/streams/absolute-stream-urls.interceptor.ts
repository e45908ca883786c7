import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { AppConfig } from '../config/app-config.js';

/** A Host header worth echoing: a name or address, an optional port; nothing else. */
const HOST = /^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?$/;

/**
 * Makes the stream URLs of an answer absolute, so a player can open them as they are: with PUBLIC_URL when set (a
 * proxy behind a reverse proxy; the Host header is then ignored), else with the scheme and Host the client itself
 * used to reach the proxy. A Host is echoed only into the answer to that same authenticated request (a client
 * that sends another Host only misdirects its own player) and only when it is a plain host[:port]; anything else
 * leaves the URL a path on the proxy. The answers are `Cache-Control: no-store`: a stream URL is a credential while
 * it lasts, and no shared cache may keep it (or hand one built from another Host to someone else).
 */
@Injectable()
export class AbsoluteStreamUrls implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const base = this.config.streams.publicUrl ?? originOf(http.getRequest<FastifyRequest>());
    void http.getResponse<FastifyReply>().header('cache-control', 'no-store');
    return next.handle().pipe(map((body: unknown) => (base ? absolute(body, base) : body)));
  }
}

function originOf(request: FastifyRequest): string | undefined {
  const host = request.headers.host;
  return typeof host === 'string' && HOST.test(host) ? `${request.protocol}://${host}` : undefined;
}

function absolute(body: unknown, base: string): unknown {
  if (Array.isArray(body)) return body.map((entry) => absolute(entry, base));
  if (typeof body !== 'object' || body === null) return body;
  const record = body as { url?: unknown; protocol?: unknown; stream?: unknown };
  if (typeof record.url === 'string' && typeof record.protocol === 'string' && record.url.startsWith('/')) record.url = base + record.url;
  if (record.stream) absolute(record.stream, base);
  return body;
}
