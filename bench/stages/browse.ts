import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { RecordedRequest } from '../../emulator/index.js';
import { createBenchProfile } from '../support/bench-profile.js';
import type { BrowseClientResult, BrowseClientTask, DirectPlan } from '../support/browse-client-protocol.js';
import type { Figure } from '../support/figures.js';
import { KeepAliveClient } from '../support/keep-alive-client.js';
import { BROWSE_CLIENT_JS } from '../support/paths.js';
import { startProxyChild } from '../support/proxy-child.js';
import { proxyEnv, type StageContext, type StageResult } from '../support/stage.js';
import { percentile, round } from '../support/stats.js';

const STAGE = 'browse';
const LIBRARY_PAGE = '/api/v1/libraries/1/items?sort=addedAt&limit=50';
const CLIENT_TIMEOUT_MS = 300_000;

/** Steps of the home call as the proxy makes them: the continue-watching hub, the libraries' pages, the shows. */
function stepOf(request: RecordedRequest): number {
  if (request.path === '/hubs/continueWatching' || request.path === '/library/sections/all') return 0;
  if (/^\/library\/sections\/[^/]+\/all$/.test(request.path)) return 1;
  return 2;
}

function pathOf(request: RecordedRequest): string {
  const query = new URLSearchParams(Object.entries(request.query).filter(([name]) => name.toLowerCase() !== 'x-plex-token')).toString();
  return query ? `${request.path}?${query}` : request.path;
}

/** The Plex calls the proxy made for one answer, grouped in the steps it made them in. */
async function planOf(context: StageContext, client: KeepAliveClient, path: string): Promise<DirectPlan> {
  context.plex.clearRequests();
  await client.expect(200, 'GET', path);
  const steps: string[][] = [[], [], []];
  for (const request of context.plex.requests) steps[stepOf(request)].push(pathOf(request));
  context.plex.clearRequests();
  return steps.filter((step) => step.length > 0);
}

/**
 * The home call and a library page through the proxy against the Plex calls they make sent straight to the emulator
 * (added latency, p50/p99), sequentially from a client process of its own; then a poster through the proxy against
 * the emulator's photo transcoder (throughput), and revalidations the proxy answers 304 without Plex.
 */
export async function browseStage(context: StageContext): Promise<StageResult> {
  const { warmup, samples, imageRequests, imageConcurrency } = context.options.browse;
  const proxy = await startProxyChild(proxyEnv(context, join(context.workDir, 'browse.sqlite')));
  try {
    const apiKey = await createBenchProfile(proxy.url, context.adminToken);
    const client = new KeepAliveClient(proxy.url, { authorization: `Bearer ${apiKey}` });
    let homePlan: DirectPlan;
    let pagePlan: DirectPlan;
    let poster: string;
    let imagePath: string;
    try {
      await client.expect(200, 'GET', '/api/v1/home'); // learns the libraries (kept for seconds, as in use)
      homePlan = await planOf(context, client, '/api/v1/home');
      pagePlan = await planOf(context, client, LIBRARY_PAGE);
      const page = await client.expect<{ items: { images: { poster?: string } }[] }>(200, 'GET', LIBRARY_PAGE);
      poster = page.items[0]?.images.poster ?? '';
      if (!poster) throw new Error('the library page has no poster');
      await fetch(poster).then((response) => response.arrayBuffer());
      const transcode = context.plex.requests.find((request) => request.path === '/photo/:/transcode');
      if (!transcode) throw new Error('the poster did not go through the photo transcoder');
      imagePath = pathOf(transcode);
      context.plex.clearRequests();
    } finally {
      await client.close();
    }
    const task: BrowseClientTask = {
      proxyUrl: proxy.url,
      apiKey,
      plexUrl: context.plex.url,
      plexToken: context.plex.token,
      warmup,
      samples,
      cases: [
        { name: 'home', proxyPath: '/api/v1/home', direct: homePlan },
        { name: 'library page', proxyPath: LIBRARY_PAGE, direct: pagePlan },
      ],
      images: { proxyUrl: poster, directPath: imagePath, requests: imageRequests, concurrency: imageConcurrency },
    };
    const result = await runBrowseClient(task);
    const figures: Figure[] = [];
    const details: Record<string, unknown> = { samples, warmup, homePlan, pagePlan };
    for (const [name, timings] of Object.entries(result.cases)) {
      const proxyStats = { p50: round(percentile(timings.proxyMs, 50)), p99: round(percentile(timings.proxyMs, 99)) };
      const directStats = { p50: round(percentile(timings.directMs, 50)), p99: round(percentile(timings.directMs, 99)) };
      const calls = (name === 'home' ? homePlan : pagePlan).flat().length;
      figures.push(
        { stage: STAGE, name: `${name} through the proxy p50`, value: proxyStats.p50, unit: 'ms' },
        { stage: STAGE, name: `${name}: its ${calls} Plex calls direct p50`, value: directStats.p50, unit: 'ms' },
        { stage: STAGE, name: `${name} added by the proxy p50`, value: round(proxyStats.p50 - directStats.p50), unit: 'ms' },
        { stage: STAGE, name: `${name} added by the proxy p99`, value: round(proxyStats.p99 - directStats.p99), unit: 'ms' },
      );
      details[name] = { proxy: proxyStats, direct: directStats };
    }
    const { proxy: viaProxy, direct, notModified } = result.images;
    const proxyRate = viaProxy.requests / viaProxy.seconds;
    const directRate = direct.requests / direct.seconds;
    figures.push(
      { stage: STAGE, name: 'image through the proxy', value: round(proxyRate, 0), unit: 'req/s' },
      { stage: STAGE, name: "image from the emulator's transcoder", value: round(directRate, 0), unit: 'req/s' },
      { stage: STAGE, name: 'image throughput, proxy / direct', value: round((100 * proxyRate) / directRate, 1), unit: '%' },
      { stage: STAGE, name: 'image revalidations answered 304', value: round(notModified.requests / notModified.seconds, 0), unit: 'req/s' },
    );
    details.images = { ...result.images, bytesPerImage: Math.round(viaProxy.bytes / viaProxy.requests), concurrency: imageConcurrency };
    return { figures, details };
  } finally {
    await proxy.stop();
  }
}

function runBrowseClient(task: BrowseClientTask): Promise<BrowseClientResult> {
  const child = fork(BROWSE_CLIENT_JS, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the browse client did not finish within ${CLIENT_TIMEOUT_MS} ms`));
    }, CLIENT_TIMEOUT_MS);
    child.once('message', (result: BrowseClientResult) => {
      clearTimeout(timer);
      resolve(result);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the browse client exited (${code}) without results`));
    });
    child.send(task);
  });
}
