const MAX_TRACKED_MS = 60_000;

/** Counters and a millisecond histogram of how late periodic reports started, for operators and benchmarks. */
export class TimelineStats {
  reportsSent = 0;
  reportFailures = 0;
  missedIntervals = 0;
  private readonly lateness = new Uint32Array(MAX_TRACKED_MS + 1);
  private latenessSamples = 0;
  private maxLatenessMs = 0;

  recordLateness(ms: number): void {
    const value = Math.max(0, Math.round(ms));
    this.lateness[Math.min(value, MAX_TRACKED_MS)]++;
    this.latenessSamples++;
    if (value > this.maxLatenessMs) this.maxLatenessMs = value;
  }

  /** The smallest lateness (ms) that `fraction` of the samples do not exceed. */
  percentile(fraction: number): number {
    if (this.latenessSamples === 0) return 0;
    const wanted = Math.ceil(fraction * this.latenessSamples);
    let seen = 0;
    for (let ms = 0; ms <= MAX_TRACKED_MS; ms++) {
      seen += this.lateness[ms];
      if (seen >= wanted) return ms;
    }
    return MAX_TRACKED_MS;
  }

  /** The non-empty buckets as [lateness ms, count] pairs, so a reader can compare two snapshots. */
  histogram(): [number, number][] {
    const buckets: [number, number][] = [];
    this.lateness.forEach((count, ms) => {
      if (count > 0) buckets.push([ms, count]);
    });
    return buckets;
  }

  snapshot() {
    return {
      reportsSent: this.reportsSent,
      reportFailures: this.reportFailures,
      missedIntervals: this.missedIntervals,
      latenessMs: {
        p50: this.percentile(0.5),
        p99: this.percentile(0.99),
        max: this.maxLatenessMs,
        samples: this.latenessSamples,
        histogram: this.histogram(),
      },
    };
  }
}
