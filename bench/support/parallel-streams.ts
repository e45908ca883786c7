import { readBody } from './body-reader.js';
import { sampleRss, type RssSample } from './rss-sampler.js';
import { round } from './stats.js';
import { sleep } from './timing.js';

export interface ParallelStreams {
  /** Resident memory of the proxy after idling, just before the streams start. */
  idleMb: number;
  maxMb: number;
  samples: RssSample[];
  /** Every stream read whole; from the first request to the last byte of the last one. */
  seconds: number;
  /** All streams together, MB/s (10^6 bytes). */
  aggregateMBps: number;
}

export interface ParallelStreamsPlan {
  urls: string[];
  size: number;
  /** Each reader is throttled so that its stream lasts at least this long (a TV reads as it plays). */
  minSeconds: number;
  sampleEveryMs: number;
  idleMs: number;
  timeoutMs: number;
}

/** Every URL read whole by a reader of its own, all at once, while the proxy's RSS is sampled. */
export async function parallelStreams(readRssMb: () => number, plan: ParallelStreamsPlan): Promise<ParallelStreams> {
  await sleep(plan.idleMs);
  const idleMb = round(readRssMb(), 1);
  const sampler = sampleRss(readRssMb, plan.sampleEveryMs);
  const started = performance.now();
  let samples: RssSample[];
  try {
    const reads = await Promise.all(
      plan.urls.map((url) => readBody(url, { bytesPerSecond: plan.size / plan.minSeconds, timeoutMs: plan.timeoutMs })),
    );
    const short = reads.find((read) => read.status !== 200 || read.bytes !== plan.size);
    if (short) throw new Error(`a parallel stream answered ${short.status} with ${short.bytes} of ${plan.size} bytes`);
  } finally {
    samples = sampler.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    idleMb,
    maxMb: Math.max(...samples.map((s) => s.mb)),
    samples,
    seconds: round(seconds, 1),
    aggregateMBps: round((plan.urls.length * plan.size) / 1e6 / seconds, 0),
  };
}
