import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startPlexEmulator, type PlexEmulator } from '../../emulator/index.js';
import { ApiClient } from '../helpers/api-client.js';
import { clientFor, createProfile, type CreatedProfile } from '../helpers/household.js';
import { startStack, sleep, type Stack } from '../helpers/stack.js';

interface ApiError {
  statusCode: number;
  error: string;
  message: string;
}
interface ProfileView {
  id: string;
  name: string;
  serverId: string;
  hasPlexToken: boolean;
}
interface ServerView {
  id: string;
  name: string;
  url: string;
  machineIdentifier: string | null;
  isDefault: boolean;
}

describe('the admin API', () => {
  let stack: Stack;
  let other: PlexEmulator;
  before(async () => {
    stack = await startStack();
    other = await startPlexEmulator();
  });
  after(async () => {
    await stack.close();
    await other.close();
  });

  const adminCalls: [string, string, unknown?][] = [
    ['GET', '/api/v1/admin/profiles'],
    ['POST', '/api/v1/admin/profiles', { name: 'Mallory' }],
    ['PATCH', '/api/v1/admin/profiles/x', { name: 'Mallory' }],
    ['DELETE', '/api/v1/admin/profiles/x'],
    ['POST', '/api/v1/admin/profiles/x/keys'],
    ['DELETE', '/api/v1/admin/profiles/x/keys/y'],
    ['GET', '/api/v1/admin/servers'],
    ['POST', '/api/v1/admin/servers', { name: 'x', url: 'http://127.0.0.1:1', token: 'xxxxxxxxxx' }],
    ['DELETE', '/api/v1/admin/servers/x'],
  ];

  it('answers 401 to every admin call without the admin token, with a wrong one, and with a client key', async () => {
    const anonymous = new ApiClient(stack.proxy.url);
    for (const client of [
      anonymous,
      anonymous.with({ authorization: 'Bearer not-the-admin-token-at-all' }),
      anonymous.with({ authorization: `Bearer ${stack.profile.apiKey}` }),
    ]) {
      for (const [method, path, body] of adminCalls) {
        const { status, body: error } = await client.send<ApiError>(method, path, body);
        assert.equal(status, 401, `${method} ${path}`);
        assert.equal(error.error, 'Unauthorized');
      }
    }
    const { body: profiles } = await stack.admin.get<ProfileView[]>('/api/v1/admin/profiles');
    assert.ok(!profiles.some((p) => p.name === 'Mallory'), 'nothing was created');
  });

  it('creates, lists, renames profiles; the key is shown once and never listed', async () => {
    const created = await createProfile(stack.admin, { name: 'Alice', plexToken: stack.plex.addUser('alice') });
    assert.match(created.apiKey, /^ppk_/);
    assert.equal(created.serverId, 'default');
    const { status, body: list } = await stack.admin.get<ProfileView[]>('/api/v1/admin/profiles');
    assert.equal(status, 200);
    const alice = list.find((p) => p.id === created.id);
    assert.deepEqual({ name: alice?.name, hasPlexToken: alice?.hasPlexToken }, { name: 'Alice', hasPlexToken: true });
    assert.ok(list.some((p) => p.id === 'default'), 'the migrated default profile is listed');
    assert.ok(!JSON.stringify(list).includes(created.apiKey));
    assert.ok(!JSON.stringify(list).includes('plexToken"'));

    const renamed = await stack.admin.send<ProfileView>('PATCH', `/api/v1/admin/profiles/${created.id}`, { name: 'Alice B.' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, 'Alice B.');
    const me = await clientFor(stack.proxy.url, created.apiKey).get<{ name: string }>('/api/v1/me');
    assert.equal(me.body.name, 'Alice B.');

    assert.equal((await stack.admin.post('/api/v1/admin/profiles', { name: '' })).status, 400);
    assert.equal((await stack.admin.post('/api/v1/admin/profiles', { name: 'X', serverId: 'nope' })).status, 422);
    const refused = await stack.admin.post<ApiError>('/api/v1/admin/profiles', { name: 'X', plexToken: 'not-a-plex-token' });
    assert.equal(refused.status, 422);
    assert.ok(!refused.body.message.includes('not-a-plex-token'));
    assert.equal((await stack.admin.send('PATCH', '/api/v1/admin/profiles/unknown', { name: 'X' })).status, 404);
  });

  it('issues and revokes keys; a revoked key answers 401 at once', async () => {
    const bob = await createProfile(stack.admin, { name: 'Bob' });
    const issued = await stack.admin.post<{ id: string; prefix: string; apiKey: string }>(`/api/v1/admin/profiles/${bob.id}/keys`);
    assert.equal(issued.status, 201);
    assert.ok(issued.body.apiKey.startsWith(issued.body.prefix));
    const second = clientFor(stack.proxy.url, issued.body.apiKey);
    assert.equal((await second.get('/api/v1/me')).status, 200);
    assert.equal((await stack.admin.delete(`/api/v1/admin/profiles/${bob.id}/keys/${issued.body.id}`)).status, 204);
    assert.equal((await second.get('/api/v1/me')).status, 401);
    assert.equal((await clientFor(stack.proxy.url, bob.apiKey).get('/api/v1/me')).status, 200, 'the first key still works');
    assert.equal((await stack.admin.delete(`/api/v1/admin/profiles/${bob.id}/keys/${issued.body.id}x`)).status, 404);
    assert.equal((await stack.admin.post('/api/v1/admin/profiles/unknown/keys')).status, 404);
  });

  it('deletes a profile: its keys stop working and its sessions end', async () => {
    const carol = await createProfile(stack.admin, { name: 'Carol' });
    const api = clientFor(stack.proxy.url, carol.apiKey, 'tv-carol');
    const session = await api.post<{ id: string }>('/api/v1/sessions', { ratingKey: '101' });
    assert.equal(session.status, 201);
    await api.post(`/api/v1/sessions/${session.body.id}/progress`, { state: 'playing', positionMs: 1000 });
    assert.equal((await stack.admin.delete(`/api/v1/admin/profiles/${carol.id}`)).status, 204);
    assert.equal((await api.get('/api/v1/me')).status, 401);
    assert.equal((await stack.admin.delete(`/api/v1/admin/profiles/${carol.id}`)).status, 404);
    const { body: list } = await stack.admin.get<ProfileView[]>('/api/v1/admin/profiles');
    assert.ok(!list.some((p) => p.id === carol.id));
    const stopped = () => stack.plex.requestsTo('POST', '/:/timeline').some((r) => r.query.state === 'stopped' && r.query.ratingKey === '101');
    for (let i = 0; i < 200 && !stopped(); i++) await sleep(50);
    assert.ok(stopped(), 'Plex heard the session stop');
  });

  it('lists servers, adds one only when its /identity answers, removes it but never the default', async () => {
    const { body: servers } = await stack.admin.get<ServerView[]>('/api/v1/admin/servers');
    assert.deepEqual(
      servers.map((s) => [s.id, s.url, s.isDefault]),
      [['default', stack.plex.url, true]],
    );
    assert.ok(!JSON.stringify(servers).includes(stack.plex.token));

    const refused = await stack.admin.post<ApiError>('/api/v1/admin/servers', { name: 'Other', url: other.url, token: 'wrong-token-123' });
    assert.equal(refused.status, 422);
    assert.ok(!refused.body.message.includes('wrong-token-123'));
    assert.equal((await stack.admin.post('/api/v1/admin/servers', { name: 'Other', url: 'ftp://x', token: other.token })).status, 400);

    const added = await stack.admin.post<ServerView>('/api/v1/admin/servers', { name: 'Other', url: other.url, token: other.token });
    assert.equal(added.status, 201);
    assert.ok(added.body.machineIdentifier);
    assert.ok(!JSON.stringify(added.body).includes(other.token));

    const dave = await createProfile(stack.admin, { name: 'Dave', serverId: added.body.id });
    assert.equal((await stack.admin.delete(`/api/v1/admin/servers/${added.body.id}`)).status, 409, 'a profile still uses it');
    assert.equal((await stack.admin.delete('/api/v1/admin/servers/default')).status, 409);
    assert.equal((await stack.admin.delete(`/api/v1/admin/profiles/${dave.id}`)).status, 204);
    assert.equal((await stack.admin.delete(`/api/v1/admin/servers/${added.body.id}`)).status, 204);
    assert.equal((await stack.admin.delete(`/api/v1/admin/servers/${added.body.id}`)).status, 404);
  });

  it('GET /me: the profile, its server and its devices with their names and platforms', async () => {
    const erin: CreatedProfile = await createProfile(stack.admin, { name: 'Erin' });
    const tv = clientFor(stack.proxy.url, erin.apiKey, 'tv-den').with({ 'x-device-name': 'Den TV', 'x-device-platform': 'tvOS' });
    await tv.get('/api/v1/sessions');
    await clientFor(stack.proxy.url, erin.apiKey, 'phone-1').get('/api/v1/sessions');
    let me = await tv.get<{ id: string; name: string; server: { id: string }; devices: { id: string; name: string | null; platform: string | null }[] }>(
      '/api/v1/me',
    );
    for (let i = 0; i < 100 && me.body.devices.length < 2; i++) {
      await sleep(50);
      me = await tv.get('/api/v1/me');
    }
    assert.equal(me.status, 200);
    assert.equal(me.body.id, erin.id);
    assert.equal(me.body.server.id, 'default');
    const den = me.body.devices.find((d) => d.id === 'tv-den');
    assert.deepEqual({ name: den?.name, platform: den?.platform }, { name: 'Den TV', platform: 'tvOS' });
    assert.ok(me.body.devices.some((d) => d.id === 'phone-1'));
  });
});
