import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import { createBenchProfile } from '../support/bench-profile.js';
import type { Figure } from '../support/figures.js';
import { KeepAliveClient } from '../support/keep-alive-client.js';
import { startProxyChild } from '../support/proxy-child.js';
import { proxyEnv, type StageContext, type StageResult } from '../support/stage.js';
import { percentile, round } from '../support/stats.js';

const STAGE = 'live events';
const SETTLE_MS = 2_000;
const EVENT_TIMEOUT_MS = 10_000;

interface OpenStream {
  request: ClientRequest;
  /** The position of each session.updated received, with when it came. */
  onEvent?: (positionMs: number, at: number) => void;
}

/**
 * `GET /api/v1/events` held open by many clients at once: the proxy's memory per open stream (RSS grown from before
 * the streams to after they settled), and how long an event takes from the call that causes it (a state change
 * reported to `POST …/progress`) to every stream, all on one profile so each event goes out to every stream.
 */
export async function liveEventsStage(context: StageContext): Promise<StageResult> {
  const { streams: count, events } = context.options.liveEvents;
  const proxy = await startProxyChild(proxyEnv(context, join(context.workDir, 'events.sqlite')));
  const streams: OpenStream[] = [];
  const client = new KeepAliveClient(proxy.url);
  try {
    const apiKey = await createBenchProfile(proxy.url, context.adminToken);
    const auth = { authorization: `Bearer ${apiKey}`, 'x-device-id': 'bench-events' };
    const session = await client.expect<{ id: string }>(201, 'POST', '/api/v1/sessions', { ratingKey: '102' }, auth);
    // Warm-up: one stream and an event through it, so what is measured next is the streams, not the code's first use.
    const warm = await openStream(proxy.url, apiKey);
    await client.expect(200, 'POST', `/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 1 }, auth);
    warm.request.destroy();
    await sleep(SETTLE_MS);
    const rssBeforeMb = proxy.rssMb();

    const openStarted = performance.now();
    for (let i = 0; i < count; i += 100) {
      streams.push(...(await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => openStream(proxy.url, apiKey)))));
    }
    const openMs = performance.now() - openStarted;
    await sleep(SETTLE_MS);
    const rssWithStreamsMb = proxy.rssMb();

    const latenciesMs: number[] = [];
    for (let e = 1; e <= events; e++) {
      const positionMs = e * 10_000;
      let received = 0;
      const sentAt = performance.now();
      const all = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`event ${e}: ${received} of ${count} streams had it after ${EVENT_TIMEOUT_MS} ms`)), EVENT_TIMEOUT_MS);
        for (const stream of streams) {
          stream.onEvent = (position, at) => {
            // Extrapolated while playing: a few ms past what was reported.
            if (position < positionMs || position >= positionMs + 5_000) return;
            latenciesMs.push(at - sentAt);
            if (++received === count) {
              clearTimeout(timer);
              resolve();
            }
          };
        }
      });
      await client.expect(200, 'POST', `/api/v1/sessions/${session.id}/progress`, { state: e % 2 ? 'paused' : 'playing', positionMs }, auth);
      await all;
    }
    const rssAfterEventsMb = proxy.rssMb();

    const perStreamKb = ((rssWithStreamsMb - rssBeforeMb) * 1024) / count;
    const figures: Figure[] = [
      { stage: STAGE, name: `RSS per open stream (${count} streams)`, value: round(perStreamKb, 1), unit: 'KB' },
      { stage: STAGE, name: `RSS with ${count} streams open`, value: round(rssWithStreamsMb, 1), unit: 'MB', note: `${round(rssBeforeMb, 1)} MB before` },
      { stage: STAGE, name: `open ${count} streams`, value: round(openMs), unit: 'ms' },
      { stage: STAGE, name: `event to all ${count} streams p50`, value: round(percentile(latenciesMs, 50)), unit: 'ms' },
      { stage: STAGE, name: `event to all ${count} streams p99`, value: round(percentile(latenciesMs, 99)), unit: 'ms' },
      { stage: STAGE, name: 'event latency max', value: round(Math.max(...latenciesMs)), unit: 'ms' },
    ];
    return {
      figures,
      details: { streams: count, events, rssBeforeMb, rssWithStreamsMb, rssAfterEventsMb, perStreamKb, openMs, samples: latenciesMs.length },
    };
  } finally {
    for (const stream of streams) stream.request.destroy();
    await client.close();
    await proxy.stop();
  }
}

/** Opens one stream and resolves once its headers came; every `session.updated` is handed to its `onEvent`. */
function openStream(baseUrl: string, apiKey: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const stream: OpenStream = {
      request: request(`${baseUrl}/api/v1/events`, { agent: false, headers: { authorization: `Bearer ${apiKey}`, accept: 'text/event-stream' } }, (response) => {
        if (response.statusCode !== 200) return reject(new Error(`GET /api/v1/events answered ${response.statusCode}`));
        response.setEncoding('utf8');
        let pending = '';
        response.on('data', (chunk: string) => {
          const at = performance.now();
          pending += chunk;
          let end: number;
          while ((end = pending.indexOf('\n\n')) >= 0) {
            const block = pending.slice(0, end);
            pending = pending.slice(end + 2);
            if (!block.includes('event: session.updated')) continue;
            const data = block.slice(block.indexOf('data: ') + 6);
            stream.onEvent?.((JSON.parse(data) as { session: { positionMs: number } }).session.positionMs, at);
          }
        });
        response.on('error', () => undefined);
        resolve(stream);
      }),
    };
    stream.request.on('error', reject);
    stream.request.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
