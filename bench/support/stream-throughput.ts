import { readBody, type BodyRead } from './body-reader.js';
import { monotonicMicros } from './cpu-profile.js';
import { median, round } from './stats.js';

/** Where a media part is read from: the proxy's signed URL, or the emulator's part URL with the Plex token. */
export interface PartSource {
  url: string;
  headers?: Record<string, string>;
}

/** The same part from the three places compared. */
export interface ThroughputSources {
  proxy: PartSource;
  bareRelay: PartSource;
  direct: PartSource;
}

export interface ThroughputComparison {
  /** MB/s (10^6 bytes) of each round. */
  proxyMBps: number[];
  bareRelayMBps: number[];
  directMBps: number[];
  /** Monotonic microseconds of each proxy round, for the CPU profile. */
  proxyWindows: [number, number][];
}

const READ_TIMEOUT_MS = 60_000;

/**
 * Reads the whole part straight from the emulator, through the bare relay and through the proxy in turn, round
 * after round, with the same client on a fresh connection each time, so that other load on the machine weighs on
 * all alike.
 */
export async function compareThroughput(sources: ThroughputSources, size: number, rounds: number): Promise<ThroughputComparison> {
  const { proxy, bareRelay, direct } = sources;
  const result: ThroughputComparison = { proxyMBps: [], bareRelayMBps: [], directMBps: [], proxyWindows: [] };
  for (let i = 0; i < rounds; i++) {
    result.directMBps.push(megabytesPerSecond(await readWhole(direct, size)));
    result.bareRelayMBps.push(megabytesPerSecond(await readWhole(bareRelay, size)));
    const from = monotonicMicros();
    result.proxyMBps.push(megabytesPerSecond(await readWhole(proxy, size)));
    result.proxyWindows.push([from, monotonicMicros()]);
  }
  return result;
}

export const medianMBps = (samples: number[]): number => round(median(samples), 0);

async function readWhole(source: PartSource, size: number): Promise<BodyRead> {
  const read = await readBody(source.url, { headers: source.headers, timeoutMs: READ_TIMEOUT_MS });
  if (read.status !== 200 || read.bytes !== size) throw new Error(`reading the whole part answered ${read.status} with ${read.bytes} of ${size} bytes`);
  return read;
}

const megabytesPerSecond = (read: BodyRead): number => round(read.bytes / 1e6 / (read.totalMs / 1000), 1);
