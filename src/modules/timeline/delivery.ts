import type { PlaybackSession } from '../../entities/playback-session.entity.js';
import type { TimelineReport } from '../plex/plex.types.js';

/**
 * A `stopped` report Plex must still hear, for an item the session left or for its end. Stops go out in order,
 * before the session's live state; live state reports are not queued: only the newest state matters, and it is
 * computed when the report goes out.
 */
export interface OwedStop {
  report: TimelineReport;
  /** When the item was left: a stop sent late says so (`offline=1`, `updated`). */
  at: number;
  /** Times Plex refused it as made (a 4xx other than 401/403); a refused stop is dropped after a few. */
  refusals: number;
  /** Called once it reached Plex (or was dropped): the item's played check goes on from there. */
  settled: () => void;
}

/** What the scheduler keeps about one session it reports on. */
export interface TrackedSession {
  session: PlaybackSession;
  /** When the next report is due; the queue entry with this time is the live one. */
  dueAt: number;
  stops: OwedStop[];
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
