import { join } from 'node:path';
import { startBareRelay, type BareRelayChild } from '../support/bare-relay-child.js';
import { createBenchProfile } from '../support/bench-profile.js';
import { topSelfTime } from '../support/cpu-profile.js';
import { mediaPartOf, startEmulatorChild } from '../support/emulator-child.js';
import type { Figure } from '../support/figures.js';
import { parallelStreams } from '../support/parallel-streams.js';
import { startProxyChild, type ProxyChild } from '../support/proxy-child.js';
import { rangeFirstByte } from '../support/range-first-byte.js';
import { proxyEnv, type StageContext, type StageResult } from '../support/stage.js';
import { median, percentile, round } from '../support/stats.js';
import { compareThroughput, medianMBps, type PartSource } from '../support/stream-throughput.js';
import { startStreamReader } from '../support/stream-reader-child.js';
import { directPlayStreamUrls } from '../support/stream-sessions.js';

const STAGE = 'streams';
/** A movie: direct play of one MPEG-TS part. */
const RATING_KEY = '101';
const IDLE_BEFORE_PARALLEL_MS = 1000;
/** Past this, the parallel streams are abandoned (the stage stays bounded in time on a very slow machine). */
const PARALLEL_TIMEOUT_MS = 45_000;

/**
 * Direct play through the proxy: one large stream against the same part read straight from Plex, the proxy's
 * memory while many TVs stream at once, and the first byte of a seek into the middle of the file.
 *
 * The run's own emulator lives in the benchmark's process, where "straight from the emulator" would never leave
 * the process. This stage starts an emulator of its own in a child process (bench/emulator-process.ts, with large
 * parts), so both paths cross processes and are read by the same node:http client, in a process of its own that
 * loads nothing else (bench/stream-reader.ts): direct is client ← emulator, through the proxy client ← proxy ←
 * emulator (the proxy's process in between is the cost measured). A bare node:http relay of the same part (undici
 * to Plex, piped to the player, bench/bare-stream-relay.ts) is read in the same rounds: the most a Node process in
 * between can do here, so the proxy's own cost shows apart from the relay's.
 */
