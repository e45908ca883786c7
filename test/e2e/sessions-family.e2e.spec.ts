// Playback a family uses: markers on the current item, played at the credits as the server says, a show started where
// the profile left off, and what plays next.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../helpers/api-client.js';
import { clientFor, createProfile } from '../helpers/household.js';
import type { Session } from '../helpers/session-types.js';
import { startStack, type Stack } from '../helpers/stack.js';
import { eventually, play } from '../helpers/streams.js';

interface Progress {
  watched: boolean;
  positionMs: number;
}

/** Plays `ratingKey` to `positionMs` and stops there; resolves once the proxy saved it as watched or not. */
async function playAndStop(api: ApiClient, ratingKey: string, positionMs: number): Promise<void> {
  const { body } = await api.post<Session>('/api/v1/sessions', { ratingKey });
  await api.post(`/api/v1/sessions/${body.id}/progress`, { state: 'playing', positionMs });
  await api.post(`/api/v1/sessions/${body.id}/progress`, { state: 'stopped', positionMs });
}

describe('markers, up next and where a show starts', () => {
  let stack: Stack;
  let alice: ApiClient;
  before(async () => {
    stack = await startStack();
    const token = stack.plex.addUser('alice');
    alice = clientFor(stack.proxy.url, (await createProfile(stack.admin, { name: 'Alice', plexToken: token })).apiKey);
  });
  after(() => stack.close());

  it("carries the current item's intro and credits markers, asked of Plex with includeMarkers=1 and the profile's token", async () => {
    stack.plex.clearRequests();
    const { body } = await alice.post<Session>('/api/v1/sessions', { ratingKey: '1002' });
    const plexItem = stack.plex.item('1002')!;
    assert.deepEqual(
      body.item.markers,
      plexItem.Marker!.map((marker) => ({ type: marker.type, startMs: marker.startTimeOffset, endMs: marker.endTimeOffset })),
    );
    assert.deepEqual(body.item.markers.map((marker) => marker.type), ['intro', 'credits']);
    const [asked] = stack.plex.requestsTo('GET', '/library/metadata/1002');
    assert.equal(asked?.query.includeMarkers, '1');
    assert.equal(asked?.user, 'alice');
    const plain = await alice.post<Session>('/api/v1/sessions', { ratingKey: '101' });
    assert.deepEqual(plain.body.item.markers, [], 'an item without markers has none');
    const progress = await alice.post<Session>(`/api/v1/sessions/${body.id}/progress`, { state: 'playing', positionMs: 61_000 });
    assert.deepEqual(progress.body.item.markers, body.item.markers, 'every answer carries them');
    await alice.delete(`/api/v1/sessions/${body.id}`);
    await alice.delete(`/api/v1/sessions/${plain.body.id}`);
  });

  it('moves the markers with the item (next episode)', async () => {
    const { body } = await alice.post<Session>('/api/v1/sessions', { ratingKey: '6121', continuous: true });
    const next = (await alice.post<Session>(`/api/v1/sessions/${body.id}/next`)).body;
    assert.equal(next.ratingKey, '6122');
    const credits = stack.plex.item('6122')!.Marker!.find((marker) => marker.type === 'credits')!;
    assert.deepEqual(next.item.markers.find((marker) => marker.type === 'credits'), { type: 'credits', startMs: credits.startTimeOffset, endMs: credits.endTimeOffset });
    await alice.delete(`/api/v1/sessions/${body.id}`);
  });

  it('counts an item played at its credits (Plex\'s default behaviour), before the 90 % threshold', async () => {
    const item = stack.plex.item('6113')!;
    const creditsAt = item.Marker!.find((marker) => marker.type === 'credits')!.startTimeOffset;
    assert.ok(creditsAt < item.duration! * 0.9);
    await playAndStop(alice, '6113', creditsAt + 2000);
    await eventually(async () => (await alice.get<Progress>('/api/v1/progress/6113')).body.watched, 'saved watched at the credits');
    await eventually(() => stack.plex.item('6113', 'alice')?.viewCount === 1, 'Plex marked it once, from the reports');
    await eventually(() => stack.plex.requestsTo('GET', '/library/metadata/6113').length > 1, 'the proxy looked whether Plex marked it');
    assert.equal(stack.plex.requestsTo('PUT', '/:/scrobble').length, 0, 'no scrobble on top of it');
  });

  it('starts a show at the episode to watch next: the first unwatched, specials aside, then the one in progress', async () => {
    stack.plex.clearRequests();
    const first = (await alice.post<Session>('/api/v1/sessions', { ratingKey: '612' })).body;
    assert.equal(first.ratingKey, '6121', 'a season starts at its first unwatched episode');
    await alice.delete(`/api/v1/sessions/${first.id}`);

    const fresh = (await alice.post<Session>('/api/v1/sessions', { ratingKey: '600' })).body;
    assert.equal(fresh.ratingKey, '6111', 'nothing watched: season 1 episode 1, not a special');
    const create = stack.plex.requestsTo('POST', '/playQueues').at(-1);
    assert.equal(create?.query.uri, `server://${stack.plex.machineIdentifier}/com.plexapp.plugins.library/library/metadata/600`);
    assert.equal(create?.query.key, '/library/metadata/6111');
    const keys = fresh.queue.items.map((item) => item.ratingKey);
    assert.deepEqual(keys.slice(keys.indexOf('6111')), ['6111', '6112', '6113', '6114', '6121', '6122', '6123'], 'plays on from there');
    await alice.delete(`/api/v1/sessions/${fresh.id}`);

    assert.equal((await alice.post('/api/v1/items/6111/watched')).status, 200);
    const inProgress = (await alice.post<Session>('/api/v1/sessions', { ratingKey: '600' })).body;
    assert.equal(inProgress.ratingKey, '6112');
    await alice.post(`/api/v1/sessions/${inProgress.id}/progress`, { state: 'paused', positionMs: 300_000 });
    await alice.delete(`/api/v1/sessions/${inProgress.id}`);

    const resumed = (await alice.post<Session>('/api/v1/sessions', { ratingKey: '600' })).body;
    assert.deepEqual([resumed.ratingKey, resumed.positionMs], ['6112', 300_000], 'the episode in progress, where it was left');
    await alice.delete(`/api/v1/sessions/${resumed.id}`);

    const fromStart = (await alice.post<Session>('/api/v1/sessions', { ratingKey: '600', fromStart: true })).body;
    assert.equal(fromStart.ratingKey, '6111');
    await alice.delete(`/api/v1/sessions/${fromStart.id}`);

    const admins = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '600' })).body;
    assert.equal(admins.ratingKey, '6111', "another profile's progress is its own");
    await stack.api.delete(`/api/v1/sessions/${admins.id}`);
  });

  it('starts an album at its first track', async () => {
    const album = stack.plex.library.ofType('album')[0];
    const tracks = stack.plex.library.leaves(album.ratingKey);
    await playAndStop(alice, tracks[1].ratingKey, 30_000);
    const { body } = await alice.post<Session>('/api/v1/sessions', { ratingKey: album.ratingKey });
    assert.deepEqual([body.ratingKey, body.item.type], [tracks[0].ratingKey, 'track']);
    await alice.delete(`/api/v1/sessions/${body.id}`);
  });

  it('answers 400 naming fromStart when it is not a boolean', async () => {
    const { status, body } = await alice.post<{ fields: { field: string }[] }>('/api/v1/sessions', { ratingKey: '600', fromStart: 'yes' });
    assert.equal(status, 400);
    assert.deepEqual(body.fields.map((field) => field.field), ['fromStart']);
  });

  it('tells what plays next: title, a signed poster URL, where it starts; nothing after the last item', async () => {
    const session = (await alice.post<Session>('/api/v1/sessions', { ratingKey: '6122', continuous: true })).body;
    const upNext = session.upNext!;
    assert.deepEqual(
      { ratingKey: upNext.ratingKey, title: upNext.title, type: upNext.type, grandparentTitle: upNext.grandparentTitle, parentIndex: upNext.parentIndex, index: upNext.index },
      { ratingKey: '6123', title: 'Episode 3 of season 2', type: 'episode', grandparentTitle: 'Harbour Watch', parentIndex: 2, index: 3 },
    );
    assert.equal(upNext.itemId, session.queue.items[1]?.itemId);
    assert.equal(upNext.positionMs, 0);
    const posterUrl = upNext.images.poster ?? '';
    assert.ok(posterUrl.startsWith(`${stack.proxy.url}/api/v1/images/`), posterUrl);
    assert.ok(!posterUrl.includes(stack.plex.token));
    const poster = await play(posterUrl);
    assert.equal(poster.status, 200);
    assert.equal(poster.headers.get('content-type'), 'image/png');
    const listed = (await alice.get<Session[]>('/api/v1/sessions')).body.find((s) => s.id === session.id);
    assert.equal(listed?.upNext?.images.poster, upNext.images.poster, 'the list carries it too');

    const last = (await alice.post<Session>(`/api/v1/sessions/${session.id}/next`)).body;
    assert.equal(last.ratingKey, '6123');
    assert.equal(last.upNext, undefined);
    await alice.delete(`/api/v1/sessions/${session.id}`);
    const ended = (await alice.get<Session>(`/api/v1/sessions/${session.id}`)).body;
    assert.equal(ended.upNext, undefined);
  });

  it("gives upNext the next item's resume point", async () => {
    await playAndStop(alice, '6102', 120_000);
    await eventually(() => stack.plex.item('6102', 'alice')?.viewOffset === 120_000, 'Plex heard where it was left');
    const session = (await alice.post<Session>('/api/v1/sessions', { ratingKey: '6101', continuous: true })).body;
    assert.deepEqual([session.upNext?.ratingKey, session.upNext?.positionMs], ['6102', 120_000]);
    await alice.delete(`/api/v1/sessions/${session.id}`);
  });
});

