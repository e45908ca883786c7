import { join } from 'node:path';
import type autocannon from 'autocannon';
import { cpuTimesMs, type CpuTimes } from '../processes.js';
import { answerJsonFigures, LONG_QUEUE_ITEMS } from '../support/answer-json.js';
import { startBareServer, type BareServerChild } from '../support/bare-server-child.js';
import { monotonicMicros, topSelfTime, type Hotspots } from '../support/cpu-profile.js';
import type { Figure } from '../support/figures.js';
import { KeepAliveClient } from '../support/keep-alive-client.js';
import { driveProgress, summarize, type ProgressLoad } from '../support/progress-load.js';
import { createBenchProfile } from '../support/bench-profile.js';
import { BARE_FASTIFY_SERVER_JS, BARE_NEST_SERVER_JS } from '../support/paths.js';
import { freshProfileDir } from '../support/profile-dir.js';
import { startProxyChild } from '../support/proxy-child.js';
import { proxyEnv, type StageContext, type StageResult } from '../support/stage.js';
import { round } from '../support/stats.js';

const STAGE = 'progress';
/** A season: a queue of episodes, as a TV binge session has. */
const RATING_KEY = '201';
const PROBE = { state: 'playing', positionMs: 1000 };

/**
 * `POST /api/v1/sessions/:id/progress` on the real proxy (authenticated, validated, persisted) against a bare
 * node:http server doing the same by hand, at the same fixed concurrency, rotating over many sessions. The two are
 * measured in alternating rounds, so that other load on the machine weighs on both alike. A bare NestJS route with a
 * class-validator DTO runs in the same rounds: the framework's own floor (the reference for the target); and
 * the same route on bare Fastify with a JSON schema: the adapter's floor, which the proxy's lean progress route runs on.
 * With `--spin-bare <µs>` the bare node server runs a fourth time, made slower by that much busy work per call: what
 * a slower server pays on top of its own work here (its kernel time per call rises with it). Before the load, the
 * answer of a session with a long queue is timed in this process (answerJsonFigures).
 */
