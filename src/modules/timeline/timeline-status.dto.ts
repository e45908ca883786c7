/** Lateness of periodic reports against their due time, in milliseconds. */
export class LatenessDto {
  p50: number;
  p99: number;
  max: number;
  /** How many periodic reports were measured. */
  samples: number;
  /** `[lateness in ms, how many reports]` for every lateness seen, to compare two readings. */
  histogram: number[][];
}

/** Counters of the timeline scheduler since the proxy started. */
export class TimelineStatusDto {
  /** Sessions the scheduler reports on now. */
  sessions: number;
  /** Live state reports Plex accepted. */
  reportsSent: number;
  /** Deliveries that failed (Plex unreachable or refusing) and were retried. */
  reportFailures: number;
  /** Live reports that came more than 1.5 intervals after the previous one. */
  missedIntervals: number;
  latenessMs: LatenessDto;
}
