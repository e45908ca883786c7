// Live events (SSE): every kind produced by its real cause, received by a real SSE client over HTTP. The app runs in
// this process on a fake clock (reaping, keep-alive, the end of an item), on a real port, before the Plex emulator.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AppEvents } from '../../src/modules/events/app-events.js';
import { LiveEventsService } from '../../src/modules/events/live-events.service.js';
import type { ApiClient } from '../helpers/api-client.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { clientFor, createProfile, TEST_ADMIN_TOKEN, type CreatedProfile } from '../helpers/household.js';
import { startInProcessStack, type InProcessStack } from '../helpers/in-process-app.js';
import type { Session } from '../helpers/session-types.js';
import { openSse, type SseConnection } from '../helpers/sse-client.js';

interface LiveSession {
  id: string;
  deviceId: string;
  state: string;
  positionMs: number;
  ratingKey: string;
  itemId: number;
  queueVersion: number;
}
interface SessionEventData {
  type: string;
  profileId: string;
  change?: string;
  reason?: string;
  text?: string | null;
  session: LiveSession;
}

describe('live events', () => {
  const clock = new FakeClock();
  let stack: InProcessStack;
  let url: string;
  let alice: CreatedProfile;
  let bob: CreatedProfile;
  let aliceTv: ApiClient;
  let alicePhone: ApiClient;
  let bobTv: ApiClient;
  const open: SseConnection[] = [];
  let bobStream: SseConnection;

  const stream = async (key: string, lastEventId?: string, path = '/api/v1/events') => {
    const connection = await openSse(url + path, { authorization: `Bearer ${key}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) });
    open.push(connection);
    return connection;
  };
  /** Moves fake time on in steps, letting what falls due (reaps, reports, moves) complete over real HTTP. */
  async function advance(ms: number, step = 1000): Promise<void> {
    for (let done = 0; done < ms; done += step) {
      await clock.advance(Math.min(step, ms - done));
      await stack.scheduler.whenIdle();
    }
    await clock.advance(0);
  }
  const ofSession = (connection: SseConnection, id: string) =>
    connection.events.map((e) => JSON.parse(e.data) as SessionEventData).filter((e) => e.session?.id === id);

  before(async () => {
    stack = await startInProcessStack(clock, { SESSION_IDLE_TIMEOUT_MS: '120000', RATE_LIMIT_PER_MINUTE: '100000' });
    url = await stack.app.getUrl();
    alice = await createProfile(stack.admin, { name: 'Alice' });
    bob = await createProfile(stack.admin, { name: 'Bob' });
    aliceTv = clientFor(url, alice.apiKey, 'tv-alice');
    alicePhone = clientFor(url, alice.apiKey, 'phone-alice');
    bobTv = clientFor(url, bob.apiKey, 'tv-bob');
    bobStream = await stream(bob.apiKey);
  });
  after(async () => {
    for (const connection of open) connection.close();
    await stack.close();
  });

  it('answers text/event-stream, refuses a missing or wrong key, and sends a comment every 15 s', async () => {
    const refused = await openSse(`${url}/api/v1/events`, { authorization: 'Bearer ppk_wrong' });
    assert.equal(refused.status, 401);
    const adminWithClientKey = await openSse(`${url}/api/v1/admin/events`, { authorization: `Bearer ${alice.apiKey}` });
    assert.equal(adminWithClientKey.status, 401);
    const connection = await stream(alice.apiKey);
    assert.equal(connection.status, 200);
    assert.match(connection.headers.get('content-type') ?? '', /^text\/event-stream/);
    await connection.waitFor(() => connection.raw.includes(': connected'));
    assert.ok(!connection.comments.includes('keep-alive'));
    await clock.advance(15_000);
    await connection.waitFor(() => connection.comments.includes('keep-alive'));
    connection.close();
    // The greeting carries the id the client is caught up to: reconnecting from it is no resync.
    const greetingId = /id: (\S+)\nretry: \d+\n: connected/.exec(connection.raw)?.[1];
    assert.ok(greetingId);
    const again = await stream(alice.apiKey, greetingId);
    await again.waitFor(() => again.raw.includes(': connected'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(again.events, []);
  });

  it('session.created, updated (state, seek, queue changed from a second device) and ended by another device', async () => {
    const events = await stream(alice.apiKey);
    const session = (await aliceTv.post<Session>('/api/v1/sessions', { ratingKey: '201' })).body;
    await aliceTv.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 0 });
    await aliceTv.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 500 }); // drift: no event
    await aliceTv.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 600_000 }); // a seek
    const queued = (await alicePhone.post<Session>(`/api/v1/sessions/${session.id}/queue`, { ratingKey: '102' })).body;
    assert.equal(alicePhone.baseUrl, aliceTv.baseUrl);
    await alicePhone.delete(`/api/v1/sessions/${session.id}`);
    await events.waitFor(() => ofSession(events, session.id).some((e) => e.type === 'session.ended'));
    const seen = ofSession(events, session.id);
    assert.deepEqual(
      seen.map((e) => [e.type, e.change ?? e.reason]),
      [
        ['session.created', undefined],
        ['session.updated', 'state'],
        ['session.updated', 'position'],
        ['session.updated', 'queue'],
        ['session.ended', 'stopped'],
      ],
    );
    assert.equal(seen[0].session.deviceId, 'tv-alice');
    assert.equal(seen[0].profileId, alice.id);
    assert.equal(seen[2].session.positionMs, 600_000);
    assert.equal(seen[3].session.queueVersion, queued.queue.version);
    assert.ok(seen[3].session.queueVersion > seen[0].session.queueVersion);
    const ids = events.events.map((e) => e.id ?? '');
    assert.ok(ids.every((id, i) => i === 0 || Number(id.split('-')[1]) > Number(ids[i - 1].split('-')[1])), `ids grow: ${ids.join(' ')}`);
  });

  it('session.ended client-lost when the reaper stops a silent session (fake time)', async () => {
    const events = await stream(alice.apiKey);
    const session = (await aliceTv.post<Session>('/api/v1/sessions', { ratingKey: '102' })).body;
    await aliceTv.post(`/api/v1/sessions/${session.id}/progress`, { state: 'paused', positionMs: 1000 });
    await advance(119_000);
    assert.ok(!ofSession(events, session.id).some((e) => e.type === 'session.ended'), 'not before the idle timeout');
    await advance(2_000);
    await events.waitFor(() => ofSession(events, session.id).some((e) => e.type === 'session.ended'));
    const ended = ofSession(events, session.id).find((e) => e.type === 'session.ended')!;
    assert.equal(ended.reason, 'client-lost');
    assert.equal(ended.session.positionMs, 1000);
  });

  it('session.ended terminated with Plex\'s text when the server owner terminates the playback', async () => {
    const events = await stream(alice.apiKey);
    const session = (await aliceTv.post<Session>('/api/v1/sessions', { ratingKey: '102' })).body;
    await advance(0);
    stack.plex.faults.terminateNextTimeline({ code: 2001, text: 'The server owner stopped this stream' });
    await aliceTv.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 5000 });
    await advance(0);
    await events.waitFor(() => ofSession(events, session.id).some((e) => e.type === 'session.ended'));
    const ended = ofSession(events, session.id).find((e) => e.type === 'session.ended')!;
    assert.equal(ended.reason, 'terminated');
    assert.equal(ended.text, 'The server owner stopped this stream');
  });

  it('session.updated item when an item runs past its end, and progress.changed watched/unwatched from another device', async () => {
    const events = await stream(alice.apiKey);
    const session = (await alicePhone.post<Session>('/api/v1/sessions', { ratingKey: '201' })).body;
    const [first, second] = session.queue.items;
    const duration = session.durationMs!;
    await alicePhone.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: duration - 5_000 });
    await advance(40_000); // 5 s to the end, then 30 s of grace: the proxy moves on by itself
    await events.waitFor(() => ofSession(events, session.id).some((e) => e.change === 'item'));
    const moved = ofSession(events, session.id).find((e) => e.change === 'item')!;
    assert.equal(moved.session.ratingKey, second.ratingKey);
    await events.waitFor(() => events.ofType('progress.changed').length > 0);
    assert.deepEqual(
      events.ofType<{ ratingKey: string; watched: boolean; deviceId: string }>('progress.changed').map((e) => [e.ratingKey, e.watched, e.deviceId]),
      [[first.ratingKey, true, 'phone-alice']],
    );
    await alicePhone.post(`/api/v1/sessions/${session.id}/previous`);
    await events.waitFor(() => events.ofType('progress.changed').length > 1);
    assert.deepEqual(events.ofType<{ ratingKey: string; watched: boolean }>('progress.changed').map((e) => [e.ratingKey, e.watched]), [
      [first.ratingKey, true],
      [first.ratingKey, false],
    ]);
    await alicePhone.delete(`/api/v1/sessions/${session.id}`);
  });

  it('progress.changed when an item is marked watched or unwatched from a browse screen, and to that profile only', async () => {
    const events = await stream(alice.apiKey);
    const bobSeen = bobStream.ofType('progress.changed').length;
    assert.equal((await alicePhone.post('/api/v1/items/103/watched')).status, 200);
    await events.waitFor(() => events.ofType('progress.changed').length > 0);
    assert.equal((await alicePhone.delete('/api/v1/items/103/watched')).status, 200);
    await events.waitFor(() => events.ofType('progress.changed').length > 1);
    assert.deepEqual(
      events.ofType<{ ratingKey: string; watched: boolean; positionMs: number }>('progress.changed').map((e) => [e.ratingKey, e.watched, e.positionMs]),
      [
        ['103', true, 0],
        ['103', false, 0],
      ],
    );
    assert.equal(bobStream.ofType('progress.changed').length, bobSeen, 'nothing reaches another profile');
  });

  it('a reconnect with Last-Event-ID gets exactly what was missed; one past the buffer or from before a restart gets resync', async () => {
    const events = await stream(alice.apiKey);
    const session = (await aliceTv.post<Session>('/api/v1/sessions', { ratingKey: '102' })).body;
    await events.waitFor(() => ofSession(events, session.id).length === 1);
    const lastId = events.events.at(-1)!.id!;
    events.close();
    for (let i = 0; i < 5; i++) await aliceTv.post(`/api/v1/sessions/${session.id}/progress`, { state: i % 2 ? 'playing' : 'paused', positionMs: 1000 });
    const watcher = await stream(alice.apiKey); // stays connected through all of it, to compare with
    await aliceTv.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 1000 });
    const again = await stream(alice.apiKey, lastId);
    await again.waitFor(() => ofSession(again, session.id).length === 6);
    await aliceTv.post(`/api/v1/sessions/${session.id}/progress`, { state: 'paused', positionMs: 2000 });
    await again.waitFor(() => ofSession(again, session.id).length === 7);
    assert.deepEqual(
      ofSession(again, session.id).map((e) => e.session.state),
      ['paused', 'playing', 'paused', 'playing', 'paused', 'playing', 'paused'],
    );
    const ids = again.events.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    await watcher.waitFor(() => ofSession(watcher, session.id).length === 2);
    assert.deepEqual(watcher.events.map((e) => e.id), again.events.slice(-2).map((e) => e.id), 'the same ids live and replayed');

    const stale = await stream(alice.apiKey, 'zzzz0000-12');
    await stale.waitFor((received) => received.length > 0);
    assert.equal(stale.events[0].event, 'resync');
    // Past the buffer (256 events): resync, carrying the newest id, so the next reconnect from it misses nothing.
    for (let i = 0; i < 300; i++) await aliceTv.post(`/api/v1/sessions/${session.id}/progress`, { state: i % 2 ? 'paused' : 'playing', positionMs: 2000 });
    const late = await stream(alice.apiKey, lastId);
    await late.waitFor((received) => received.length > 0);
    assert.deepEqual(late.events.map((e) => e.event), ['resync']);
    assert.equal(late.events[0].id, watcher.events.at(-1)!.id);
    const fromResync = await stream(alice.apiKey, late.events[0].id);
    await aliceTv.delete(`/api/v1/sessions/${session.id}`);
    await fromResync.waitFor((received) => received.length > 0);
    assert.deepEqual(fromResync.events.map((e) => e.event), ['session.ended']);
  });

  it('nothing another profile does ever reaches a stream, replayed or live', async () => {
    const bobSession = (await bobTv.post<Session>('/api/v1/sessions', { ratingKey: '101' })).body;
    await bobTv.post(`/api/v1/sessions/${bobSession.id}/progress`, { state: 'playing', positionMs: 0 });
    await bobStream.waitFor(() => ofSession(bobStream, bobSession.id).length === 2);
    assert.ok(bobStream.events.every((e) => (JSON.parse(e.data) as { profileId: string }).profileId === bob.id));
    assert.ok(!bobStream.raw.includes(alice.id) && !bobStream.raw.includes('tv-alice') && !bobStream.raw.includes('phone-alice'));
    const replayed = await stream(bob.apiKey, bobStream.events[0].id);
    await replayed.waitFor(() => replayed.events.length === 1);
    assert.ok(!replayed.raw.includes(alice.id));
    const aliceReplay = await stream(alice.apiKey, bobStream.events[0].id);
    await aliceReplay.waitFor(() => aliceReplay.raw.includes(': connected'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(!aliceReplay.raw.includes(bob.id) && !aliceReplay.raw.includes(bobSession.id), "another profile's id replays nothing of it");
    await bobTv.delete(`/api/v1/sessions/${bobSession.id}`);
  });

  it('the admin stream carries every profile\'s events and profile, key and device changes', async () => {
    const admin = await stream(TEST_ADMIN_TOKEN, undefined, '/api/v1/admin/events');
    assert.equal(admin.status, 200);
    const carol = await createProfile(stack.admin, { name: 'Carol' });
    await stack.admin.send('PATCH', `/api/v1/admin/profiles/${carol.id}`, { name: 'Caroline' });
    const key = (await stack.admin.post<{ id: string }>(`/api/v1/admin/profiles/${carol.id}/keys`)).body;
    await stack.admin.delete(`/api/v1/admin/profiles/${carol.id}/keys/${key.id}`);
    const carolTv = clientFor(url, carol.apiKey, 'tv-carol');
    await carolTv.get('/api/v1/me');
    const bobSession = (await bobTv.post<Session>('/api/v1/sessions', { ratingKey: '101' })).body;
    await bobTv.delete(`/api/v1/sessions/${bobSession.id}`);
    await stack.admin.delete(`/api/v1/admin/profiles/${carol.id}`);
    await admin.waitFor((received) => received.some((e) => e.event === 'profile.deleted'));
    const types = admin.events.map((e) => e.event);
    for (const type of ['profile.created', 'profile.updated', 'key.created', 'key.revoked', 'device.updated', 'session.created', 'session.ended', 'profile.deleted']) {
      assert.ok(types.includes(type), `${type} in ${types.join(', ')}`);
    }
    assert.ok(!bobStream.events.some((e) => ['profile.created', 'key.created', 'device.updated'].includes(e.event ?? '')), 'household changes are the admin\'s only');
  });

  it('a stream ends when its key is revoked', async () => {
    const key = (await stack.admin.post<{ id: string; apiKey: string }>(`/api/v1/admin/profiles/${alice.id}/keys`)).body;
    const connection = await stream(key.apiKey);
    await connection.waitFor(() => connection.raw.includes(': connected'));
    await stack.admin.delete(`/api/v1/admin/profiles/${alice.id}/keys/${key.id}`);
    await connection.closed;
  });

  it('cuts off a client that does not read, with a bound on what waits for it', async () => {
    const live = stack.app.get(LiveEventsService);
    for (const connection of open) connection.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const socket = connect(new URL(url).port ? Number(new URL(url).port) : 80, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(`GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${alice.apiKey}\r\n\r\n`);
    await new Promise<void>((resolve) =>
      socket.once('data', () => {
        socket.pause(); // the headers, then nothing
        resolve();
      }),
    );
    const before = live.streamCount;
    assert.ok(before >= 1);
    const bus = stack.app.get(AppEvents);
    let sent = 0;
    for (; sent < 200_000 && live.streamCount === before; sent++) {
      bus.emit('progress', { profileId: alice.id, ratingKey: `flood-${sent}`, watched: true, positionMs: 0, deviceId: 'x'.repeat(100) });
      if (sent % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    socket.resume();
    socket.on('data', () => undefined);
    await closed;
    assert.ok(sent < 200_000, 'cut off');
    assert.ok(live.streamCount < before);
  });
});