export async function progressThroughput(context: StageContext): Promise<StageResult> {
  const { sessions: sessionCount, connections, warmupSeconds, rounds, roundSeconds, spinBareMicros } = context.options.progress;
  const answerJson = answerJsonFigures();
  const profileDir = context.options.profile ? freshProfileDir(STAGE) : undefined;
  const proxy = await startProxyChild(proxyEnv(context, join(context.workDir, 'progress.sqlite')), {
    cpuProfileDir: profileDir,
  });
  let bare: BareServerChild | undefined;
  let nest: BareServerChild | undefined;
  let fastify: BareServerChild | undefined;
  let spun: BareServerChild | undefined;
  try {
    const apiKey = await createBenchProfile(proxy.url, context.adminToken);
    const headers = { authorization: `Bearer ${apiKey}` };
    const { sessionIds, template } = await createSessions(proxy.url, headers, sessionCount);
    bare = await startBareServer({ adminToken: apiKey, template, sessionIds });
    nest = await startBareServer({ adminToken: apiKey, template, sessionIds }, BARE_NEST_SERVER_JS);
    fastify = await startBareServer({ adminToken: apiKey, template, sessionIds }, BARE_FASTIFY_SERVER_JS);
    if (spinBareMicros > 0) spun = await startBareServer({ adminToken: apiKey, template, sessionIds, spinMicros: spinBareMicros });
    const epoch = Date.now();
    const proxyLoad: ProgressLoad = { url: proxy.url, headers, sessionIds, connections, epoch };
    const bareLoad: ProgressLoad = { url: bare.url, headers, sessionIds, connections, epoch };
    const nestLoad: ProgressLoad = { url: nest.url, headers, sessionIds, connections, epoch };
    const fastifyLoad: ProgressLoad = { url: fastify.url, headers, sessionIds, connections, epoch };
    const spunLoad: ProgressLoad | undefined = spun && { url: spun.url, headers, sessionIds, connections, epoch };
    const answerBytes = { proxy: await answerSize(proxyLoad), bare: await answerSize(bareLoad), nest: await answerSize(nestLoad), fastify: await answerSize(fastifyLoad) };

    await driveProgress(bareLoad, warmupSeconds);
    await driveProgress(nestLoad, warmupSeconds);
    await driveProgress(fastifyLoad, warmupSeconds);
    await driveProgress(proxyLoad, warmupSeconds);
    if (spunLoad) await driveProgress(spunLoad, warmupSeconds);
    context.plex.clearRequests();
    const loadStarted = performance.now();
    const bareRounds: autocannon.RawResult[] = [];
    const nestRounds: autocannon.RawResult[] = [];
    const fastifyRounds: autocannon.RawResult[] = [];
    const proxyRounds: autocannon.RawResult[] = [];
    const spunRounds: autocannon.RawResult[] = [];
    const proxyWindows: [number, number][] = [];
    const cpu = { proxy: noCpu(), bare: noCpu(), nest: noCpu(), fastify: noCpu(), spun: noCpu() };
    const measure = async (load: ProgressLoad, pid: number, into: autocannon.RawResult[], server: keyof typeof cpu) => {
      const before = cpuTimesMs(pid);
      into.push(await driveProgress(load, roundSeconds));
      const after = cpuTimesMs(pid);
      cpu[server].userMs += after.userMs - before.userMs;
      cpu[server].systemMs += after.systemMs - before.systemMs;
    };
    for (let i = 0; i < rounds; i++) {
      await measure(bareLoad, bare.pid, bareRounds, 'bare');
      await measure(nestLoad, nest.pid, nestRounds, 'nest');
      await measure(fastifyLoad, fastify.pid, fastifyRounds, 'fastify');
      const from = monotonicMicros();
      await measure(proxyLoad, proxy.pid, proxyRounds, 'proxy');
      proxyWindows.push([from, monotonicMicros()]);
      if (spun && spunLoad) await measure(spunLoad, spun.pid, spunRounds, 'spun');
    }
    // Timeline reports the proxy sent meanwhile: the periodic ones only, when no call looked like a seek.
    const plexRequestsPerSecond = round(context.plex.requests.length / ((performance.now() - loadStarted) / 1000), 1);
    await proxy.stop();
    const hotspots: Hotspots | undefined = profileDir ? topSelfTime(profileDir, proxyWindows) : undefined;

    const proxyFigures = summarize(proxyLoad, proxyRounds);
    const bareFigures = summarize(bareLoad, bareRounds);
    const nestFigures = summarize(nestLoad, nestRounds);
    const fastifyFigures = summarize(fastifyLoad, fastifyRounds);
    const cpuPerCall = {
      proxy: cpuMicrosPerCall(cpu.proxy, proxyRounds),
      bare: cpuMicrosPerCall(cpu.bare, bareRounds),
      nest: cpuMicrosPerCall(cpu.nest, nestRounds),
      fastify: cpuMicrosPerCall(cpu.fastify, fastifyRounds),
    };
    const ratio = (100 * proxyFigures.requestsPerSecond) / bareFigures.requestsPerSecond;
    const nestRatio = (100 * nestFigures.requestsPerSecond) / bareFigures.requestsPerSecond;
    const fastifyRatio = (100 * fastifyFigures.requestsPerSecond) / bareFigures.requestsPerSecond;
    const figures: Figure[] = [
      { stage: STAGE, name: `proxy requests/s (${connections} connections)`, value: proxyFigures.requestsPerSecond, unit: 'req/s' },
      { stage: STAGE, name: 'bare node:http requests/s', value: bareFigures.requestsPerSecond, unit: 'req/s' },
      { stage: STAGE, name: 'proxy / bare node', value: round(ratio, 1), unit: '%', target: { kind: 'at least', value: 40 } },
      { stage: STAGE, name: 'bare NestJS route (DTO only) / bare node', value: round(nestRatio, 1), unit: '%' },
      { stage: STAGE, name: 'bare Fastify route (JSON schema) / bare node', value: round(fastifyRatio, 1), unit: '%' },
      { stage: STAGE, name: 'proxy latency p50', value: proxyFigures.p50Ms, unit: 'ms' },
      { stage: STAGE, name: 'proxy latency p99', value: proxyFigures.p99Ms, unit: 'ms', target: { kind: 'under', value: 10 } },
      { stage: STAGE, name: 'bare NestJS route latency p50', value: nestFigures.p50Ms, unit: 'ms' },
      { stage: STAGE, name: 'bare NestJS route latency p99', value: nestFigures.p99Ms, unit: 'ms' },
      { stage: STAGE, name: 'CPU per call: proxy', value: cpuPerCall.proxy.total, unit: 'µs' },
      { stage: STAGE, name: 'CPU per call: bare NestJS route', value: cpuPerCall.nest.total, unit: 'µs' },
      { stage: STAGE, name: 'CPU per call: bare Fastify route', value: cpuPerCall.fastify.total, unit: 'µs' },
      { stage: STAGE, name: 'CPU per call: bare node', value: cpuPerCall.bare.total, unit: 'µs' },
      { stage: STAGE, name: 'of which in the kernel: proxy', value: cpuPerCall.proxy.system, unit: 'µs' },
      { stage: STAGE, name: 'of which in the kernel: bare NestJS route', value: cpuPerCall.nest.system, unit: 'µs' },
      { stage: STAGE, name: 'of which in the kernel: bare Fastify route', value: cpuPerCall.fastify.system, unit: 'µs' },
      { stage: STAGE, name: 'of which in the kernel: bare node', value: cpuPerCall.bare.system, unit: 'µs' },
      { stage: STAGE, name: 'bare node latency p50', value: bareFigures.p50Ms, unit: 'ms' },
      { stage: STAGE, name: 'bare node latency p99', value: bareFigures.p99Ms, unit: 'ms' },
      { stage: STAGE, name: `answer with a ${LONG_QUEUE_ITEMS}-item queue, in-process: JSON.stringify`, value: answerJson.stringifyMicros, unit: 'µs' },
      { stage: STAGE, name: `answer with a ${LONG_QUEUE_ITEMS}-item queue, in-process: sessionJson`, value: answerJson.sessionJsonMicros, unit: 'µs' },
    ];
    const spunFigures = spunLoad && summarize(spunLoad, spunRounds);
    const spunCpu = cpuMicrosPerCall(cpu.spun, spunRounds);
    if (spunFigures) {
      const name = `bare node + ${spinBareMicros} µs of busy work`;
      figures.push(
        { stage: STAGE, name: `${name}: requests/s`, value: spunFigures.requestsPerSecond, unit: 'req/s' },
        { stage: STAGE, name: `${name}: CPU per call`, value: spunCpu.total, unit: 'µs' },
        { stage: STAGE, name: `${name}: of which in the kernel`, value: spunCpu.system, unit: 'µs' },
      );
    }
    const failed = proxyFigures.failed + bareFigures.failed + nestFigures.failed + fastifyFigures.failed + (spunFigures?.failed ?? 0);
    if (failed > 0) figures.push({ stage: STAGE, name: 'failed requests', value: failed, unit: '', target: { kind: 'under', value: 1 } });
    return {
      figures,
      details: {
        sessions: sessionCount,
        connections,
        rounds,
        roundSeconds,
        answerBytes,
        longQueueAnswer: answerJson,
        plexRequestsPerSecond,
        proxy: proxyFigures,
        bare: bareFigures,
        bareNest: nestFigures,
        bareFastify: fastifyFigures,
        cpuMicrosPerCall: cpuPerCall,
        ...(spunFigures && { spinBareMicros, bareSpun: spunFigures, bareSpunCpuMicrosPerCall: spunCpu }),
        hotspots,
      },
    };
  } finally {
    await spun?.stop();
    await fastify?.stop();
    await nest?.stop();
    await bare?.stop();
    await proxy.stop();
  }
}

