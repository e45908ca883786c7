import { ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ApiErrorBody } from '../../common/api-error.js';
import { PlexError } from './plex.errors.js';

const RETRY_AFTER_SECONDS = 5;

/** A Plex failure that no service turned into something more specific. */
@Catch(PlexError)
export class PlexErrorFilter implements ExceptionFilter {
  catch(error: PlexError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(error);
    if (body.retryAfterSeconds !== undefined) void reply.header('Retry-After', String(body.retryAfterSeconds));
    void reply.status(body.statusCode).send(body);
  }

  private toBody(error: PlexError): ApiErrorBody {
    switch (error.kind) {
      case 'unreachable':
        return {
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'the Plex server cannot be reached right now; try again shortly',
          retryAfterSeconds: RETRY_AFTER_SECONDS,
        };
      case 'not-found':
        return { statusCode: 404, error: 'Not Found', message: 'not found on the Plex server' };
      case 'unauthorized':
        return { statusCode: 502, error: 'Bad Gateway', message: 'the Plex server refused the credentials the proxy holds for it' };
      case 'rejected':
        return { statusCode: 502, error: 'Bad Gateway', message: 'the Plex server refused the request' };
    }
  }
}
