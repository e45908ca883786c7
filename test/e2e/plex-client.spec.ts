import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startPlexEmulator, type PlexEmulator } from '../../emulator/index.js';
import { itemUri } from '../../src/modules/plex/plex.client.js';
import {
  PlexNotFoundError,
  PlexRejectedError,
  PlexUnauthorizedError,
  PlexUnreachableError,
} from '../../src/modules/plex/plex.errors.js';
import { callerFor, plexClient } from '../helpers/plex-client.js';

describe('the Plex client against a real HTTP server', () => {
  let plex: PlexEmulator;
  const client = plexClient({ PLEX_TIMEOUT_MS: '300' });

  before(async () => {
    plex = await startPlexEmulator();
  });
  beforeEach(async () => {
    plex.faults.reset();
    await plex.faults.up();
    plex.clearRequests();
  });
  after(async () => {
    await client.onModuleDestroy();
    await plex.close();
  });

  it('returns typed results', async () => {
    const caller = callerFor(plex);
    assert.equal((await client.identity(caller)).machineIdentifier, plex.machineIdentifier);
    const movie = await client.metadata(caller, '101');
    assert.equal(movie.type, 'movie');
    assert.equal(movie.title, 'Paper Boats');
    assert.equal(movie.durationMs, 4 * 60_000);
    assert.ok(movie.media[0]?.parts[0]?.key.startsWith('/library/parts/'));
    const queue = await client.createPlayQueue(caller, { type: 'video', source: { uri: itemUri(plex.machineIdentifier, '201') } });
    assert.equal(queue.version, 1);
    assert.ok(queue.items.length >= 3);
    assert.equal(new Set(queue.items.map((i) => i.playQueueItemId)).size, queue.items.length, 'unique item ids');
    assert.equal(queue.selectedItemId, queue.items[0]?.playQueueItemId);
    assert.equal((await client.preferences(caller)).videoPlayedThresholdPercent, 90);
  });

  it('takes playQueueVersion from every answer', async () => {
    const caller = callerFor(plex);
    const queue = await client.createPlayQueue(caller, { type: 'video', source: { uri: itemUri(plex.machineIdentifier, '201') } });
    const [a, b] = queue.items.map((i) => i.playQueueItemId) as [number, number];
    const moved = await client.movePlayQueueItem(caller, queue.id, b);
    assert.equal(moved.version, queue.version + 1);
    assert.deepEqual(moved.items.slice(0, 2).map((i) => i.playQueueItemId), [b, a]);
    const added = await client.addToPlayQueue(caller, queue.id, { uri: itemUri(plex.machineIdentifier, '101') }, true);
    assert.equal(added.version, moved.version + 1);
    assert.equal(added.lastAddedItemId, added.items.find((i) => i.ratingKey === '101')?.playQueueItemId);
  });

  it('sends the identity headers, the token and the session identifier on timeline reports', async () => {
    await client.reportTimeline(callerFor(plex, 'tv-livingroom'), 'playback-7', {
      ratingKey: '101',
      state: 'playing',
      timeMs: 1000,
      durationMs: 240_000,
    });
    const [request] = plex.requestsTo('POST', '/:/timeline');
    assert.ok(request);
    assert.equal(request.status, 200);
    assert.equal(request.headers['x-plex-client-identifier'], 'tv-livingroom');
    assert.equal(request.headers['x-plex-session-identifier'], 'playback-7');
    assert.equal(request.headers['x-plex-token'], '[REDACTED]');
    assert.equal(request.headers['x-plex-product'], 'Plex Playback Proxy');
    assert.equal(request.headers.accept, 'application/json');
    assert.deepEqual(request.query, { ratingKey: '101', key: '/library/metadata/101', state: 'playing', time: '1000', duration: '240000' });
  });

  it('caps time at duration and sends continuing only with stopped', async () => {
    const caller = callerFor(plex);
    await client.reportTimeline(caller, 's', { ratingKey: '101', state: 'playing', timeMs: 999_999, durationMs: 240_000, continuing: true });
    await client.reportTimeline(caller, 's', { ratingKey: '101', state: 'stopped', timeMs: 999_999, durationMs: 240_000, continuing: true });
    const [playing, stopped] = plex.requestsTo('POST', '/:/timeline');
    assert.equal(playing?.query.time, '240000');
    assert.equal(playing?.query.continuing, undefined);
    assert.equal(stopped?.query.time, '240000');
    assert.equal(stopped?.query.continuing, '1');
    assert.equal(stopped?.status, 200);
  });

  it('surfaces a termination from the timeline answer', async () => {
    plex.faults.terminateNextTimeline({ code: 2, text: 'The server owner stopped this stream' });
    const answer = await client.reportTimeline(callerFor(plex), 's', { ratingKey: '101', state: 'playing', timeMs: 0, durationMs: 240_000 });
    assert.deepEqual(answer.termination, { code: 2, text: 'The server owner stopped this stream' });
  });

  it('maps failures to typed errors that never contain the token', async () => {
    const caller = callerFor(plex);
    const failures: [() => Promise<unknown>, new (...args: never[]) => Error][] = [
      [() => client.metadata({ ...caller, token: 'wrong-token-123' }, '101'), PlexUnauthorizedError],
      [() => client.metadata(caller, '99999'), PlexNotFoundError],
      [() => client.playQueue(caller, 987654), PlexNotFoundError],
      [() => client.createPlayQueue(caller, { type: 'audio', source: { uri: itemUri(plex.machineIdentifier, '101') } }), PlexRejectedError],
    ];
    for (const [call, type] of failures) {
      const error = await call().then(() => undefined, (e: unknown) => e as Error);
      assert.ok(error instanceof type, `${error?.name} is a ${type.name}`);
      assert.ok(!error.message.includes(plex.token) && !error.message.includes('wrong-token-123'), error.message);
    }
  });

  it('reports the server unreachable when it is down, answers 5xx, or is too slow', async () => {
    const caller = callerFor(plex);
    plex.faults.failNext(1, 500);
    await assert.rejects(client.metadata(caller, '101'), PlexUnreachableError);
    plex.faults.latency(1000);
    await assert.rejects(client.metadata(caller, '101'), (e: Error) => e instanceof PlexUnreachableError && /timed out/.test(e.message));
    plex.faults.latency(0);
    await plex.faults.down();
    await assert.rejects(client.metadata(caller, '101'), (e: Error) => e instanceof PlexUnreachableError && /ECONNREFUSED/.test(e.message));
    await plex.faults.up();
    assert.equal((await client.metadata(caller, '101')).ratingKey, '101');
  });

  it('reuses keep-alive connections', async () => {
    const caller = callerFor(plex);
    const connectionsBefore = plex.connectionCount;
    for (let i = 0; i < 20; i++) await client.metadata(caller, '101');
    assert.ok(plex.connectionCount - connectionsBefore <= 2, `opened ${plex.connectionCount - connectionsBefore} connections for 20 calls`);
  });

  it('recovers its keep-alive pool after the server closed every connection (a Plex restart)', async () => {
    const caller = callerFor(plex);
    await client.metadata(caller, '101');
    await plex.faults.down();
    await plex.faults.up();
    assert.equal((await client.metadata(caller, '101')).ratingKey, '101', 'a stale pooled socket is retried once');
    const connectionsBefore = plex.connectionCount;
    for (let i = 0; i < 20; i++) await client.metadata(caller, '101');
    assert.ok(plex.connectionCount - connectionsBefore <= 2, `opened ${plex.connectionCount - connectionsBefore} connections for 20 calls`);
  });
});
