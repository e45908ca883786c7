import type { PlaybackSession } from '../../entities/playback-session.entity.js';

/**
 * What happened to a session, as the `session` event of the app's bus (AppEvents): the timeline reporter turns these
 * into Plex reports, the live streams into the clients' events.
 */
export type SessionEvent =
  | { type: 'created'; session: PlaybackSession }
  | { type: 'progress'; session: PlaybackSession; previousState: PlaybackSession['state']; previousPositionMs: number }
  | { type: 'item-changed'; session: PlaybackSession; previous: PreviousItem }
  | { type: 'queue-changed'; session: PlaybackSession }
  | { type: 'ended'; session: PlaybackSession };

/** The item a session left, and where it was left. */
export interface PreviousItem {
  ratingKey: string;
  playQueueItemId: number;
  positionMs: number;
  durationMs: number | null;
  /** When it had started playing in the session. */
  startedAt: number;
  /** When the session left it. */
  leftAt: number;
  /** Where its credits markers start (ms), when known: the server may count it played there. */
  creditsStartsMs?: readonly number[];
}
