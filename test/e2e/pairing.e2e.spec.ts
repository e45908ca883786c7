// Pairing a TV with a short code (RFC 8628), the whole dance on a fake clock: the real app in this process on a real
// port and SQLite file, in front of the Plex emulator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USER_CODE_ALPHABET } from '../../src/modules/pairing/user-code.js';
import { ApiClient, type ApiResponse } from '../helpers/api-client.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { clientFor, createProfile, type CreatedProfile } from '../helpers/household.js';
import { startInProcessStack, type InProcessStack } from '../helpers/in-process-app.js';

interface Started {
  userCode: string;
  verificationUrl: string;
  deviceCode: string;
  expiresIn: number;
  interval: number;
}
interface Paired {
  apiKey: string;
  keyId: string;
  profileId: string;
  deviceId: string;
}
interface Refusal {
  statusCode: number;
  code?: string;
  retryAfterSeconds?: number;
  message: string;
  fields?: { field: string }[];
}

describe('pairing a TV with a code', () => {
  const clock = new FakeClock();
  let stack: InProcessStack;
  let url: string;
  let tv: ApiClient;
  let alice: CreatedProfile;
  let bob: CreatedProfile;
  let aliceApi: ApiClient;
  let deviceCount = 0;

  const start = async (deviceName = 'Living room TV') => {
    const deviceId = `tv-${++deviceCount}`;
    const answer = await tv.post<Started>('/api/v1/pairing', { deviceId, deviceName, platform: 'webOS' });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return { ...answer.body, deviceId };
  };
  const poll = (deviceCode: string) => tv.post<Paired & Refusal>('/api/v1/pairing/token', { deviceCode });
  const refusal = (answer: ApiResponse<Refusal>) => [answer.status, answer.body.code, answer.body.retryAfterSeconds];

  before(async () => {
    stack = await startInProcessStack(clock, { RATE_LIMIT_PER_MINUTE: '100000' });
    url = await stack.app.getUrl();
    tv = new ApiClient(url);
    alice = await createProfile(stack.admin, { name: 'Alice' });
    bob = await createProfile(stack.admin, { name: 'Bob' });
    aliceApi = clientFor(url, alice.apiKey, 'phone-alice');
  });
  after(() => stack.close());

  it('the whole dance: codes, pending, slow_down, a member approves, the TV gets a key bound to it, once', async () => {
    const started = await start();
    assert.match(started.userCode, new RegExp(`^[${USER_CODE_ALPHABET}]{4}-[${USER_CODE_ALPHABET}]{4}$`));
    assert.equal(started.expiresIn, 600);
    assert.equal(started.interval, 5);
    assert.equal(started.verificationUrl, `${url}/api/v1/pairing`);
    assert.ok(started.deviceCode.length >= 40);

    assert.deepEqual(refusal(await poll(started.deviceCode)), [400, 'authorization_pending', 5]);
    assert.deepEqual(refusal(await poll(started.deviceCode)), [400, 'slow_down', 10], 'polled again at once');
    await clock.advance(10_000);
    const pending = await poll(started.deviceCode);
    assert.deepEqual(refusal(pending), [400, 'authorization_pending', 10], 'the interval stays raised');
    assert.equal(pending.headers.get('retry-after'), '10');

    const typed = started.userCode.toLowerCase().replace('-', ''); // as typed on a phone
    const approved = await aliceApi.post<{ profileId: string; deviceId: string; deviceName: string }>(`/api/v1/pairing/${typed}`);
    assert.equal(approved.status, 200);
    assert.deepEqual(approved.body, { profileId: alice.id, deviceId: started.deviceId, deviceName: 'Living room TV', platform: 'webOS' });
    assert.equal((await aliceApi.post(`/api/v1/pairing/${started.userCode}`)).status, 404, 'a code is approved once');

    await clock.advance(10_000);
    const paired = await poll(started.deviceCode);
    assert.equal(paired.status, 200);
    assert.equal(paired.body.profileId, alice.id);
    assert.equal(paired.body.deviceId, started.deviceId);
    assert.match(paired.body.apiKey, /^ppk_/);
    assert.deepEqual(refusal(await poll(started.deviceCode)), [400, 'invalid_grant', undefined], 'the device code is used up');

    const onTv = clientFor(url, paired.body.apiKey, started.deviceId);
    const me = await onTv.get<{ id: string; devices: { id: string; name: string; platform: string }[] }>('/api/v1/me');
    assert.equal(me.body.id, alice.id);
    assert.deepEqual(me.body.devices.find((d) => d.id === started.deviceId), {
      id: started.deviceId,
      name: 'Living room TV',
      platform: 'webOS',
      lastSeenAt: new Date(clock.now()).toISOString(),
    });
    const keys = (await stack.admin.get<{ id: string; deviceId: string | null; revokedAt: string | null }[]>(`/api/v1/admin/profiles/${alice.id}/keys`)).body;
    assert.deepEqual(keys.find((k) => k.id === paired.body.keyId)?.deviceId, started.deviceId);
    assert.equal(keys.find((k) => k.id === alice.keyId)?.deviceId, null);

    assert.equal((await stack.admin.delete(`/api/v1/admin/profiles/${alice.id}/keys/${paired.body.keyId}`)).status, 204);
    await clock.advance(5_000);
    assert.equal((await onTv.get('/api/v1/me')).status, 401, 'revoked like any other key');
    const listed = (await stack.admin.get<{ id: string; revokedAt: string | null }[]>(`/api/v1/admin/profiles/${alice.id}/keys`)).body;
    assert.ok(listed.find((k) => k.id === paired.body.keyId)?.revokedAt);
  });

  it('the admin approves a code for any profile; an unknown profile is refused', async () => {
    const started = await start('Bedroom TV');
    assert.equal((await stack.admin.post(`/api/v1/admin/pairing/${started.userCode}`, { profileId: 'nobody' })).status, 404);
    const approved = await stack.admin.post(`/api/v1/admin/pairing/${started.userCode}`, { profileId: bob.id });
    assert.equal(approved.status, 200);
    const paired = await poll(started.deviceCode);
    assert.equal(paired.status, 200);
    assert.equal(paired.body.profileId, bob.id);
    const me = await clientFor(url, paired.body.apiKey, started.deviceId).get<{ name: string }>('/api/v1/me');
    assert.equal(me.body.name, 'Bob');
  });

  it('expires after 10 minutes on the clock: the poll says expired_token, the code approves nothing', async () => {
    const started = await start();
    await clock.advance(599_000);
    assert.deepEqual(refusal(await poll(started.deviceCode)), [400, 'authorization_pending', 5]);
    await clock.advance(1_000);
    assert.deepEqual(refusal(await poll(started.deviceCode)), [400, 'expired_token', undefined]);
    assert.equal((await aliceApi.post(`/api/v1/pairing/${started.userCode}`)).status, 404);
    assert.equal((await stack.admin.post(`/api/v1/admin/pairing/${started.userCode}`, { profileId: alice.id })).status, 404);
  });

  it('denied by a member or the admin: access_denied, and the code cannot be approved after', async () => {
    const byMember = await start();
    assert.equal((await aliceApi.delete(`/api/v1/pairing/${byMember.userCode}`)).status, 204);
    assert.deepEqual(refusal(await poll(byMember.deviceCode)), [400, 'access_denied', undefined]);
    assert.equal((await aliceApi.post(`/api/v1/pairing/${byMember.userCode}`)).status, 404);
    const byAdmin = await start();
    assert.equal((await stack.admin.delete(`/api/v1/admin/pairing/${byAdmin.userCode}`)).status, 204);
    assert.deepEqual(refusal(await poll(byAdmin.deviceCode)), [400, 'access_denied', undefined]);
  });

  it('a pending pairing survives a restart of the proxy', async () => {
    const started = await start();
    await stack.restart();
    url = await stack.app.getUrl();
    tv = new ApiClient(url);
    aliceApi = clientFor(url, alice.apiKey, 'phone-alice');
    assert.equal((await aliceApi.post(`/api/v1/pairing/${started.userCode}`)).status, 200);
    const paired = await poll(started.deviceCode);
    assert.equal(paired.status, 200);
    assert.equal(paired.body.profileId, alice.id);
  });

  it('bad input is refused naming the field; unknown device codes are invalid_grant', async () => {
    const missing = await tv.post<Refusal>('/api/v1/pairing', { deviceName: 'TV' });
    assert.equal(missing.status, 400);
    assert.ok(missing.body.fields?.some((f) => f.field === 'deviceId'));
    const malformed = await aliceApi.post<Refusal>('/api/v1/pairing/AAAA-1111');
    assert.equal(malformed.status, 400);
    assert.deepEqual(malformed.body.fields?.map((f) => f.field), ['userCode']);
    assert.deepEqual(refusal(await poll('not-a-device-code')), [400, 'invalid_grant', undefined]);
    assert.equal((await new ApiClient(url).post('/api/v1/pairing/BCDF-GHJK')).status, 401, 'approving needs a key');
  });

  it('brute force on codes is rate limited per key: the 11th guess in a minute is 429', async () => {
    const started = await start();
    const guesser = clientFor(url, bob.apiKey, 'tv-bob');
    const guesses = ['BCDF', 'GHJK', 'LMNP', 'QRST', 'VWXZ'].flatMap((a) => [`${a}-BBBB`, `${a}-CCCC`]).filter((g) => g !== started.userCode);
    for (const guess of guesses.slice(0, 10)) assert.equal((await guesser.post(`/api/v1/pairing/${guess}`)).status, 404);
    const blocked = await guesser.post<Refusal>(`/api/v1/pairing/${started.userCode}`);
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    assert.deepEqual(refusal(await poll(started.deviceCode)), [400, 'authorization_pending', 5], 'still pending: the guesser got nowhere');
    assert.equal((await aliceApi.post(`/api/v1/pairing/${started.userCode}`)).status, 200, 'another key is counted on its own');
  });

  it('asking for codes is rate limited per address', async () => {
    let status = 200;
    for (let i = 0; i < 25 && status === 200; i++) status = (await tv.post('/api/v1/pairing', { deviceId: `tv-flood-${i}`, deviceName: 'TV' })).status;
    assert.equal(status, 429);
  });
});
