import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPlexEmulator, type PlexEmulator } from '../../emulator/index.js';
import { clientFor, createProfile, type CreatedProfile } from '../helpers/household.js';
import { startStack, sleep, type Stack } from '../helpers/stack.js';

interface Session {
  id: string;
}

/** Waits (without a deadline assertion on timing) until `check` holds. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await sleep(50);
  assert.ok(check(), what);
}

describe('households playing at once', () => {
  let stack: Stack;
  let second: PlexEmulator;
  let alice: CreatedProfile;
  let bob: CreatedProfile;
  before(async () => {
    stack = await startStack({ TIMELINE_INTERVAL_MS: '500' });
    second = await startPlexEmulator();
    alice = await createProfile(stack.admin, { name: 'Alice', plexToken: stack.plex.addUser('alice') });
    bob = await createProfile(stack.admin, { name: 'Bob', plexToken: stack.plex.addUser('bob') });
  });
  after(async () => {
    await stack.close();
    await second.close();
  });

  const timelinesOf = (plex: PlexEmulator, sessionRatingKey: string) =>
    plex.requestsTo('POST', '/:/timeline').filter((r) => r.query.ratingKey === sessionRatingKey);

  it('two profiles on one device and one profile on two devices: separate Plex players, each as its own Plex user', async () => {
    const plays: [CreatedProfile, string, string][] = [
      [alice, 'tv-shared', '101'],
      [bob, 'tv-shared', '102'],
      [alice, 'phone-alice', '103'],
    ];
    for (const [profile, device, ratingKey] of plays) {
      const api = clientFor(stack.proxy.url, profile.apiKey, device);
      const created = await api.post<Session>('/api/v1/sessions', { ratingKey });
      assert.equal(created.status, 201);
      await api.post(`/api/v1/sessions/${created.body.id}/progress`, { state: 'playing', positionMs: 5000 });
    }
    for (const [, , ratingKey] of plays) {
      await eventually(() => timelinesOf(stack.plex, ratingKey).some((r) => r.query.state === 'playing'), `reports for ${ratingKey}`);
    }
    const identifiers = plays.map(([, , ratingKey]) => new Set(timelinesOf(stack.plex, ratingKey).map((r) => r.headers['x-plex-client-identifier'])));
    for (const set of identifiers) assert.equal(set.size, 1, 'one stable identifier per profile and device');
    const [a, b, c] = identifiers.map((set) => [...set][0]);
    assert.equal(new Set([a, b, c]).size, 3, 'three separate players');

    const users = plays.map(([, , ratingKey]) => new Set(timelinesOf(stack.plex, ratingKey).map((r) => r.user)));
    assert.deepEqual(users.map((set) => [...set]), [['alice'], ['bob'], ['alice']]);
    const createdAs = stack.plex.requestsTo('POST', '/playQueues').map((r) => r.user);
    assert.deepEqual(createdAs.slice(-3), ['alice', 'bob', 'alice'], 'play queues are created as the profile too');
  });

  it('a profile on a second Plex server plays there, with its sessions and progress of its own', async () => {
    const added = await stack.admin.post<{ id: string }>('/api/v1/admin/servers', { name: 'Cabin', url: second.url, token: second.token });
    assert.equal(added.status, 201);
    const carol = await createProfile(stack.admin, { name: 'Carol', serverId: added.body.id });
    const api = clientFor(stack.proxy.url, carol.apiKey, 'tv-cabin');
    const before = stack.plex.requests.length;
    const created = await api.post<Session>('/api/v1/sessions', { ratingKey: '211' });
    assert.equal(created.status, 201);
    await api.post(`/api/v1/sessions/${created.body.id}/progress`, { state: 'paused', positionMs: 60_000 });
    await eventually(() => timelinesOf(second, '211').some((r) => r.query.state === 'paused'), 'the second server hears the reports');
    const onFirst = stack.plex.requests.slice(before).filter((r) => r.query.ratingKey === '211' || r.path.includes('/211'));
    assert.deepEqual(onFirst, [], 'nothing of the cabin session reaches the first server');
    const me = await api.get<{ server: { id: string; name: string } }>('/api/v1/me');
    assert.deepEqual(me.body.server, { id: added.body.id, name: 'Cabin' });
    const sessions = await api.get<Session[]>('/api/v1/sessions');
    assert.deepEqual(sessions.body.map((s) => s.id), [created.body.id]);
    await api.delete(`/api/v1/sessions/${created.body.id}`);
    const progress = await api.get<{ positionMs: number }>('/api/v1/progress/211');
    assert.equal(progress.body.positionMs, 60_000);
  });
});
