import { join } from 'node:path';
import type autocannon from 'autocannon';
import { cpuTimesMs, type CpuTimes } from '../processes.js';
import { answerJsonFigures, LONG_QUEUE_ITEMS } from '../support/answer-json.js';
import { startBareServer, type BareServerChild } from '../support/bare-server-child.js';
import { monotonicMicros, topSelfTime, type Hotspots } from '../support/cpu-profile.js';
import type { Figure } from '../support/figures.js';
import { KeepAliveClient } from '../support/keep-alive-client.js';
import { driveProgress, summarize, type LoadFigures, type ProgressLoad } from '../support/progress-load.js';
import { createBenchProfile } from '../support/bench-profile.js';
import { BARE_FASTIFY_SERVER_JS, BARE_NEST_SERVER_JS } from '../support/paths.js';
import { freshProfileDir } from '../support/profile-dir.js';
import { startProxyChild, type ProxyChild } from '../support/proxy-child.js';
import { proxyEnv, type StageContext, type StageResult } from '../support/stage.js';
import { round } from '../support/stats.js';

const STAGE = 'progress';
/** A season: a queue of episodes, as a TV binge session has. */
const RATING_KEY = '201';
/** The long show's first episode, played with `continuous`: a queue of all its episodes (the emulator's longShowEpisodes). */
const LONG_QUEUE_SESSION = { ratingKey: '50101', continuous: true };
const PROBE = { state: 'playing', positionMs: 1000 };

/** One server (or one set of sessions) measured in the rounds. */
interface Measured {
  load: ProgressLoad;
  pid: number;
  rounds: autocannon.RawResult[];
  cpu: CpuTimes;
  /** Monotonic µs from and to of each round (for the proxy's CPU profile). */
  windows: [number, number][];
}

