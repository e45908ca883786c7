import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiClient } from '../helpers/api-client.js';
import type { Card, Home, ItemDetail, Library } from '../helpers/browse-types.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { clientFor, createProfile } from '../helpers/household.js';
import { startInProcessStack, type InProcessStack } from '../helpers/in-process-app.js';
import type { Session } from '../helpers/session-types.js';
import { startStack, type Stack } from '../helpers/stack.js';

const LIBRARY = 'com.plexapp.plugins.library';

describe('browse in a household: each profile sees its own account', () => {
  let stack: Stack;
  let alice: ApiClient;
  let bob: ApiClient;
  let bobToken: string;
  before(async () => {
    stack = await startStack();
    const aliceToken = stack.plex.addUser('alice');
    bobToken = stack.plex.addUser('bob');
    alice = clientFor(stack.proxy.url, (await createProfile(stack.admin, { name: 'Alice', plexToken: aliceToken })).apiKey);
    bob = clientFor(stack.proxy.url, (await createProfile(stack.admin, { name: 'Bob', plexToken: bobToken })).apiKey, 'tv-2');
  });
  after(() => stack.close());

  it("keeps watch state and continue watching per profile", async () => {
    const session = (await alice.post<Session>('/api/v1/sessions', { ratingKey: '102' })).body;
    await alice.post(`/api/v1/sessions/${session.id}/progress`, { state: 'stopped', positionMs: 600_000 });
    await alice.post('/api/v1/items/101/watched');

    const aliceHome = (await alice.get<Home>('/api/v1/home')).body;
    assert.equal(aliceHome.continueWatching[0]?.ratingKey, '102');
    const bobHome = (await bob.get<Home>('/api/v1/home')).body;
    assert.deepEqual(bobHome.continueWatching, [], 'nothing of Alice');

    assert.equal((await alice.get<Card>('/api/v1/items/101')).body.progress.watched, true);
    assert.equal((await bob.get<Card>('/api/v1/items/101')).body.progress.watched, false);
    assert.equal((await bob.get<Card>('/api/v1/items/102')).body.progress.positionMs, 0);
    assert.equal(stack.plex.item('101', 'alice')?.viewCount, 1);
    assert.equal(stack.plex.item('101', 'bob')?.viewCount, 0);
    const admin = (await stack.api.get<Home>('/api/v1/home')).body;
    assert.ok(admin.continueWatching.every((card) => card.ratingKey !== '102'), "the owner's account is not Alice's");
    assert.ok(admin.continueWatching.length > 0, "the owner's own history (seeded by the emulator)");
  });

  it('sees only the libraries Plex shares with the profile', async () => {
    stack.plex.shareSections('bob', [2]);
    // Bob's profile read its libraries a moment ago and keeps them for seconds; a new profile on his account sees
    // the change at once.
    const phone = clientFor(stack.proxy.url, (await createProfile(stack.admin, { name: 'Bob on the phone', plexToken: bobToken })).apiKey);
    const libraries = (await phone.get<Library[]>('/api/v1/libraries')).body;
    assert.deepEqual(libraries.map((library) => library.title), ['TV Shows']);
    assert.equal((await phone.get('/api/v1/libraries/1/items')).status, 404);
    assert.equal((await phone.get('/api/v1/items/103')).status, 404);
    const search = (await phone.get<{ results: { type: string }[] }>('/api/v1/search?q=harbour')).body;
    assert.deepEqual(search.results.map((result) => result.type), ['show']);
    const home = (await phone.get<Home>('/api/v1/home')).body;
    assert.deepEqual(home.recentlyAdded.map((row) => row.library.title), ['TV Shows']);
    assert.equal((await alice.get<Library[]>('/api/v1/libraries')).body.length, 3, 'Alice still sees all');
  });
});

describe('browse when sharing changes under a profile', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('still answers the home screen when an item in progress or a cached library is no longer shared', async () => {
    const token = stack.plex.addUser('dora');
    const dora = clientFor(stack.proxy.url, (await createProfile(stack.admin, { name: 'Dora', plexToken: token })).apiKey);
    for (const [ratingKey, positionMs] of [['102', 300_000], ['212', 60_000]] as const) {
      const session = (await dora.post<Session>('/api/v1/sessions', { ratingKey })).body;
      await dora.post(`/api/v1/sessions/${session.id}/progress`, { state: 'stopped', positionMs });
    }
    const earlier = (await dora.get<Home>('/api/v1/home')).body;
    assert.deepEqual(earlier.continueWatching.map((card) => card.ratingKey), ['212', '102']);
    stack.plex.shareSections('dora', [2]);
    const { status, body } = await dora.get<Home>('/api/v1/home');
    assert.equal(status, 200);
    assert.deepEqual(body.continueWatching.map((card) => card.ratingKey), ['212'], 'the movie is gone, the episode stays');
    assert.deepEqual(body.recentlyAdded.map((row) => row.library.title), ['TV Shows'], 'rows of unshared libraries are left out');
  });
});

describe('browse caches: seconds per profile, dropped when the profile plays or marks', () => {
  const clock = new FakeClock();
  let stack: InProcessStack;
  let plexAsOwner: (method: string, path: string) => Promise<number>;
  before(async () => {
    stack = await startInProcessStack(clock);
    plexAsOwner = async (method, path) =>
      (await fetch(`${stack.plex.url}${path}`, { method, headers: { 'X-Plex-Token': stack.plex.token, 'X-Plex-Client-Identifier': 'another-app' } })).status;
  });
  after(() => stack.close());

  const watched = async (ratingKey: string) => (await stack.api.get<ItemDetail>(`/api/v1/items/${ratingKey}`)).body.progress.watched;

  it('serves an item detail from its cache until the seconds are up', async () => {
    assert.equal(await watched('104'), false);
    stack.plex.clearRequests();
    assert.equal(await plexAsOwner('PUT', `/:/scrobble?identifier=${LIBRARY}&key=104`), 200);
    assert.equal(await watched('104'), false, 'cached: marked on another app a moment ago');
    assert.equal(stack.plex.requestsTo('GET', '/library/metadata/104').length, 0);
    await clock.advance(10_000);
    assert.equal(await watched('104'), true, 'read again once stale');
  });

  it("drops the profile's entries when it plays", async () => {
    assert.equal(await plexAsOwner('PUT', `/:/unscrobble?identifier=${LIBRARY}&key=104`), 200);
    assert.equal(await watched('104'), true, 'still cached');
    const session = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '101' })).body;
    assert.equal(await watched('104'), false, 'a session event dropped the cache');
    await stack.api.delete(`/api/v1/sessions/${session.id}`);
  });
});
