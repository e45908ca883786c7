import { createHash } from 'node:crypto';
import { invalidField } from '../../common/validation.js';

/**
 * Page cursors: the offset of the next page and a fingerprint of the list they belong to, base64url. The order is
 * made stable by a tie-breaker on the item id, so offsets walk every item exactly once; a cursor given with other
 * parameters (another sort, filter or item) is refused rather than silently paging another list.
 */
export function encodeCursor(offset: number, list: string): string {
  return Buffer.from(JSON.stringify({ o: offset, l: fingerprint(list) })).toString('base64url');
}

/** The offset a cursor stands for (0 without one); 400 naming `cursor` when it is not one of this list's. */
export function decodeCursor(cursor: string | undefined, list: string): number {
  if (cursor === undefined) return 0;
  try {
    const claims = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown; l?: unknown };
    if (Number.isSafeInteger(claims.o) && (claims.o as number) >= 0 && claims.l === fingerprint(list)) return claims.o as number;
  } catch {
    // Not JSON: refused below.
  }
  throw invalidField('cursor', 'cursor must be the nextCursor of a previous page of the same list (same parameters)');
}

/** The next page's cursor, or null when this page reached the end (a short page alone does not mean the end). */
export function nextCursor(offset: number, returned: number, total: number, list: string): string | null {
  const next = offset + returned;
  return returned > 0 && next < total ? encodeCursor(next, list) : null;
}

function fingerprint(list: string): string {
  return createHash('sha256').update(list).digest('base64url').slice(0, 12);
}