describe('played at the threshold or the credits, as the server says', () => {
  it("follows LibraryVideoPlayedAtBehaviour 0 (the threshold only): left at the credits, not played; past 90 %, played", async () => {
    const stack = await startStack();
    try {
      stack.plex.setPref('LibraryVideoPlayedAtBehaviour', 0);
      const item = stack.plex.item('6114')!;
      const creditsAt = item.Marker!.find((marker) => marker.type === 'credits')!.startTimeOffset;
      await playAndStop(stack.api, '6114', creditsAt + 2000);
      await playAndStop(stack.api, '6113', Math.round(stack.plex.item('6113')!.duration! * 0.92));
      await eventually(async () => (await stack.api.get<Progress>('/api/v1/progress/6113')).body.watched, '6113 watched past 90 %');
      const left = (await stack.api.get<Progress>('/api/v1/progress/6114')).body;
      assert.deepEqual([left.watched, left.positionMs >= creditsAt], [false, true]);
      assert.equal(stack.plex.item('6114')?.viewCount, 0);
    } finally {
      await stack.close();
    }
  });

  it("uses Plex's defaults (the earlier of 90 % and the credits) when the settings cannot be read", async () => {
    const stack = await startStack();
    try {
      stack.plex.faults.fail({ path: '/:/prefs' }, 500);
      // The server itself marks at the threshold only, so the mark can come from the proxy's own rule alone.
      stack.plex.setPref('LibraryVideoPlayedAtBehaviour', 0);
      const item = stack.plex.item('6114')!;
      const creditsAt = item.Marker!.find((marker) => marker.type === 'credits')!.startTimeOffset;
      await playAndStop(stack.api, '6114', creditsAt + 2000);
      await eventually(async () => (await stack.api.get<Progress>('/api/v1/progress/6114')).body.watched, '6114 watched at the credits');
      await eventually(() => stack.plex.requestsTo('PUT', '/:/scrobble').some((request) => request.query.key === '6114'), 'Plex told, as it had not marked it');
      assert.equal(stack.plex.item('6114')?.viewCount, 1);
      assert.ok(stack.plex.requestsTo('GET', '/:/prefs').length > 0);
      assert.ok(stack.plex.requestsTo('GET', '/:/prefs').every((request) => request.status === 500));
    } finally {
      await stack.close();
    }
  });
});
