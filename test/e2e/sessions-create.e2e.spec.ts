import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ApiError, Session } from '../helpers/session-types.js';
import { startStack, type Stack } from '../helpers/stack.js';

describe('creating sessions', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());
  beforeEach(() => stack.plex.clearRequests());

  it('plays a movie through a Plex play queue built the way real clients build it', async () => {
    const { status, body } = await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '101' });
    assert.equal(status, 201);
    assert.equal(body.state, 'buffering');
    assert.equal(body.positionMs, 0);
    assert.equal(body.ratingKey, '101');
    assert.deepEqual(
      { title: body.item.title, type: body.item.type, durationMs: body.item.durationMs },
      { title: 'Paper Boats', type: 'movie', durationMs: 240_000 },
    );
    const queue = stack.plex.playQueue(body.queue.playQueueId);
    assert.ok(queue, 'the queue exists on Plex');
    assert.equal(body.queue.version, queue.version);
    assert.deepEqual(body.queue.items.map((i) => i.itemId), queue.entries.map((i) => i.playQueueItemID));
    assert.equal(body.queue.selectedItemId, body.queue.items[0]?.itemId);
    assert.equal(body.deviceId, 'tv-1');

    const [create] = stack.plex.requestsTo('POST', '/playQueues');
    assert.deepEqual(create?.query, {
      type: 'video',
      uri: `server://${stack.plex.machineIdentifier}/com.plexapp.plugins.library/library/metadata/101`,
    });
    assert.equal(stack.plex.requestsTo('GET', '/library/metadata/101').length, 1);
    assert.match(create?.headers['x-plex-client-identifier'] ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('gives each device a Plex client identifier of its own, stable across sessions', async () => {
    await stack.api.post('/api/v1/sessions', { ratingKey: '101' });
    await stack.api.post('/api/v1/sessions', { ratingKey: '102' });
    await stack.api.with({ 'x-device-id': 'tv-kitchen' }).post('/api/v1/sessions', { ratingKey: '101' });
    const ids = stack.plex.requestsTo('POST', '/playQueues').map((r) => r.headers['x-plex-client-identifier']);
    assert.equal(ids[0], ids[1]);
    assert.notEqual(ids[0], ids[2]);
  });

  it('plays a show as its episodes, a season as its episodes, an album as audio', async () => {
    const show = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '200' })).body;
    assert.equal(show.item.type, 'episode');
    assert.equal(show.ratingKey, '211');
    assert.deepEqual(show.queue.items.slice(0, 4).map((i) => i.ratingKey), ['211', '212', '213', '221']);
    const season = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '202' })).body;
    assert.deepEqual(season.queue.items.map((i) => i.ratingKey).slice(0, 2), ['221', '222']);
    const album = stack.plex.library.ofType('album')[0];
    const music = await stack.api.post<Session>('/api/v1/sessions', { ratingKey: album.ratingKey });
    assert.equal(music.status, 201);
    assert.equal(music.body.item.type, 'track');
    assert.equal(stack.plex.requestsTo('POST', '/playQueues').at(-1)?.query.type, 'audio');
  });

  it('queues the following episodes with continuous, starting at the episode', async () => {
    const { body } = await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '212', continuous: true });
    assert.equal(body.ratingKey, '212');
    assert.deepEqual(body.queue.items.map((i) => i.ratingKey).slice(0, 3), ['212', '213', '221']);
    assert.equal(stack.plex.requestsTo('POST', '/playQueues').at(-1)?.query.continuous, '1');
  });

  it('plays a playlist by playlistID, shuffled when asked', async () => {
    const { status, body } = await stack.api.post<Session>('/api/v1/sessions', { playlistId: '400', shuffle: true });
    assert.equal(status, 201);
    assert.equal(body.queue.items.length, 3);
    assert.deepEqual(stack.plex.requestsTo('POST', '/playQueues').at(-1)?.query, { type: 'video', playlistID: '400', shuffle: '1' });
  });

  it('answers 404 naming the key for an unknown item or playlist', async () => {
    const unknown = await stack.api.post<ApiError>('/api/v1/sessions', { ratingKey: '99999' });
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.message, /ratingKey 99999 not found/);
    const notPlaylist = await stack.api.post<ApiError>('/api/v1/sessions', { playlistId: '101' });
    assert.equal(notPlaylist.status, 404);
    assert.match(notPlaylist.body.message, /playlistId 101 not found/);
  });
});

describe('where a new session starts', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  const reportToPlex = (ratingKey: string, timeMs: number, durationMs: number) =>
    fetch(
      `${stack.plex.url}/:/timeline?ratingKey=${ratingKey}&key=/library/metadata/${ratingKey}&state=stopped&time=${timeMs}&duration=${durationMs}`,
      { method: 'POST', headers: { 'x-plex-token': stack.plex.token, 'x-plex-client-identifier': 'another-app' } },
    );

  it('starts at offsetMs when given', async () => {
    const { body } = await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '102', offsetMs: 123_000 });
    assert.equal(body.positionMs, 123_000);
  });

  it("starts at Plex's resume point when the proxy has none", async () => {
    await reportToPlex('103', 600_000, 7_200_000);
    const { body } = await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '103' });
    assert.equal(body.positionMs, 600_000);
  });

  it("prefers the profile's saved progress over Plex's", async () => {
    const first = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '104' })).body;
    await stack.api.post(`/api/v1/sessions/${first.id}/progress`, { state: 'paused', positionMs: 300_000 });
    await stack.api.delete(`/api/v1/sessions/${first.id}`);
    await reportToPlex('104', 100_000, 720_000);
    const { body } = await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '104' });
    assert.equal(body.positionMs, 300_000);
  });

  it('starts a watched item from the beginning', async () => {
    await fetch(`${stack.plex.url}/:/scrobble?identifier=com.plexapp.plugins.library&key=213`, {
      method: 'PUT',
      headers: { 'x-plex-token': stack.plex.token, 'x-plex-client-identifier': 'another-app' },
    });
    const { body } = await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '213' });
    assert.equal(body.positionMs, 0);
  });
});
