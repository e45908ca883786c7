import { join } from 'node:path';
import { monotonicMicros, topSelfTime } from '../support/cpu-profile.js';
import type { Figure } from '../support/figures.js';
import { KeepAliveClient } from '../support/keep-alive-client.js';
import { createBenchProfile } from '../support/bench-profile.js';
import { startProxyChild } from '../support/proxy-child.js';
import { proxyEnv, type StageContext, type StageResult } from '../support/stage.js';
import { percentile, round } from '../support/stats.js';

const STAGE = 'create session';
/** A movie: the proxy makes exactly two Plex calls for it (metadata, then the play queue). */
const RATING_KEY = '101';
const EXPECTED_PLEX_CALLS = ['GET /library/metadata/101', 'POST /playQueues'];

/**
 * `POST /api/v1/sessions` through the proxy against the two Plex calls it makes sent straight to the emulator,
 * one after the other over the same kind of keep-alive client, interleaved so both see the same conditions.
 */
export async function createSessionOverhead(context: StageContext): Promise<StageResult> {
  const { plex } = context;
  const { warmup, samples } = context.options.create;
  const profileDir = context.options.profile ? join(context.workDir, 'cpu-profile-create') : undefined;
  const proxy = await startProxyChild(proxyEnv(context, join(context.workDir, 'create.sqlite')), { cpuProfileDir: profileDir });
  const apiKey = await createBenchProfile(proxy.url, context.adminToken);
  const viaProxy = new KeepAliveClient(proxy.url, { authorization: `Bearer ${apiKey}`, 'x-device-id': 'bench-tv' });
  const direct = new KeepAliveClient(plex.url, {
    accept: 'application/json',
    'x-plex-token': plex.token,
    'x-plex-client-identifier': 'bench-direct-client',
    'x-plex-product': 'Plex Playback Proxy',
    'x-plex-version': '0.1.0',
    'x-plex-platform': 'Node.js',
    'x-plex-device-name': 'Plex Playback Proxy',
  });
  const uri = `server://${plex.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${RATING_KEY}`;
  const createViaProxy = async () => (await timed(() => viaProxy.expect(201, 'POST', '/api/v1/sessions', { ratingKey: RATING_KEY }))).ms;
  const createDirect = async () =>
    (
      await timed(async () => {
        await direct.expect(200, 'GET', `/library/metadata/${RATING_KEY}`);
        await direct.expect(200, 'POST', `/playQueues?type=video&uri=${encodeURIComponent(uri)}`);
      })
    ).ms;

  try {
    for (let i = 0; i < warmup; i++) {
      await createViaProxy();
      await createDirect();
    }
    const plexCalls = await plexCallsOfOneCreate(context, createViaProxy);
    if (plexCalls.join() !== EXPECTED_PLEX_CALLS.join()) {
      throw new Error(`the proxy made ${plexCalls.join(', ')} for a create, not ${EXPECTED_PLEX_CALLS.join(', ')}`);
    }
    const proxyMs: number[] = [];
    const directMs: number[] = [];
    const measuredFrom = monotonicMicros();
    for (let i = 0; i < samples; i++) {
      proxyMs.push(await createViaProxy());
      directMs.push(await createDirect());
    }
    const measuredTo = monotonicMicros();
    await proxy.stop();
    const hotspots = profileDir ? topSelfTime(profileDir, [[measuredFrom, measuredTo]]) : undefined;
    const stats = (ms: number[]) => ({ p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)) });
    const proxyStats = stats(proxyMs);
    const directStats = stats(directMs);
    const added = { p50: round(proxyStats.p50 - directStats.p50), p99: round(proxyStats.p99 - directStats.p99) };
    const figures: Figure[] = [
      { stage: STAGE, name: 'through the proxy p50', value: proxyStats.p50, unit: 'ms' },
      { stage: STAGE, name: 'the 2 Plex calls direct p50', value: directStats.p50, unit: 'ms' },
      { stage: STAGE, name: 'added by the proxy p50', value: added.p50, unit: 'ms', target: { kind: 'under', value: 3 } },
      { stage: STAGE, name: 'added by the proxy p99', value: added.p99, unit: 'ms' },
    ];
    return { figures, details: { samples, warmup, plexCalls, proxy: proxyStats, direct: directStats, added, hotspots } };
  } finally {
    await viaProxy.close();
    await direct.close();
    await proxy.stop();
  }
}

async function plexCallsOfOneCreate(context: StageContext, create: () => Promise<number>): Promise<string[]> {
  context.plex.clearRequests();
  await create();
  // The timeline report a new session triggers goes out after the answer, not within the create.
  const calls = context.plex.requests.filter((r) => r.path !== '/:/timeline').map((r) => `${r.method} ${r.path}`);
  context.plex.clearRequests();
  return calls;
}

async function timed(work: () => Promise<unknown>): Promise<{ ms: number }> {
  const started = performance.now();
  await work();
  return { ms: performance.now() - started };
}
