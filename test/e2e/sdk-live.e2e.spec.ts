// The SDK's helpers for live events and pairing, against the real app (in this process, on a fake clock for the
// pairing's waits) over real HTTP, before the Plex emulator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPlaybackClient, followEvents, pairDevice, PairingFailedError, pollForKey, type LiveEvent } from '../../sdk/typescript/src/index.js';
import type { ApiClient } from '../helpers/api-client.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { clientFor, createProfile, type CreatedProfile } from '../helpers/household.js';
import { startInProcessStack, type InProcessStack } from '../helpers/in-process-app.js';
import type { Session } from '../helpers/session-types.js';

/** A fetch whose first event stream drops after `events` events, as a flaky network would. */
function droppingFetch(events: number, calls: Headers[]): typeof fetch {
  return async (input, init) => {
    calls.push(new Headers(init?.headers));
    const response = await fetch(input, init);
    if (calls.length > 1 || !response.body) return response;
    let seen = 0;
    const cut = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        controller.enqueue(chunk);
        seen += new TextDecoder().decode(chunk).split('\ndata: ').length - 1;
        if (seen >= events) controller.terminate();
      },
    });
    return new Response(response.body.pipeThrough(cut), { status: response.status, headers: response.headers });
  };
}

describe('the SDK helpers', () => {
  const clock = new FakeClock();
  let stack: InProcessStack;
  let url: string;
  let alice: CreatedProfile;
  let aliceApi: ApiClient;

  before(async () => {
    stack = await startInProcessStack(clock, { RATE_LIMIT_PER_MINUTE: '100000' });
    url = await stack.app.getUrl();
    alice = await createProfile(stack.admin, { name: 'Alice' });
    aliceApi = clientFor(url, alice.apiKey, 'phone-alice');
  });
  after(() => stack.close());

  it('followEvents: typed events in order, reconnecting with Last-Event-ID after a drop without losing or repeating one', async () => {
    const received: { event: LiveEvent; id?: string }[] = [];
    const calls: Headers[] = [];
    let dropped!: () => void;
    const drop = new Promise<void>((resolve) => (dropped = resolve));
    const stream = followEvents({
      baseUrl: url,
      apiKey: alice.apiKey,
      fetch: droppingFetch(2, calls),
      onEvent: (event, id) => received.push({ event, id }),
      onError: (_error, fatal) => (fatal ? undefined : dropped()),
    });
    const session = (await aliceApi.post<Session>('/api/v1/sessions', { ratingKey: '102' })).body;
    await aliceApi.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 0 });
    await drop;
    // While the helper waits to reconnect: these happen with nobody connected.
    await aliceApi.post(`/api/v1/sessions/${session.id}/progress`, { state: 'paused', positionMs: 1000 });
    await aliceApi.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 1000 });
    await aliceApi.delete(`/api/v1/sessions/${session.id}`);
    for (let i = 0; i < 500 && received.length < 5; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    stream.close();
    await stream.done;
    assert.deepEqual(
      received.map(({ event }) => (event.type === 'session.updated' ? `updated:${event.session.state}` : event.type)),
      ['session.created', 'updated:playing', 'updated:paused', 'updated:playing', 'session.ended'],
    );
    assert.equal(calls.length, 2);
    assert.equal(calls[0].get('last-event-id'), null);
    assert.equal(calls[1].get('last-event-id'), received[1].id, 'reconnected after the last event it had');
    assert.equal(stream.lastEventId, received.at(-1)?.id);
  });

  it('followEvents stops at a refused key', async () => {
    const errors: boolean[] = [];
    const stream = followEvents({ baseUrl: url, apiKey: 'ppk_nobody', onEvent: () => undefined, onError: (_e, fatal) => errors.push(fatal) });
    await stream.done;
    assert.deepEqual(errors, [true]);
  });

  it('pairDevice: shows the code, polls every interval, and resolves with a working key once approved', async () => {
    const tv = createPlaybackClient({ baseUrl: url });
    const waits: number[] = [];
    let userCode = '';
    const paired = await pairDevice(tv, {
      deviceId: 'tv-den',
      deviceName: 'Den TV',
      onCode: (started) => (userCode = started.userCode),
      sleep: async (ms) => {
        waits.push(ms);
        if (waits.length === 2) assert.equal((await aliceApi.post(`/api/v1/pairing/${userCode}`)).status, 200);
        await clock.advance(ms);
      },
    });
    assert.deepEqual(waits, [5000, 5000], 'the interval, and never a slow_down');
    assert.equal(paired.profileId, alice.id);
    const me = await createPlaybackClient({ baseUrl: url, apiKey: paired.apiKey, deviceId: 'tv-den' }).GET('/api/v1/me');
    assert.equal(me.data?.name, 'Alice');
  });

  it('pollForKey takes the longer interval a slow_down asks for', async () => {
    const tv = createPlaybackClient({ baseUrl: url });
    const started = (await tv.POST('/api/v1/pairing', { body: { deviceId: 'tv-attic', deviceName: 'Attic TV' } })).data!;
    await tv.POST('/api/v1/pairing/token', { body: { deviceCode: started.deviceCode } }); // a poll the helper does not know of
    const waits: number[] = [];
    const paired = await pollForKey(tv, {
      deviceCode: started.deviceCode,
      interval: 0,
      sleep: async (ms) => {
        waits.push(ms);
        if (waits.length === 2) await aliceApi.post(`/api/v1/pairing/${started.userCode}`);
        await clock.advance(ms);
      },
    });
    assert.deepEqual(waits, [0, 10_000]);
    assert.equal(paired.deviceId, 'tv-attic');
  });

  it('pollForKey rejects with the reason once the code is denied or expired', async () => {
    const tv = createPlaybackClient({ baseUrl: url });
    const denied = (await tv.POST('/api/v1/pairing', { body: { deviceId: 'tv-a', deviceName: 'A' } })).data!;
    await aliceApi.delete(`/api/v1/pairing/${denied.userCode}`);
    await assert.rejects(pollForKey(tv, { ...denied, sleep: (ms) => clock.advance(ms) }), (error: unknown) => error instanceof PairingFailedError && error.code === 'access_denied');
    const expiring = (await tv.POST('/api/v1/pairing', { body: { deviceId: 'tv-b', deviceName: 'B' } })).data!;
    await assert.rejects(
      pollForKey(tv, { ...expiring, sleep: (ms) => clock.advance(ms * 60) }),
      (error: unknown) => error instanceof PairingFailedError && error.code === 'expired_token',
    );
  });
});
