/** The one error body every failing API call answers with. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** The request fields that were wrong, for validation errors. */
  fields?: { field: string; message: string }[];
  /** Seconds after which the call may succeed, for 429 and 503 answers (and a pairing poll: when to poll again). */
  retryAfterSeconds?: number;
  /** A machine-readable reason where the status is not enough (a pairing poll's RFC 8628 error code). */
  code?: string;
}
