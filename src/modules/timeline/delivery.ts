import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import type { TimelineReport } from '../plex/plex.types.js';
import type { LeftItem } from './played-state.service.js';

/**
 * Something Plex must still be told about a session, in order: a `stopped` report for an item the
 * session left (or for its end), then the played check for that item. Live state reports are not
 * queued: only the newest state matters, and it is computed when the report goes out.
 */
export type Delivery =
  | { kind: 'stopped'; report: TimelineReport; at: number }
  | { kind: 'settle-played'; item: LeftItem };

/** What the scheduler keeps about one session it reports on. */
export interface TrackedSession {
  session: PlaybackSession;
  /** When the next report is due; the queue entry with this time is the live one. */
  dueAt: number;
  deliveries: Delivery[];
  /** Consecutive failures to reach Plex, for the backoff. */
  failures: number;
  inFlight: boolean;
  /** Something changed while a delivery was in flight: go again at once. */
  again: boolean;
  /** The server ended the stream: one final stopped report, then nothing more. */
  terminated: boolean;
  /** The pending due time is the regular cadence (not a change reported at once). */
  periodic: boolean;
  /** When the last live state report reached Plex. */
  lastLiveAt?: number;
  /** Called once no `stopped` report is owed any more (see TimelineScheduler.stopsDelivered). */
  stopWaiters?: (() => void)[];
}
