import { jsonOncePerObject } from '../../common/json-once.js';
import type { ItemDto, QueueDto, QueueItemDto, SessionDto } from './dto/session.dto.js';
import { SESSION_DTO_MEMBERS } from './session-view.js';

type Member = (typeof SESSION_DTO_MEMBERS)[number];

/** `"name":` of each member, and with the comma that comes before every member but the first. */
const FIRST_NAMES = namesOf('{');
const NEXT_NAMES = namesOf(',');

/** The item and the queue are the same objects from one answer to the next while unchanged (toSessionDto). */
const itemJson = jsonOncePerObject<ItemDto>();
const queueJson = jsonOncePerObject<QueueDto>((queue) => withLastMember(queue, 'items', itemsJson(queue.items)));
/** A queue's item list is made once per queue and never changed in place (queueItemsView in session-view.ts). */
const itemsJson = jsonOncePerObject<readonly QueueItemDto[]>();

/**
 * A session answer as JSON: the text JSON.stringify gives, with the item and the queue written once each instead of
 * on every call. A queue holds up to 401 items (200 on each side of the current one): such an answer (~43 KB) took
 * JSON.stringify ~120 µs to write, paid by every progress report of a long binge; with the bench's 3 items,
 * serialising the whole answer was ~15 % of a progress call under load. Writes the members in toSessionDto's order.
 */
export function sessionJson(session: SessionDto): string {
  let json = '';
  for (const member of SESSION_DTO_MEMBERS) {
    const value = session[member];
    if (value === undefined) continue;
    json += (json === '' ? FIRST_NAMES : NEXT_NAMES)[member] + memberJson(member, value);
  }
  return json === '' ? '{}' : `${json}}`;
}

function memberJson(member: Member, value: NonNullable<SessionDto[Member]>): string {
  if (member === 'item') return itemJson(value as ItemDto);
  if (member === 'queue') return queueJson(value as QueueDto);
  return JSON.stringify(value);
}

/** JSON.stringify(object), with the value of `key` given as JSON and written last. */
function withLastMember<T extends object>(object: T, key: keyof T & string, valueJson: string): string {
  const others = JSON.stringify({ ...object, [key]: undefined });
  const separator = others === '{}' ? '' : ',';
  return `${others.slice(0, -1)}${separator}${JSON.stringify(key)}:${valueJson}}`;
}

function namesOf(before: string): Record<Member, string> {
  return Object.fromEntries(SESSION_DTO_MEMBERS.map((member) => [member, `${before}${JSON.stringify(member)}:`])) as Record<Member, string>;
}
