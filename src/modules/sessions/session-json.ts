import { jsonOncePerObject } from '../../common/json-once.js';
import type { QueueItemDto, SessionDto } from './dto/session.dto.js';

/** A session's item list is made once per queue and never changed in place (queueItemsView in session-view.ts). */
const itemsJson = jsonOncePerObject<readonly QueueItemDto[]>();

/**
 * A session answer as JSON: the same text JSON.stringify gives, but with the queue's items serialised once per queue
 * instead of on every call. A queue holds up to 401 items (200 on each side of the current one): such an answer
 * (~43 KB) took JSON.stringify ~120 µs to write, paid by every progress report of a long binge. Expects `queue` as
 * the answer's last member and `items` as the queue's (as toSessionDto builds them); either would otherwise move to
 * the end.
 */
export function sessionJson(session: SessionDto): string {
  const { queue } = session;
  return withLastMember(session, 'queue', withLastMember(queue, 'items', itemsJson(queue.items)));
}

/** JSON.stringify(object), with the value of `key` given as JSON and written last. */
function withLastMember<T extends object>(object: T, key: keyof T & string, valueJson: string): string {
  const others = JSON.stringify({ ...object, [key]: undefined });
  const separator = others === '{}' ? '' : ',';
  return `${others.slice(0, -1)}${separator}${JSON.stringify(key)}:${valueJson}}`;
}
