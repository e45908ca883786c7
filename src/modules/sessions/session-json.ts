import { jsonOncePerObject } from '../../common/json-once.js';
import type { ItemDto, QueueDto, SessionDto } from './dto/session.dto.js';
import { SESSION_DTO_MEMBERS } from './session-view.js';

type Member = (typeof SESSION_DTO_MEMBERS)[number];

/** `"name":` of each member, and with the comma that comes before every member but the first. */
const FIRST_NAMES = namesOf('{');
const NEXT_NAMES = namesOf(',');

/** The item and the queue are the same objects from one answer to the next while unchanged (toSessionDto). */
const itemJson = jsonOncePerObject<ItemDto>();
const queueJson = jsonOncePerObject<QueueDto>();

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

function namesOf(before: string): Record<Member, string> {
  return Object.fromEntries(SESSION_DTO_MEMBERS.map((member) => [member, `${before}${JSON.stringify(member)}:`])) as Record<Member, string>;
}
