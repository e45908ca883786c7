import { join } from 'node:path';
import { createBenchProfile } from '../support/bench-profile.js';
import { monotonicMicros, topSelfTime } from '../support/cpu-profile.js';
import { freshProfileDir } from '../support/profile-dir.js';
import { runCreateClient } from '../support/create-client-child.js';
import type { Figure } from '../support/figures.js';
import { KeepAliveClient } from '../support/keep-alive-client.js';
import { startProxyChild } from '../support/proxy-child.js';
import { proxyEnv, type StageContext, type StageResult } from '../support/stage.js';
import { percentile, round } from '../support/stats.js';

const STAGE = 'create session';
/** A movie: the proxy makes exactly two Plex calls for it (metadata, then the play queue). */
const RATING_KEY = '101';
const EXPECTED_PLEX_CALLS = [`GET /library/metadata/${RATING_KEY}`, 'POST /playQueues'];
const CLIENT_TIMEOUT_MS = 120_000;

/**
 * `POST /api/v1/sessions` through the proxy against the two Plex calls it makes sent straight to the emulator,
 * sequentially over keep-alive connections, interleaved so both see the same conditions, from a client process
 * of its own (in this process, the direct calls would reach the emulator without ever leaving the process).
 */
export async function createSessionOverhead(context: StageContext): Promise<StageResult> {
  const { plex } = context;
  const { warmup, samples } = context.options.create;
  const profileDir = context.options.profile ? freshProfileDir('create') : undefined;
  const proxy = await startProxyChild(proxyEnv(context, join(context.workDir, 'create.sqlite')), { cpuProfileDir: profileDir });
  try {
    const apiKey = await createBenchProfile(proxy.url, context.adminToken);
    const plexCalls = await plexCallsOfOneCreate(context, proxy.url, apiKey);
    if (plexCalls.join() !== EXPECTED_PLEX_CALLS.join()) {
      throw new Error(`the proxy made ${plexCalls.join(', ')} for a create, not ${EXPECTED_PLEX_CALLS.join(', ')}`);
    }
    const measuredFrom = monotonicMicros();
    const timings = await runCreateClient(
      {
        proxyUrl: proxy.url,
        apiKey,
        plexUrl: plex.url,
        plexToken: plex.token,
        machineIdentifier: plex.machineIdentifier,
        ratingKey: RATING_KEY,
        warmup,
        samples,
      },
      CLIENT_TIMEOUT_MS,
    );
    const measuredTo = monotonicMicros();
    await proxy.stop();
    const hotspots = profileDir ? topSelfTime(profileDir, [[measuredFrom, measuredTo]]) : undefined;

    const stats = (ms: number[]) => ({ p50: round(percentile(ms, 50)), p99: round(percentile(ms, 99)) });
    const proxyStats = stats(timings.proxyMs);
    const directStats = stats(timings.directMs);
    const added = { p50: round(proxyStats.p50 - directStats.p50), p99: round(proxyStats.p99 - directStats.p99) };
    const figures: Figure[] = [
      { stage: STAGE, name: 'through the proxy p50', value: proxyStats.p50, unit: 'ms' },
      { stage: STAGE, name: 'the 2 Plex calls direct p50', value: directStats.p50, unit: 'ms' },
      { stage: STAGE, name: 'added by the proxy p50', value: added.p50, unit: 'ms', target: { kind: 'under', value: 3 } },
      { stage: STAGE, name: 'added by the proxy p99', value: added.p99, unit: 'ms' },
    ];
    return { figures, details: { samples, warmup, plexCalls, proxy: proxyStats, direct: directStats, added, hotspots } };
  } finally {
    await proxy.stop();
  }
}

/** The Plex calls the proxy makes within one create (the emulator records them). */
async function plexCallsOfOneCreate(context: StageContext, proxyUrl: string, apiKey: string): Promise<string[]> {
  const client = new KeepAliveClient(proxyUrl, { authorization: `Bearer ${apiKey}`, 'x-device-id': 'bench-check' });
  try {
    await client.expect(201, 'POST', '/api/v1/sessions', { ratingKey: RATING_KEY }); // the first one also learns the machine id
    context.plex.clearRequests();
    await client.expect(201, 'POST', '/api/v1/sessions', { ratingKey: RATING_KEY });
    // The timeline report a new session triggers goes out after the answer, not within the create.
    return context.plex.requests.filter((r) => r.path !== '/:/timeline').map((r) => `${r.method} ${r.path}`);
  } finally {
    context.plex.clearRequests();
    await client.close();
  }
}
