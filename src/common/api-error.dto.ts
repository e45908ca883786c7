import { ApiProperty } from '@nestjs/swagger';
import type { ApiErrorBody } from './api-error.js';

/** A request field that was wrong. */
export class ApiErrorFieldDto {
  /**
   * The field (dotted for nested ones) or header name.
   * @example "positionMs"
   */
  field: string;

  /** @example "positionMs must not be negative" */
  message: string;
}

/** The one error body every failing call answers with. */
export class ApiErrorDto implements ApiErrorBody {
  /**
   * The HTTP status code, repeated.
   * @example 400
   */
  @ApiProperty({ type: 'integer' })
  statusCode: number;

  /**
   * The HTTP reason phrase.
   * @example "Bad Request"
   */
  error: string;

  /**
   * What went wrong, in words meant for a developer (not for end users).
   * @example "positionMs must not be negative"
   */
  message: string;

  /** For validation errors (400): each field that was wrong. */
  fields?: ApiErrorFieldDto[];

  /**
   * For 429 and 503: seconds after which the call may succeed (also sent as the `Retry-After` header).
   * @example 5
   */
  @ApiProperty({ type: 'integer' })
  retryAfterSeconds?: number;

  /**
   * A machine-readable reason where the status is not enough: a pairing poll's `authorization_pending`,
   * `slow_down`, `expired_token`, `access_denied` or `invalid_grant` (RFC 8628).
   * @example "authorization_pending"
   */
  code?: string;
}