export async function streamsStage(context: StageContext): Promise<StageResult> {
  const options = context.options.streams;
  const profileDir = context.options.profile ? join(context.workDir, 'cpu-profile-streams') : undefined;
  const emulator = await startEmulatorChild(options.mediaBytes);
  let proxy: ProxyChild | undefined;
  let bareRelay: BareRelayChild | undefined;
  const reader = startStreamReader();
  try {
    const env = { ...proxyEnv(context, join(context.workDir, 'streams.sqlite')), PLEX_URL: emulator.url, PLEX_TOKEN: emulator.token };
    proxy = await startProxyChild(env, { cpuProfileDir: profileDir });
    const apiKey = await createBenchProfile(proxy.url, context.adminToken);
    const part = await mediaPartOf(emulator, RATING_KEY);
    const streamUrls = await directPlayStreamUrls(proxy.url, apiKey, RATING_KEY, options.parallelStreams);
    const viaProxy: PartSource = { url: streamUrls[0], pid: proxy.pid };
    const direct: PartSource = { url: part.url, headers: { 'x-plex-token': emulator.token }, pid: emulator.pid };
    bareRelay = await startBareRelay(part, emulator.token);

    // The Range requests first: they also warm the proxy's stream path up for the throughput rounds.
    const firstByte = await rangeFirstByte(viaProxy, direct, part.size, options.rangeBytes, options.rangeRequests);
    const throughput = await compareThroughput({ proxy: viaProxy, bareRelay: { url: bareRelay.url, pid: bareRelay.pid }, direct }, part.size, options.throughputRounds, reader);
    await bareRelay.stop();
    const parallel = await parallelStreams(() => proxy!.rssMb(), {
      urls: streamUrls,
      size: part.size,
      minSeconds: options.parallelMinSeconds,
      sampleEveryMs: options.rssSampleMs,
      idleMs: IDLE_BEFORE_PARALLEL_MS,
      timeoutMs: PARALLEL_TIMEOUT_MS,
    });
    await proxy.stop();
    const hotspots = profileDir ? topSelfTime(profileDir, throughput.proxyWindows) : undefined;

    const proxyMBps = medianMBps(throughput.proxyMBps);
    const bareRelayMBps = medianMBps(throughput.bareRelayMBps);
    const directMBps = medianMBps(throughput.directMBps);
    const cpuPerGB = (samples: number[]) => round(median(samples), 2);
    const ms = (samples: number[], rank: number) => round(percentile(samples, rank));
    const firstByteStats = {
      proxy: { p50: ms(firstByte.proxyMs, 50), p99: ms(firstByte.proxyMs, 99) },
      direct: { p50: ms(firstByte.directMs, 50), p99: ms(firstByte.directMs, 99) },
    };
    const rounds = options.throughputRounds;
    const mib = Math.round(part.size / 2 ** 20);
    const n = options.parallelStreams;
    const kib = options.rangeBytes / 1024;
    const figures: Figure[] = [
      { stage: STAGE, name: `one ${mib} MiB stream through the proxy (median of ${rounds})`, value: proxyMBps, unit: 'MB/s' },
      { stage: STAGE, name: 'the same part straight from the emulator', value: directMBps, unit: 'MB/s' },
      { stage: STAGE, name: 'the same part through a bare node relay', value: bareRelayMBps, unit: 'MB/s' },
      { stage: STAGE, name: 'proxy / direct', value: round((100 * proxyMBps) / directMBps, 1), unit: '%', target: { kind: 'at least', value: 80 } },
      { stage: STAGE, name: 'bare node relay / direct', value: round((100 * bareRelayMBps) / directMBps, 1), unit: '%' },
      { stage: STAGE, name: 'proxy / bare node relay', value: round((100 * proxyMBps) / bareRelayMBps, 1), unit: '%' },
      { stage: STAGE, name: 'CPU per GB sent: the proxy (median)', value: cpuPerGB(throughput.proxyCpuSecondsPerGB), unit: 's' },
      { stage: STAGE, name: 'CPU per GB sent: the bare node relay', value: cpuPerGB(throughput.bareRelayCpuSecondsPerGB), unit: 's' },
      { stage: STAGE, name: 'CPU per GB sent: the emulator (direct)', value: cpuPerGB(throughput.directCpuSecondsPerGB), unit: 's' },
      { stage: STAGE, name: 'CPU per GB read: the reader (median)', value: cpuPerGB(throughput.readerCpuSecondsPerGB), unit: 's' },
      { stage: STAGE, name: `proxy RSS idle, before ${n} parallel streams`, value: parallel.idleMb, unit: 'MB' },
      { stage: STAGE, name: `proxy RSS max during ${n} streams (${parallel.seconds} s, ${parallel.aggregateMBps} MB/s)`, value: parallel.maxMb, unit: 'MB' },
      { stage: STAGE, name: 'proxy RSS max − idle', value: round(parallel.maxMb - parallel.idleMb, 1), unit: 'MB', target: { kind: 'under', value: 50 } },
      { stage: STAGE, name: `mid-file ${kib} KiB Range, first byte p50 (proxy)`, value: firstByteStats.proxy.p50, unit: 'ms' },
      { stage: STAGE, name: 'mid-file Range, first byte p99 (proxy)', value: firstByteStats.proxy.p99, unit: 'ms' },
      { stage: STAGE, name: 'mid-file Range, first byte p50 (direct)', value: firstByteStats.direct.p50, unit: 'ms' },
      { stage: STAGE, name: 'mid-file Range, first byte p99 (direct)', value: firstByteStats.direct.p99, unit: 'ms' },
    ];
    return {
      figures,
      details: {
        partBytes: part.size,
        throughput: {
          rounds,
          proxyMBps: throughput.proxyMBps,
          bareRelayMBps: throughput.bareRelayMBps,
          directMBps: throughput.directMBps,
          cpuSecondsPerGB: {
            proxy: throughput.proxyCpuSecondsPerGB,
            bareRelay: throughput.bareRelayCpuSecondsPerGB,
            emulator: throughput.directCpuSecondsPerGB,
            reader: throughput.readerCpuSecondsPerGB,
          },
        },
        parallel: { streams: n, minSeconds: options.parallelMinSeconds, ...parallel },
        rangeFirstByte: { requests: options.rangeRequests, bytes: options.rangeBytes, connection: 'keep-alive', ...firstByteStats },
        hotspots,
      },
    };
  } finally {
    await reader.stop();
    await bareRelay?.stop();
    await proxy?.stop();
    await emulator.stop();
  }
}

