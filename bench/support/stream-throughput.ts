import { readBody, type BodyRead } from './body-reader.js';
import { monotonicMicros } from './cpu-profile.js';
import { median, round } from './stats.js';

/** Where a media part is read from: the proxy's signed URL, or the emulator's part URL with the Plex token. */
export interface PartSource {
  url: string;
  headers?: Record<string, string>;
}

export interface ThroughputComparison {
  /** MB/s (10^6 bytes) of each round. */
  proxyMBps: number[];
  directMBps: number[];
  /** Monotonic microseconds of each proxy round, for the CPU profile. */
  proxyWindows: [number, number][];
}

const READ_TIMEOUT_MS = 60_000;

/**
 * Reads the whole part through the proxy and straight from the emulator in alternating rounds (direct first), with
 * the same client on a fresh connection each time, so that other load on the machine weighs on both alike.
 */
export async function compareThroughput(proxy: PartSource, direct: PartSource, size: number, rounds: number): Promise<ThroughputComparison> {
  const result: ThroughputComparison = { proxyMBps: [], directMBps: [], proxyWindows: [] };
  for (let i = 0; i < rounds; i++) {
    result.directMBps.push(megabytesPerSecond(await readWhole(direct, size)));
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
