import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import type { HouseholdChange } from '../households/household-changes.js';
import type { ProgressChange } from '../sessions/progress-change.js';
import type { SessionEvent } from '../sessions/session-events.js';
import { currentPositionMs } from '../sessions/session-view.js';

/** A session as its events carry it: enough for a TV to update its screen without calling again. */
export interface LiveSession {
  readonly id: string;
  readonly deviceId: string;
  readonly state: PlaybackSession['state'];
  readonly positionMs: number;
  readonly ratingKey: string;
  readonly itemId: number;
  readonly queueVersion: number;
}

export type SessionEndReason = 'stopped' | 'end-of-queue' | 'client-lost' | 'terminated' | 'profile-deleted';
export type SessionChange = 'state' | 'position' | 'item' | 'queue';

/** What a live stream carries; `type` is also the SSE `event:` name. */
export type LiveEvent =
  | { readonly type: 'session.created'; readonly profileId: string; readonly session: LiveSession }
  | { readonly type: 'session.updated'; readonly profileId: string; readonly change: SessionChange; readonly session: LiveSession }
  | {
      readonly type: 'session.ended';
      readonly profileId: string;
      readonly reason: SessionEndReason;
      /** Plex's words for a termination by the server's owner; null otherwise. */
      readonly text: string | null;
      readonly session: LiveSession;
    }
  | ({ readonly type: 'progress.changed' } & Readonly<ProgressChange>)
  | Readonly<HouseholdChange>;

/** Sent instead of what was missed when that is no longer known: the client reads its state again. */
export interface ResyncEvent {
  readonly type: 'resync';
}

export type LiveEventType = LiveEvent['type'];

/** Household changes go to the admin's stream only. */
export const isHouseholdChange = (event: LiveEvent): event is Readonly<HouseholdChange> =>
  event.type.startsWith('profile.') || event.type.startsWith('key.') || event.type.startsWith('device.');

/** A position moved by more than this from where playing would have taken it is news (a seek); less is drift. */
const SEEK_TOLERANCE_MS = 2_000;

/** The live event for a session event, or undefined when clients need not hear of it (a progress report with no change). */
export function liveEventOf(event: SessionEvent, now: number): LiveEvent | undefined {
  const { session } = event;
  const base = { profileId: session.profileId, session: liveSession(session, now) };
  switch (event.type) {
    case 'created':
      return { type: 'session.created', ...base };
    case 'progress': {
      if (event.previousState !== session.state) return { type: 'session.updated', change: 'state', ...base };
      if (Math.abs(event.previousPositionMs - session.positionMs) > SEEK_TOLERANCE_MS) return { type: 'session.updated', change: 'position', ...base };
      return undefined;
    }
    case 'item-changed':
      return { type: 'session.updated', change: 'item', ...base };
    case 'queue-changed':
      return { type: 'session.updated', change: 'queue', ...base };
    case 'ended': {
      const { reason, text } = endReasonOf(session.endReason);
      return { type: 'session.ended', reason, text, ...base };
    }
  }
}

function liveSession(session: PlaybackSession, now: number): LiveSession {
  return {
    id: session.id,
    deviceId: session.deviceId,
    state: session.state,
    positionMs: currentPositionMs(session, now),
    ratingKey: session.ratingKey,
    itemId: session.playQueueItemId,
    queueVersion: session.playQueueVersion,
  };
}

const TERMINATED = 'terminated: ';

function endReasonOf(endReason: string | null): { reason: SessionEndReason; text: string | null } {
  if (endReason?.startsWith(TERMINATED)) return { reason: 'terminated', text: endReason.slice(TERMINATED.length) };
  switch (endReason) {
    case 'end-of-queue':
    case 'client-lost':
    case 'profile-deleted':
      return { reason: endReason, text: null };
    default:
      return { reason: 'stopped', text: null };
  }
}
