import { cpuTimeMs } from '../processes.js';
import type { BodyRead } from './body-reader.js';
import { monotonicMicros } from './cpu-profile.js';
import { median, round } from './stats.js';
import type { StreamReadTask } from './stream-reader-protocol.js';

/** Where a media part is read from: the proxy's signed URL, or the emulator's part URL with the Plex token. */
export interface PartSource {
  url: string;
  headers?: Record<string, string>;
  /** The process that sends the bytes to the reader (proxy, relay or emulator): its CPU time per GB is taken. */
  pid?: number;
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
  /** CPU seconds the sending process spent per GB (10^9 bytes) of each round, where its pid is known. */
  proxyCpuSecondsPerGB: number[];
  bareRelayCpuSecondsPerGB: number[];
  directCpuSecondsPerGB: number[];
  /** The reader's CPU seconds per GB read, every read of every source. */
  readerCpuSecondsPerGB: number[];
  /** Monotonic microseconds of each proxy round, for the CPU profile. */
  proxyWindows: [number, number][];
}

const READ_TIMEOUT_MS = 60_000;

/** The process that reads the bodies: a whole body per `read`; its CPU time is taken too. */
export interface WholeReader {
  pid: number;
  read(task: StreamReadTask): Promise<BodyRead>;
}

/**
 * Reads the whole part straight from the emulator, through the bare relay and through the proxy in turn, round
 * after round, with the same client on a fresh connection each time, so that other load on the machine weighs on
 * all alike.
 */
export async function compareThroughput(
  sources: ThroughputSources,
  size: number,
  rounds: number,
  reader: WholeReader,
): Promise<ThroughputComparison> {
  const { proxy, bareRelay, direct } = sources;
  const result: ThroughputComparison = {
    proxyMBps: [],
    bareRelayMBps: [],
    directMBps: [],
    proxyCpuSecondsPerGB: [],
    bareRelayCpuSecondsPerGB: [],
    directCpuSecondsPerGB: [],
    readerCpuSecondsPerGB: [],
    proxyWindows: [],
  };
  for (let i = 0; i < rounds; i++) {
    await measureRound(reader, direct, size, result.directMBps, result.directCpuSecondsPerGB, result.readerCpuSecondsPerGB);
    await measureRound(reader, bareRelay, size, result.bareRelayMBps, result.bareRelayCpuSecondsPerGB, result.readerCpuSecondsPerGB);
    const from = monotonicMicros();
    await measureRound(reader, proxy, size, result.proxyMBps, result.proxyCpuSecondsPerGB, result.readerCpuSecondsPerGB);
    result.proxyWindows.push([from, monotonicMicros()]);
  }
  return result;
}

/**
 * One whole read: its MB/s, and the sender's and the reader's CPU seconds per GB. The CPU figure holds better than
 * MB/s when the machine's phase changes (MB/s of the same read moves 3-fold here): it is what serving the bytes costs.
 */
async function measureRound(
  reader: WholeReader,
  source: PartSource,
  size: number,
  mbps: number[],
  cpuPerGB: number[],
  readerCpuPerGB: number[],
): Promise<void> {
  const cpuBefore = source.pid === undefined ? 0 : cpuTimeMs(source.pid);
  const readerBefore = cpuTimeMs(reader.pid);
  const whole = await readWhole(reader, source, size);
  const gigabytes = whole.bytes / 1e9;
  mbps.push(megabytesPerSecond(whole));
  readerCpuPerGB.push(round((cpuTimeMs(reader.pid) - readerBefore) / 1000 / gigabytes, 2));
  if (source.pid !== undefined) cpuPerGB.push(round((cpuTimeMs(source.pid) - cpuBefore) / 1000 / gigabytes, 2));
}

export const medianMBps = (samples: number[]): number => round(median(samples), 0);

async function readWhole(reader: WholeReader, source: PartSource, size: number): Promise<BodyRead> {
  const read = await reader.read({ url: source.url, headers: source.headers, timeoutMs: READ_TIMEOUT_MS });
  if (read.status !== 200 || read.bytes !== size) throw new Error(`reading the whole part answered ${read.status} with ${read.bytes} of ${size} bytes`);
  return read;
}

const megabytesPerSecond = (read: BodyRead): number => round(read.bytes / 1e6 / (read.totalMs / 1000), 1);