/**
 * `POST /api/v1/sessions/:id/progress` on the real proxy (authenticated, validated, persisted) against a bare
 * node:http server doing the same by hand, at the same fixed concurrency, rotating over many sessions. The two are
 * measured in alternating rounds, so that other load on the machine weighs on both alike. A bare NestJS route with a
 * class-validator DTO runs in the same rounds: the framework's own floor (the reference for the target); and
 * the same route on bare Fastify with a JSON schema: the adapter's floor.
 * The proxy's figures are of sessions of a 3-episode season; a second proxy runs in the same rounds on sessions of a
 * long show played with `continuous`, whose every answer carries a 401-item queue (~43 KB).
 * With `--spin-bare <µs>` the bare node server runs once more, made slower by that much busy work per call: what
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
  const bareServers: BareServerChild[] = [];
  let longQueueProxy: ProxyChild | undefined;
  try {
    const apiKey = await createBenchProfile(proxy.url, context.adminToken);
    const headers = { authorization: `Bearer ${apiKey}` };
    const { sessionIds, template } = await createSessions(proxy.url, headers, sessionCount, { ratingKey: RATING_KEY }, 'bench-tv');
    // A proxy of its own: a heap holding long queues, and their answers, would weigh on the target's figures.
    longQueueProxy = await startProxyChild(proxyEnv(context, join(context.workDir, 'progress-long-queues.sqlite')));
    const longHeaders = { authorization: `Bearer ${await createBenchProfile(longQueueProxy.url, context.adminToken)}` };
    const long = await createSessions(longQueueProxy.url, longHeaders, sessionCount, LONG_QUEUE_SESSION, 'bench-binge');
    const bareServer = async (script?: string, spinMicros?: number) => {
      const server = await startBareServer({ adminToken: apiKey, template, sessionIds, spinMicros }, script);
      bareServers.push(server);
      return server;
    };
    const epoch = Date.now();
    const measured = (url: string, pid: number, ids: readonly string[] = sessionIds, loadHeaders = headers): Measured => ({
      load: { url, headers: loadHeaders, sessionIds: ids, connections, epoch },
      pid,
      rounds: [],
      cpu: noCpu(),
      windows: [],
    });
    const bare = await bareServer();
    const nest = await bareServer(BARE_NEST_SERVER_JS);
    const fastify = await bareServer(BARE_FASTIFY_SERVER_JS);
    const servers = {
      bare: measured(bare.url, bare.pid),
      nest: measured(nest.url, nest.pid),
      fastify: measured(fastify.url, fastify.pid),
      proxy: measured(proxy.url, proxy.pid),
      longQueue: measured(longQueueProxy.url, longQueueProxy.pid, long.sessionIds, longHeaders),
      ...(spinBareMicros > 0 && { spun: await bareServer(undefined, spinBareMicros).then((spun) => measured(spun.url, spun.pid)) }),
    };
    const inTurn = Object.values(servers);
    const answerBytes = Object.fromEntries(
      await Promise.all(Object.entries(servers).map(async ([name, server]) => [name, await answerSize(server.load)] as const)),
    );

    for (const server of inTurn) await driveProgress(server.load, warmupSeconds);
    context.plex.clearRequests();
    const loadStarted = performance.now();
    for (let i = 0; i < rounds; i++) {
      for (const server of inTurn) {
        const before = cpuTimesMs(server.pid);
        const from = monotonicMicros();
        server.rounds.push(await driveProgress(server.load, roundSeconds));
        server.windows.push([from, monotonicMicros()]);
        const after = cpuTimesMs(server.pid);
        server.cpu.userMs += after.userMs - before.userMs;
        server.cpu.systemMs += after.systemMs - before.systemMs;
      }
    }
    // Timeline reports the proxy sent meanwhile: the periodic ones only, when no call looked like a seek.
    const plexRequestsPerSecond = round(context.plex.requests.length / ((performance.now() - loadStarted) / 1000), 1);
    await proxy.stop();
    const hotspots: Hotspots | undefined = profileDir ? topSelfTime(profileDir, servers.proxy.windows) : undefined;

    const summaries = new Map(inTurn.map((server) => [server, summarize(server.load, server.rounds)]));
    const load = (server: Measured) => summaries.get(server)!;
    const cpuOf = (server: Measured) => cpuMicrosPerCall(server.cpu, server.rounds);
    const proxyFigures = load(servers.proxy);
    const bareFigures = load(servers.bare);
    const nestFigures = load(servers.nest);
    const fastifyFigures = load(servers.fastify);
    const longFigures = load(servers.longQueue);
    const cpuPerCall = { proxy: cpuOf(servers.proxy), bare: cpuOf(servers.bare), nest: cpuOf(servers.nest), fastify: cpuOf(servers.fastify), longQueue: cpuOf(servers.longQueue) };
    const ofBare = (figures: LoadFigures) => round((100 * figures.requestsPerSecond) / bareFigures.requestsPerSecond, 1);
    const longName = `proxy, sessions with a ${LONG_QUEUE_ITEMS}-item queue`;
    const figures: Figure[] = [
      { stage: STAGE, name: `proxy requests/s (${connections} connections)`, value: proxyFigures.requestsPerSecond, unit: 'req/s' },
      { stage: STAGE, name: 'bare node:http requests/s', value: bareFigures.requestsPerSecond, unit: 'req/s' },
      { stage: STAGE, name: 'proxy / bare node', value: ofBare(proxyFigures), unit: '%', target: { kind: 'at least', value: 30 } },
      {
        stage: STAGE,
        name: 'proxy / bare NestJS route',
        value: round((100 * proxyFigures.requestsPerSecond) / nestFigures.requestsPerSecond, 1),
        unit: '%',
        target: { kind: 'at least', value: 70 },
      },
      { stage: STAGE, name: 'bare NestJS route (DTO only) / bare node', value: ofBare(nestFigures), unit: '%' },
      { stage: STAGE, name: 'bare Fastify route (JSON schema) / bare node', value: ofBare(fastifyFigures), unit: '%' },
      { stage: STAGE, name: 'proxy latency p50', value: proxyFigures.p50Ms, unit: 'ms' },
      { stage: STAGE, name: 'proxy latency p99', value: proxyFigures.p99Ms, unit: 'ms' },
      {
        stage: STAGE,
        name: 'proxy latency p99 / bare NestJS route p99',
        value: round(proxyFigures.p99Ms / Math.max(1, nestFigures.p99Ms), 2),
        unit: '×',
        target: { kind: 'at most', value: 1.5 },
      },
      { stage: STAGE, name: 'bare NestJS route latency p50', value: nestFigures.p50Ms, unit: 'ms' },
      { stage: STAGE, name: 'bare NestJS route latency p99', value: nestFigures.p99Ms, unit: 'ms' },
      { stage: STAGE, name: 'bare Fastify route latency p50', value: fastifyFigures.p50Ms, unit: 'ms' },
      { stage: STAGE, name: 'bare Fastify route latency p99', value: fastifyFigures.p99Ms, unit: 'ms' },
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
      { stage: STAGE, name: `${longName}: requests/s`, value: longFigures.requestsPerSecond, unit: 'req/s' },
      { stage: STAGE, name: `${longName}: latency p99`, value: longFigures.p99Ms, unit: 'ms' },
      { stage: STAGE, name: `${longName}: CPU per call`, value: cpuPerCall.longQueue.total, unit: 'µs' },
      { stage: STAGE, name: `${longName}: of which in the kernel`, value: cpuPerCall.longQueue.system, unit: 'µs' },
      { stage: STAGE, name: `answer with a ${LONG_QUEUE_ITEMS}-item queue, in-process: JSON.stringify`, value: answerJson.stringifyMicros, unit: 'µs' },
    ];
    const spunFigures = servers.spun && load(servers.spun);
    const spunCpu = servers.spun && cpuOf(servers.spun);
    if (spunFigures && spunCpu) {
      const name = `bare node + ${spinBareMicros} µs of busy work`;
      figures.push(
        { stage: STAGE, name: `${name}: requests/s`, value: spunFigures.requestsPerSecond, unit: 'req/s' },
        { stage: STAGE, name: `${name}: CPU per call`, value: spunCpu.total, unit: 'µs' },
        { stage: STAGE, name: `${name}: of which in the kernel`, value: spunCpu.system, unit: 'µs' },
      );
    }
    const failed = [...summaries.values()].reduce((sum, summary) => sum + summary.failed, 0);
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
        proxyLongQueue: longFigures,
        cpuMicrosPerCall: cpuPerCall,
        ...(spunFigures && { spinBareMicros, bareSpun: spunFigures, bareSpunCpuMicrosPerCall: spunCpu }),
        hotspots,
      },
    };
  } finally {
    for (const server of bareServers.reverse()) await server.stop();
    await longQueueProxy?.stop();
    await proxy.stop();
  }
}

/** Creates the sessions the load rotates over; a progress answer of the proxy is the bare server's template. */
async function createSessions(url: string, headers: Record<string, string>, count: number, body: object, devicePrefix: string) {
  const client = new KeepAliveClient(url, headers);
  try {
    const sessionIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const created = await client.expect<{ id: string }>(201, 'POST', '/api/v1/sessions', body, { 'x-device-id': `${devicePrefix}-${i}` });
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
