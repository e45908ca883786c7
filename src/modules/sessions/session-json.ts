import { oncePerObject } from '../../common/json-once.js';
import type { QueueItemDto, SessionDto } from './dto/session.dto.js';

/** A session's item list is made once per queue and never changed in place (queueItemsView in session-view.ts). */
const itemsUtf8 = oncePerObject<readonly QueueItemDto[], Buffer>((items) => Buffer.from(JSON.stringify(items)));
const CLOSING = Buffer.from('}}');

/**
 * A session answer as UTF-8 JSON: the same bytes as JSON.stringify's text, with the queue's items written once per
 * queue instead of on every call. A queue holds up to 401 items (200 on each side of the current one): such an
 * answer is ~43 KB, which JSON.stringify took ~120 µs to write, paid by every progress report of a long binge; and
 * as one long string it was copied, measured and encoded again on its way to the socket. Here the items are bytes
 * made once, copied once into the answer. Expects `queue` as the answer's last member and `items` as the queue's
 * (as toSessionDto builds them); either would otherwise move to the end.
 */
export function sessionJson(session: SessionDto): Buffer {
  const { queue } = session;
  const head = `${membersBefore(session, 'queue')}${membersBefore(queue, 'items')}`;
  const items = itemsUtf8(queue.items);
  const answer = Buffer.allocUnsafe(Buffer.byteLength(head) + items.length + CLOSING.length);
  let offset = answer.write(head);
  offset += items.copy(answer, offset);
  CLOSING.copy(answer, offset);
  return answer;
}

/** JSON.stringify(object) up to where the value of `key`, written last, begins: `{"a":1,"key":`. */
function membersBefore<T extends object>(object: T, key: keyof T & string): string {
  const others = JSON.stringify({ ...object, [key]: undefined });
  const separator = others === '{}' ? '' : ',';
  return `${others.slice(0, -1)}${separator}${JSON.stringify(key)}:`;
}
