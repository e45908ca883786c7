// The client of the create-session stage, in a process of its own like a TV: every hop it measures (to the proxy,
// and straight to the emulator) crosses processes, as the proxy's own calls to Plex do. Forked by the benchmark.
import type { CreateClientTask, CreateClientTimings } from './support/create-client-protocol.js';
import { KeepAliveClient } from './support/keep-alive-client.js';

async function run(task: CreateClientTask): Promise<CreateClientTimings> {
  const viaProxy = new KeepAliveClient(task.proxyUrl, { authorization: `Bearer ${task.apiKey}`, 'x-device-id': 'bench-tv' });
  // The headers the proxy sends to Plex.
  const direct = new KeepAliveClient(task.plexUrl, {
    accept: 'application/json',
    'x-plex-token': task.plexToken,
    'x-plex-client-identifier': 'bench-direct-client',
    'x-plex-product': 'Plex Playback Proxy',
    'x-plex-version': '0.1.0',
    'x-plex-platform': 'Node.js',
    'x-plex-device-name': 'Plex Playback Proxy',
  });
  const uri = encodeURIComponent(`server://${task.machineIdentifier}/com.plexapp.plugins.library/library/metadata/${task.ratingKey}`);
  const createViaProxy = () => timed(() => viaProxy.expect(201, 'POST', '/api/v1/sessions', { ratingKey: task.ratingKey }));
  const createDirect = () =>
    timed(async () => {
      await direct.expect(200, 'GET', `/library/metadata/${task.ratingKey}`);
      await direct.expect(200, 'POST', `/playQueues?type=video&uri=${uri}`);
    });
  try {
    const timings: CreateClientTimings = { proxyMs: [], directMs: [] };
    for (let i = 0; i < task.warmup + task.samples; i++) {
      const proxyMs = await createViaProxy();
      const directMs = await createDirect();
      if (i < task.warmup) continue;
      timings.proxyMs.push(proxyMs);
      timings.directMs.push(directMs);
    }
    return timings;
  } finally {
    await viaProxy.close();
    await direct.close();
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

process.once('message', (task: CreateClientTask) => {
  run(task).then(
    (timings) => process.send!(timings, () => process.disconnect()),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
