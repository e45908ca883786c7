import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPlexEmulator } from '../../../emulator/index.js';
import type { PlexEmulator } from '../../../emulator/index.js';
import { EmulatorClient, libraryUri } from './emulator-client.js';

/** The error code under fetch's "fetch failed". */
async function connectionError(url: string): Promise<string | undefined> {
  try {
    await fetch(url);
    return undefined;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? String(error);
  }
}

describe('Plex emulator: fault controls', () => {
  let emulator: PlexEmulator;
  let plex: EmulatorClient;

  before(async () => {
    emulator = await startPlexEmulator();
    plex = new EmulatorClient(emulator);
  });
  after(() => emulator.close());
  beforeEach(() => emulator.faults.reset());

  it('down(ms) refuses connections, then comes back on the same port', async () => {
    const port = emulator.port;
    assert.equal((await plex.get('/identity')).status, 200);
    await emulator.faults.down(300);
    assert.equal(await connectionError(`${emulator.url}/identity`), 'ECONNREFUSED');
    await sleep(500);
    assert.equal(emulator.port, port);
    assert.equal((await plex.get('/identity')).status, 200);
  });

  it('down() stays down until up()', async () => {
    await emulator.faults.down();
    assert.equal(await connectionError(`${emulator.url}/identity`), 'ECONNREFUSED');
    await emulator.faults.up();
    assert.equal((await plex.get('/identity')).status, 200);
  });

  it('records status 0 for a request dropped by down()', async () => {
    emulator.faults.latency(300);
    const pending = fetch(`${emulator.url}/identity`).then(
      () => 'answered',
      () => 'dropped',
    );
    await sleep(50);
    await emulator.faults.down();
    assert.equal(await pending, 'dropped');
    await emulator.faults.up();
    await sleep(300);
    const dropped = emulator.requestsTo('GET', '/identity').at(-1);
    assert.equal(dropped?.status, 0);
  });

  it('latency(ms) delays every answer', async () => {
    emulator.faults.latency(200);
    const started = Date.now();
    assert.equal((await plex.get('/identity')).status, 200);
    assert.ok(Date.now() - started >= 190);
    emulator.faults.reset();
    const again = Date.now();
    await plex.get('/identity');
    assert.ok(Date.now() - again < 150);
  });

  it('failNext(n, status) answers the next n requests with that status, and records them', async () => {
    emulator.faults.failNext(2, 503);
    assert.equal((await plex.get('/identity')).status, 503);
    assert.equal((await plex.get('/library/metadata/101')).status, 503);
    assert.equal((await plex.get('/library/metadata/101')).status, 200);
    emulator.faults.failNext(1);
    assert.equal((await plex.get('/identity')).status, 500);
    assert.deepEqual(
      emulator.requests.slice(-4).map((request) => request.status),
      [503, 503, 200, 500],
    );
  });

  it('failNext(n, status, path) fails only requests to that path (exact or a pattern); others are served', async () => {
    emulator.faults.failNext(1, 502, '/library/metadata/101');
    assert.equal((await plex.get('/identity')).status, 200);
    assert.equal((await plex.get('/library/metadata/102')).status, 200);
    assert.equal((await plex.get('/library/metadata/101')).status, 502);
    assert.equal((await plex.get('/library/metadata/101')).status, 200);
    emulator.faults.failNext(2, 503, /^\/library\/metadata\/10[12]$/);
    assert.equal((await plex.get('/identity')).status, 200);
    assert.equal((await plex.get('/library/metadata/102')).status, 503);
    assert.equal((await plex.get('/library/metadata/101')).status, 503);
    assert.equal((await plex.get('/library/metadata/101')).status, 200);
    emulator.faults.failNext(1, 500, '/identity');
    emulator.faults.reset();
    assert.equal((await plex.get('/identity')).status, 200);
  });

  it('fail(match, status, count) rules stand beside each other, by path and method, for a count or until reset', async () => {
    emulator.faults.fail({ path: '/:/prefs' }, 404);
    emulator.faults.fail({ method: 'PUT', path: '/:/scrobble' }, 500, 1);
    emulator.faults.fail({ method: 'GET', path: /^\/library\/metadata\/\d+$/ }, 503);
    for (let i = 0; i < 3; i++) assert.equal((await plex.get('/:/prefs')).status, 404, 'until reset');
    assert.equal((await plex.get('/library/metadata/101')).status, 503);
    assert.equal((await plex.get('/library/metadata/101/allLeaves')).status, 200, 'the pattern is anchored');
    const scrobble = { identifier: 'com.plexapp.plugins.library', key: '101' };
    assert.equal((await plex.put('/:/scrobble', scrobble)).status, 500);
    assert.equal((await plex.put('/:/scrobble', scrobble)).status, 200, 'a count of 1');
    assert.equal((await plex.get('/identity')).status, 200);
    emulator.faults.reset();
    assert.equal((await plex.get('/:/prefs')).status, 200);
  });

  it('delay(match, ms) carries a request out at once and answers it late', async () => {
    emulator.faults.delay({ method: 'PUT', path: '/:/scrobble' }, 300);
    const before = emulator.item('102')!.viewCount;
    const started = Date.now();
    const answer = plex.put('/:/scrobble', { identifier: 'com.plexapp.plugins.library', key: '102' });
    await sleep(150);
    assert.equal(emulator.item('102')!.viewCount, before + 1, 'taken before the answer left');
    assert.equal((await answer).status, 200);
    assert.ok(Date.now() - started >= 290);
    const quick = Date.now();
    await plex.get('/identity');
    assert.ok(Date.now() - quick < 150, 'other requests are not delayed');
    emulator.faults.reset();
  });

  it('expirePlayQueue(id) makes the queue 404', async () => {
    const queue = await plex.createQueue({ type: 'video', uri: libraryUri(emulator, '101') });
    const id = queue.playQueueID as number;
    assert.equal((await plex.get(`/playQueues/${id}`)).status, 200);
    emulator.faults.expirePlayQueue(id);
    assert.equal((await plex.get(`/playQueues/${id}`)).status, 404);
    assert.equal((await plex.put(`/playQueues/${id}`, { uri: libraryUri(emulator, '102') })).status, 404);
    assert.equal(emulator.playQueue(id), undefined);
  });

  it('terminateNextTimeline answers termination fields and ends the session', async () => {
    const tvA = plex.as({ clientIdentifier: 'tv-a' });
    const tvB = plex.as({ clientIdentifier: 'tv-b' });
    const body = { ratingKey: '102', key: '/library/metadata/102', state: 'playing', time: 5000, duration: 5_700_000 };
    await tvA.timeline(body);
    await tvB.timeline(body);
    emulator.faults.terminateNextTimeline({ code: 2001, text: 'Stopped by the admin', clientIdentifier: 'tv-b' });
    const fromA = await tvA.timeline(body);
    assert.equal(fromA.json.MediaContainer.terminationCode, undefined);
    const fromB = await tvB.timeline(body);
    assert.equal(fromB.status, 200);
    assert.equal(fromB.json.MediaContainer.terminationCode, 2001);
    assert.equal(fromB.json.MediaContainer.terminationText, 'Stopped by the admin');
    assert.deepEqual(
      emulator.sessions().map((session) => session.clientIdentifier),
      ['tv-a'],
    );
    emulator.faults.terminateNextTimeline({ code: 1, text: 'any client' });
    assert.equal((await tvA.timeline(body)).json.MediaContainer.terminationCode, 1);
    assert.equal(emulator.sessions().length, 0);
    assert.equal((await tvA.timeline(body)).json.MediaContainer.terminationCode, undefined);
  });
});
