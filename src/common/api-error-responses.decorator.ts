import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { ApiErrorBody } from './api-error.js';
import { ApiErrorDto } from './api-error.dto.js';

/** The error statuses the API documents; every one answers with {@link ApiErrorDto}. */
export type ApiErrorStatus = 400 | 401 | 404 | 409 | 422 | 429 | 502 | 503;

interface ErrorDoc {
  description: string;
  example: ApiErrorBody;
}

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before calling again.', schema: { type: 'integer', example: 5 } },
};

const ERRORS: Record<ApiErrorStatus, ErrorDoc> = {
  400: {
    description: 'The request is invalid (a path parameter, a body field or a header); `fields` names each problem.',
    example: {
      statusCode: 400,
      error: 'Bad Request',
      message: 'positionMs must not be negative',
      fields: [{ field: 'positionMs', message: 'positionMs must not be negative' }],
    },
  },
  401: {
    description: 'The `Authorization: Bearer` key is missing or wrong.',
    example: { statusCode: 401, error: 'Unauthorized', message: 'missing or wrong Authorization: Bearer token' },
  },
  404: {
    description: 'Not found: `message` says what (a session of the caller, a queue item, or an item on the Plex server).',
    example: { statusCode: 404, error: 'Not Found', message: 'session 3f0c8f4e-5b7a-4d52-9a57-2f1f0c4f9b1e not found' },
  },
  409: {
    description: 'Refused in the current state: the session has ended, or the queue cannot take this change.',
    example: {
      statusCode: 409,
      error: 'Conflict',
      message: 'session 3f0c8f4e-5b7a-4d52-9a57-2f1f0c4f9b1e has ended (stopped); create a new one',
    },
  },
  422: {
    description: 'The item has nothing to play (an empty season, album or playlist).',
    example: { statusCode: 422, error: 'Unprocessable Entity', message: 'Season 3 has nothing to play' },
  },
  429: {
    description: 'Too many calls: wait `Retry-After` seconds.',
    example: { statusCode: 429, error: 'Too Many Requests', message: 'too many requests', retryAfterSeconds: 5 },
  },
  502: {
    description: 'The Plex server refused the request or the credentials the proxy holds for it.',
    example: { statusCode: 502, error: 'Bad Gateway', message: 'the Plex server refused the request' },
  },
  503: {
    description: 'The Plex server cannot be reached right now: retry after `Retry-After` seconds.',
    example: {
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'the Plex server cannot be reached right now; try again shortly',
      retryAfterSeconds: 5,
    },
  },
};

/** Documents the error answers an operation (or every operation of a controller) can give, e.g. `@ApiErrorResponses(400, 404)`. */
export function ApiErrorResponses(...statuses: ApiErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        type: ApiErrorDto,
        ...ERRORS[status],
        ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
      }),
    ),
  );
}
