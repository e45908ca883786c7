import { join } from 'node:path';
import autocannon from 'autocannon';
import { startBareServer } from '../support/bare-server-child.js';
import type { Figure } from '../support/figures.js';
import { KeepAliveClient } from '../support/keep-alive-client.js';
import { startProxyChild } from '../support/proxy-child.js';
import { proxyEnv, type StageContext, type StageResult } from '../support/stage.js';
import { round } from '../support/stats.js';
import { topSelfTime } from '../support/cpu-profile.js';

const STAGE = 'progress';
/** A season: a queue of episodes, as a TV binge session has. */
const RATING_KEY = '201';
/** The states a player reports most of the time (stopped would end the session). */
const STATES = ['playing', 'playing', 'playing', 'playing', 'playing', 'playing', 'playing', 'playing', 'paused', 'buffering'];

interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * `POST /api/v1/sessions/:id/progress` on the real proxy (authenticated, validated, persisted) against a bare
 * node:http server doing the same by hand, at the same fixed concurrency, rotating over many sessions.
 */
export async function progressThroughput(context: StageContext): Promise<StageResult> {
  const { sessions: sessionCount, connections, warmupSeconds, seconds } = context.options.progress;
  const profileDir = context.options.profile ? join(context.workDir, 'cpu-profile') : undefined;
  const proxy = await startProxyChild(proxyEnv(context, join(context.workDir, 'progress.sqlite')), {
    cpuProfileDir: profileDir,
  });
  const auth = { authorization: `Bearer ${context.adminToken}` };
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  try {
    const client = new KeepAliveClient(proxy.url, auth);
    const sessionIds: string[] = [];
    for (let i = 0; i < sessionCount; i++) {
      const created = await client.expect<{ id: string }>(201, 'POST', '/api/v1/sessions', { ratingKey: RATING_KEY }, {
        'x-device-id': `bench-tv-${i}`,
      });
      sessionIds.push(created.id);
    }
    const probe = { state: 'playing', positionMs: 1000 };
    const template = await client.expect<Record<string, unknown>>(200, 'POST', `/api/v1/sessions/${sessionIds[0]}/progress`, probe);
    await client.close();

    bare = await startBareServer({ adminToken: context.adminToken, template, sessionIds });
    const answerBytes = {
      proxy: await answerSize(proxy.url, auth, sessionIds[0], probe),
      bare: await answerSize(bare.url, auth, sessionIds[0], probe),
    };
    const load = (url: string, duration: number) => runLoad(url, auth, sessionIds, connections, duration);

    await load(bare.url, warmupSeconds);
    const bareFigures = await load(bare.url, seconds);
    await bare.stop();
    bare = undefined;
    await load(proxy.url, warmupSeconds);
    const proxyFigures = await load(proxy.url, seconds);
    await proxy.stop();
    const hotspots = profileDir ? topSelfTime(profileDir) : undefined;

    const ratio = (100 * proxyFigures.requestsPerSecond) / bareFigures.requestsPerSecond;
    const figures: Figure[] = [
      { stage: STAGE, name: `proxy requests/s (${connections} connections)`, value: proxyFigures.requestsPerSecond, unit: 'req/s' },
      { stage: STAGE, name: 'bare node:http requests/s', value: bareFigures.requestsPerSecond, unit: 'req/s' },
      { stage: STAGE, name: 'proxy / bare node', value: round(ratio, 1), unit: '%', target: { kind: 'at least', value: 40 } },
      { stage: STAGE, name: 'proxy latency p50', value: proxyFigures.p50Ms, unit: 'ms' },
      { stage: STAGE, name: 'proxy latency p99', value: proxyFigures.p99Ms, unit: 'ms', target: { kind: 'under', value: 10 } },
      { stage: STAGE, name: 'bare node latency p50', value: bareFigures.p50Ms, unit: 'ms' },
      { stage: STAGE, name: 'bare node latency p99', value: bareFigures.p99Ms, unit: 'ms' },
    ];
    const failures = proxyFigures.non2xx + proxyFigures.errors + bareFigures.non2xx + bareFigures.errors;
    if (failures > 0) figures.push({ stage: STAGE, name: 'failed requests', value: failures, unit: '', target: { kind: 'under', value: 1 } });
    return {
      figures,
      details: { sessions: sessionCount, connections, seconds, answerBytes, proxy: proxyFigures, bare: bareFigures, hotspots },
    };
  } finally {
    await bare?.stop();
    await proxy.stop();
  }
}

async function answerSize(url: string, auth: Record<string, string>, id: string, body: object): Promise<number> {
  const client = new KeepAliveClient(url, auth);
  try {
    const response = await client.send('POST', `/api/v1/sessions/${id}/progress`, body);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status} to a progress call: ${response.text}`);
    return Buffer.byteLength(response.text);
  } finally {
    await client.close();
  }
}

/** Drives `url` at a fixed concurrency for a fixed time; each request goes to the next session, with a new position. */
async function runLoad(
  url: string,
  auth: Record<string, string>,
  sessionIds: readonly string[],
  connections: number,
  seconds: number,
): Promise<LoadFigures> {
  const paths = sessionIds.map((id) => `/api/v1/sessions/${id}/progress`);
  let sent = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        setupRequest: (request) => {
          const n = sent++;
          request.path = paths[n % paths.length];
          request.body = JSON.stringify({ state: STATES[n % STATES.length], positionMs: (n * 250) % 1_200_000 });
          return request;
        },
      },
    ],
  });
  return {
    requestsPerSecond: Math.round(result['2xx'] / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
