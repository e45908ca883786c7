import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ApiErrorBody } from './api-error.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Turns every error into the shared JSON error body; unexpected errors are logged and answered 500 without detail. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof HttpException && isStructuredReport(exception.getResponse())) {
      // A report with a shape of its own (the health check's 503 lists what is down): passed on as it is.
      void reply.status(exception.getStatus()).send(exception.getResponse());
      return;
    }
    const body = this.toBody(exception);
    if (body.retryAfterSeconds !== undefined) void reply.header('Retry-After', String(body.retryAfterSeconds));
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const details = typeof response === 'object' && response !== null ? (response as Partial<ApiErrorBody>) : {};
      const message = typeof response === 'string' ? response : details.message;
      return {
        statusCode,
        error: REASONS[statusCode] ?? 'Error',
        message: Array.isArray(message) ? message.join('; ') : (message ?? exception.message),
        ...(details.fields ? { fields: details.fields } : {}),
        ...(details.retryAfterSeconds !== undefined ? { retryAfterSeconds: details.retryAfterSeconds } : {}),
        ...(details.code !== undefined ? { code: details.code } : {}),
      };
    }
    const status = (exception as { statusCode?: number }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Errors raised by Fastify itself (malformed JSON, body too large, wrong content type).
      return { statusCode: status, error: REASONS[status] ?? 'Error', message: (exception as Error).message };
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, error: REASONS[500], message: 'internal error' };
  }
}

function isStructuredReport(response: string | object): boolean {
  return typeof response === 'object' && !('message' in response) && 'status' in response;
}
