// The client of the browse stage, in a process of its own like a TV (see create-session-client.ts): the home call
// and a library page through the proxy against the Plex calls they make sent straight to the emulator, then a poster
// through the proxy against the emulator's transcoder, and revalidations answered 304. Forked by the benchmark.
import { Pool } from 'undici';
import type { BrowseClientResult, BrowseClientTask, DirectPlan } from './support/browse-client-protocol.js';

const PLEX_HEADERS = {
  accept: 'application/json',
  'x-plex-client-identifier': 'bench-direct-client',
  'x-plex-product': 'Plex Playback Proxy',
  'x-plex-version': '0.1.0',
  'x-plex-platform': 'Node.js',
  'x-plex-device-name': 'Plex Playback Proxy',
};

async function get(pool: Pool, path: string, headers: Record<string, string>, expected = 200): Promise<number> {
  const response = await pool.request({ method: 'GET', path, headers });
  const bytes = (await response.body.arrayBuffer()).byteLength;
  if (response.statusCode !== expected) throw new Error(`GET ${path} answered ${response.statusCode}, expected ${expected}`);
  return bytes;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function runPlan(pool: Pool, plan: DirectPlan, headers: Record<string, string>): Promise<void> {
  for (const step of plan) await Promise.all(step.map((path) => get(pool, path, headers)));
}

/** `requests` GETs, `concurrency` at a time: seconds taken and bytes read. */
async function load(pool: Pool, path: string, headers: Record<string, string>, requests: number, concurrency: number, expected = 200) {
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        next++;
        bytes += await get(pool, path, headers, expected);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, bytes, requests };
}

async function run(task: BrowseClientTask): Promise<BrowseClientResult> {
  const proxyOrigin = new URL(task.proxyUrl).origin;
  const proxy = new Pool(proxyOrigin, { connections: 16, keepAliveTimeout: 30_000 });
  const plex = new Pool(task.plexUrl, { connections: 16, keepAliveTimeout: 30_000 });
  const apiHeaders = { authorization: `Bearer ${task.apiKey}` };
  const plexHeaders = { ...PLEX_HEADERS, 'x-plex-token': task.plexToken };
  try {
    const result: BrowseClientResult = { cases: {}, images: undefined as unknown as BrowseClientResult['images'] };
    for (const browseCase of task.cases) {
      const timings = { proxyMs: [] as number[], directMs: [] as number[] };
      for (let i = 0; i < task.warmup + task.samples; i++) {
        const proxyMs = await timed(() => get(proxy, browseCase.proxyPath, apiHeaders));
        const directMs = await timed(() => runPlan(plex, browseCase.direct, plexHeaders));
        if (i < task.warmup) continue;
        timings.proxyMs.push(proxyMs);
        timings.directMs.push(directMs);
      }
      result.cases[browseCase.name] = timings;
    }
    const { requests, concurrency } = task.images;
    const imagePath = task.images.proxyUrl.slice(new URL(task.images.proxyUrl).origin.length);
    await load(proxy, imagePath, {}, concurrency * 2, concurrency);
    await load(plex, task.images.directPath, plexHeaders, concurrency * 2, concurrency);
    const viaProxy = await load(proxy, imagePath, {}, requests, concurrency);
    const direct = await load(plex, task.images.directPath, plexHeaders, requests, concurrency);
    const etag = (await proxy.request({ method: 'GET', path: imagePath })).headers.etag;
    if (typeof etag !== 'string') throw new Error('the image answer has no ETag');
    const notModified = await load(proxy, imagePath, { 'if-none-match': etag }, requests * 4, concurrency, 304);
    result.images = { proxy: viaProxy, direct, notModified: { seconds: notModified.seconds, requests: notModified.requests } };
    return result;
  } finally {
    await proxy.close();
    await plex.close();
  }
}

process.once('message', (task: BrowseClientTask) => {
  run(task).then(
    (result) => process.send!(result, () => process.disconnect()),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
