export interface RssSample {
  /** Milliseconds since sampling started. */
  atMs: number;
  mb: number;
}

export interface RssSampler {
  /** Stops sampling (taking one last sample) and returns every sample taken. */
  stop(): RssSample[];
}

/** Reads a process's resident memory every `everyMs` (and once at once) until stopped. */
export function sampleRss(readRssMb: () => number, everyMs: number): RssSampler {
  const started = performance.now();
  const samples: RssSample[] = [];
  const sample = () => samples.push({ atMs: Math.round(performance.now() - started), mb: Math.round(readRssMb() * 10) / 10 });
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return samples;
    },
  };
}
