import { ApiProperty } from '@nestjs/swagger';

/** Lateness of periodic reports against their due time, in milliseconds. */
export class LatenessDto {
  /** @example 2 */
  p50: number;
  /** @example 48 */
  p99: number;
  /** @example 120 */
  max: number;
  /**
   * How many periodic reports were measured.
   * @example 60000
   */
  samples: number;

  @ApiProperty({
    description: '`[lateness in ms, how many reports]` for every lateness seen, to compare two readings.',
    type: 'array',
    items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 },
    example: [
      [0, 41000],
      [1, 15000],
    ],
  })
  histogram: number[][];
}

/** Counters of the timeline scheduler since the proxy started. */
export class TimelineStatusDto {
  /**
   * Sessions the scheduler reports on now.
   * @example 12
   */
  sessions: number;
  /**
   * Live state reports Plex accepted.
   * @example 86400
   */
  reportsSent: number;
  /**
   * Deliveries that failed (Plex unreachable or refusing) and were retried.
   * @example 0
   */
  reportFailures: number;
  /**
   * Live reports that came more than 1.5 intervals after the previous one.
   * @example 0
   */
  missedIntervals: number;
  latenessMs: LatenessDto;
}