/** Creates the sessions the load rotates over; a progress answer of the proxy is the bare server's template. */
async function createSessions(url: string, headers: Record<string, string>, count: number) {
  const client = new KeepAliveClient(url, headers);
  try {
    const sessionIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const body = { ratingKey: RATING_KEY };
      const created = await client.expect<{ id: string }>(201, 'POST', '/api/v1/sessions', body, { 'x-device-id': `bench-tv-${i}` });
      sessionIds.push(created.id);
    }
    const template = await client.expect<Record<string, unknown>>(200, 'POST', `/api/v1/sessions/${sessionIds[0]}/progress`, PROBE);
    return { sessionIds, template };
  } finally {
    await client.close();
  }
}

async function answerSize(load: ProgressLoad): Promise<number> {
  const client = new KeepAliveClient(load.url, load.headers);
  try {
    const response = await client.send('POST', `/api/v1/sessions/${load.sessionIds[0]}/progress`, PROBE);
    if (response.status !== 200) throw new Error(`${load.url} answered ${response.status} to a progress call: ${response.text}`);
    return Buffer.byteLength(response.text);
  } finally {
    await client.close();
  }
}

const noCpu = (): CpuTimes => ({ userMs: 0, systemMs: 0 });

/**
 * CPU time of the whole server process (every thread) per answered call over the rounds, in µs: in all, and the
 * part spent in the kernel (socket reads and writes, and waking the load generator's reader).
 */
function cpuMicrosPerCall(cpu: CpuTimes, rounds: readonly autocannon.RawResult[]): { total: number; system: number } {
  const answered = Math.max(1, rounds.reduce((sum, r) => sum + r['2xx'], 0));
  return { total: round((1000 * (cpu.userMs + cpu.systemMs)) / answered, 1), system: round((1000 * cpu.systemMs) / answered, 1) };
}
