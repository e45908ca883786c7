/** Every failed Plex call is one of these; messages name the call, never a token. */
export abstract class PlexError extends Error {
  abstract readonly kind: 'unreachable' | 'unauthorized' | 'not-found' | 'rejected';

  constructor(
    readonly operation: string,
    message: string,
    readonly status?: number,
  ) {
    super(`Plex ${operation}: ${message}`);
    this.name = new.target.name;
  }
}

/** No answer (refused, reset, timed out) or a 5xx: the call may succeed later. */
export class PlexUnreachableError extends PlexError {
  readonly kind = 'unreachable';
}

/** 401/403: the token is wrong or lacks the right. */
export class PlexUnauthorizedError extends PlexError {
  readonly kind = 'unauthorized';
}

/** 404: the item, playlist or play queue does not exist (any more). */
export class PlexNotFoundError extends PlexError {
  readonly kind = 'not-found';
}

/** Any other 4xx: Plex refused the request as made. */
export class PlexRejectedError extends PlexError {
  readonly kind = 'rejected';
}

export function plexErrorForStatus(operation: string, status: number, detail: string): PlexError {
  const message = detail ? `${status} ${detail}` : String(status);
  if (status === 401 || status === 403) return new PlexUnauthorizedError(operation, message, status);
  if (status === 404) return new PlexNotFoundError(operation, message, status);
  if (status >= 500) return new PlexUnreachableError(operation, message, status);
  return new PlexRejectedError(operation, message, status);
}
