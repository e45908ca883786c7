// The timeline scheduler on fake time: the real app in this process with a FakeClock, the emulator on a real port.
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { RecordedRequest } from '../../emulator/index.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { uncoveredProblems } from '../conformance/named-exceptions.js';
import { checkRequest, loadPlexSpec, specOrSkip } from '../conformance/plex-spec.js';
import { startInProcessStack, type InProcessStack } from '../helpers/in-process-app.js';
import type { Session } from '../helpers/session-types.js';

const INTERVAL = 10_000;

interface Report {
  state: string;
  time: number;
  ratingKey: string;
  item?: string;
  continuing?: string;
  offline?: string;
  updated?: string;
  at: number;
}

describe('the timeline scheduler (fake time)', () => {
  const clock = new FakeClock();
  let stack: InProcessStack;
  let startedAt: number;
  const everything: RecordedRequest[] = [];

  before(async () => {
    stack = await startInProcessStack(clock, { SESSION_IDLE_TIMEOUT_MS: '120000' });
  });
  after(() => stack.close());
  beforeEach(() => {
    everything.push(...stack.plex.requests);
    stack.plex.clearRequests();
    startedAt = clock.now();
  });
  afterEach(async () => {
    stack.plex.faults.reset();
    await stack.plex.faults.up();
    // End what a test left open so it does not report into the next one.
    for (const s of (await stack.api.get<Session[]>('/api/v1/sessions')).body) {
      if (!s.endedAt) await stack.api.delete(`/api/v1/sessions/${s.id}`);
    }
    await advance(0);
  });

  /** Moves fake time on in small steps, letting every report that falls due complete over real HTTP. */
  async function advance(ms: number, step = 250): Promise<void> {
    for (let done = 0; ; done += step) {
      await clock.advance(Math.min(step, ms - done));
      await stack.scheduler.whenIdle();
      await clock.advance(0);
      await stack.scheduler.whenIdle();
      if (done + step >= ms) break;
    }
  }

  const toReport = (r: RecordedRequest): Report => ({
    state: r.query.state ?? '',
    time: Number(r.query.time),
    ratingKey: r.query.ratingKey ?? '',
    item: r.query.playQueueItemID,
    continuing: r.query.continuing,
    offline: r.query.offline,
    updated: r.query.updated,
    at: r.receivedAt,
  });
  const reports = (ratingKey?: string) =>
    stack.plex
      .requestsTo('POST', '/:/timeline')
      .filter((r) => r.status === 200 && (ratingKey === undefined || r.query.ratingKey === ratingKey))
      .map(toReport);
  const create = async (body: Record<string, unknown>) => {
    const session = (await stack.api.post<Session>('/api/v1/sessions', body)).body;
    await advance(0);
    return session;
  };
  const progress = async (id: string, state: string, positionMs: number) => {
    const answer = await stack.api.post<Session>(`/api/v1/sessions/${id}/progress`, { state, positionMs });
    await advance(0);
    return answer;
  };
  const plexItem = (ratingKey: string) => stack.plex.item(ratingKey)!;

  it('reports at once on create and on every state change, with the queue item id and session identifier', async () => {
    const session = await create({ ratingKey: '102' });
    assert.deepEqual(reports().map((r) => [r.state, r.time, r.item]), [['buffering', 0, String(session.queue.selectedItemId)]]);
    await progress(session.id, 'playing', 0);
    await progress(session.id, 'paused', 1000);
    await progress(session.id, 'playing', 1000);
    assert.deepEqual(reports().map((r) => r.state), ['buffering', 'playing', 'paused', 'playing']);
    const requests = stack.plex.requestsTo('POST', '/:/timeline');
    assert.ok(requests.every((r) => r.headers['x-plex-session-identifier'] === session.id));
    assert.equal(new Set(requests.map((r) => r.headers['x-plex-client-identifier'])).size, 1);
  });

  it('reports every interval while playing with the position extrapolated, and no doubles after a change', async () => {
    const session = await create({ ratingKey: '102' });
    await progress(session.id, 'playing', 60_000);
    await advance(INTERVAL * 3);
    const playing = reports().filter((r) => r.state === 'playing');
    assert.deepEqual(playing.map((r) => r.time), [60_000, 70_000, 80_000, 90_000]);
    await advance(INTERVAL / 2);
    await progress(session.id, 'paused', 96_000);
    await advance(INTERVAL * 2);
    const after = reports().slice(-3);
    assert.deepEqual(after.map((r) => [r.state, r.time]), [['paused', 96_000], ['paused', 96_000], ['paused', 96_000]], 'frozen while paused, one per interval');
  });

  it('treats a jump in position as a seek (reported at once) and a small drift as nothing new', async () => {
    const session = await create({ ratingKey: '102' });
    await progress(session.id, 'playing', 0);
    await advance(3000);
    const before = reports().length;
    await progress(session.id, 'playing', 3500);
    assert.equal(reports().length, before, 'within the seek tolerance: no extra report');
    await progress(session.id, 'playing', 600_000);
    assert.deepEqual(reports().slice(before).map((r) => [r.state, r.time]), [['playing', 600_000]]);
  });

  it('reports a buffering session every interval too, and caps time at the duration', async () => {
    const session = await create({ ratingKey: '101' });
    await advance(INTERVAL);
    assert.deepEqual(reports().map((r) => r.state), ['buffering', 'buffering']);
    await progress(session.id, 'playing', 235_000);
    await advance(INTERVAL);
    assert.ok(reports().every((r) => r.time <= 240_000));
    assert.equal(reports().at(-1)?.time, 240_000);
  });

  it('stops the old item with continuing=1 and reports the new one on next', async () => {
    const session = await create({ ratingKey: '201' });
    await progress(session.id, 'playing', 100_000);
    await stack.api.post(`/api/v1/sessions/${session.id}/next`);
    await advance(0);
    const [first, second] = session.queue.items;
    assert.deepEqual(reports().slice(-2).map((r) => [r.ratingKey, r.state, r.item, r.continuing]), [
      [first.ratingKey, 'stopped', String(first.itemId), '1'],
      [second.ratingKey, 'buffering', String(second.itemId), undefined],
    ]);
  });

  it('marks an item played exactly once: Plex marks it from live reports, the proxy does not scrobble on top', async () => {
    const session = await create({ ratingKey: '104' }); // 12 minutes
    await progress(session.id, 'playing', 640_000);
    await advance(INTERVAL * 2); // 660 000 ms: past 90 %
    assert.equal(plexItem('104').viewCount, 1, 'Plex marked it from the live reports');
    await progress(session.id, 'stopped', 700_000);
    await advance(0);
    assert.equal(stack.plex.requestsTo('PUT', '/:/scrobble').length, 0);
    assert.equal(plexItem('104').viewCount, 1);
    const saved = (await stack.api.get('/api/v1/progress/104')).body;
    assert.deepEqual([saved.watched, saved.positionMs], [true, 0]);
  });

  it('never marks below the threshold', async () => {
    const session = await create({ ratingKey: '102' }); // 95 minutes
    await progress(session.id, 'playing', 5_000_000);
    await advance(INTERVAL);
    await progress(session.id, 'stopped', 5_100_000); // 89 %
    await advance(0);
    assert.equal(stack.plex.requestsTo('PUT', '/:/scrobble').length, 0);
    assert.equal(plexItem('102').viewCount, 0);
    const saved = (await stack.api.get('/api/v1/progress/102')).body;
    assert.deepEqual([saved.watched, saved.positionMs], [false, 5_100_000]);
  });

  it('scrobbles once when the end came while Plex was unreachable, with an offline stopped report', async () => {
    const session = await create({ ratingKey: '211' });
    await progress(session.id, 'playing', 0);
    await stack.plex.faults.down();
    await progress(session.id, 'playing', 1_400_000); // 97 %, Plex hears nothing
    await progress(session.id, 'stopped', 1_410_000);
    const endedAt = clock.now();
    await advance(INTERVAL * 3);
    assert.equal(plexItem('211').viewCount, 0);
    await stack.plex.faults.up();
    await advance(INTERVAL);
    const stop = reports('211').find((r) => r.state === 'stopped');
    assert.equal(stop?.offline, '1');
    assert.equal(stop?.updated, String(Math.floor(endedAt / 1000)));
    assert.equal(stack.plex.requestsTo('PUT', '/:/scrobble').filter((r) => r.status === 200).length, 1);
    assert.equal(plexItem('211').viewCount, 1);
    await advance(INTERVAL * 3);
    assert.equal(stack.plex.requestsTo('PUT', '/:/scrobble').length, 1, 'exactly once');
  });

  it('loses nothing over a Plex outage: every session is reported within one interval of Plex coming back', async () => {
    const a = await create({ ratingKey: '102' });
    const b = await create({ ratingKey: '103' });
    const c = await create({ ratingKey: '104' });
    await progress(a.id, 'playing', 10_000);
    await progress(b.id, 'paused', 20_000);
    await stack.plex.faults.down();
    const reachedBefore = reports().length;
    await advance(INTERVAL * 4);
    await progress(b.id, 'playing', 20_000); // a change while Plex is away: only the newest state matters
    await progress(c.id, 'stopped', 30_000); // an end while Plex is away
    const endedAt = clock.now();
    assert.equal(reports().length, reachedBefore, 'nothing reached Plex while it was down');
    assert.equal((await stack.api.get(`/api/v1/sessions/${a.id}`)).status, 200, 'client calls keep answering');

    await stack.plex.faults.up();
    const back = clock.now();
    await advance(INTERVAL);
    const since = reports().slice(reachedBefore);
    const latest = (key: string) => since.filter((r) => r.ratingKey === key).at(-1);
    assert.deepEqual([latest('102')?.state, latest('102')?.offline], ['playing', undefined], 'A: current state, live');
    assert.ok(latest('102')!.time >= 10_000 + (back - startedAt) - 1000, 'A: extrapolated to now');
    assert.equal(latest('103')?.state, 'playing', 'B: its newest state');
    const stopC = since.find((r) => r.ratingKey === '104' && r.state === 'stopped');
    assert.deepEqual([stopC?.offline, stopC?.updated, stopC?.time], ['1', String(Math.floor(endedAt / 1000)), 30_000], 'C: its stop, offline');
    assert.equal(since.filter((r) => r.ratingKey === '103' && r.state === 'paused').length, 0, 'no backlog of stale states');
  });

  it("saves a playing session's position every interval, extrapolated, and a paused one where it stopped", async () => {
    const session = await create({ ratingKey: '104' });
    await progress(session.id, 'playing', 5_000);
    const saved = async () => (await stack.api.get<{ positionMs: number }>('/api/v1/progress/104')).body.positionMs;
    assert.equal(await saved(), 5_000);
    await advance(INTERVAL - 500);
    assert.equal(await saved(), 5_000, 'not before an interval');
    await advance(1_000);
    assert.ok(Math.abs((await saved()) - (5_000 + INTERVAL)) <= 500, `one interval on: ${await saved()}`);
    await advance(2 * INTERVAL);
    assert.ok(Math.abs((await saved()) - (5_000 + 3 * INTERVAL)) <= 500, `three intervals on: ${await saved()}`);
    await progress(session.id, 'paused', 60_000);
    await advance(3 * INTERVAL);
    assert.equal(await saved(), 60_000, 'a paused session stays where the client left it');
  });

  it('reaps a session whose client went silent, at the last position the client reported', async () => {
    const session = await create({ ratingKey: '103' });
    await progress(session.id, 'playing', 300_000);
    await advance(125_000);
    const read = (await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body;
    assert.equal(read.endedReason, 'client-lost');
    assert.equal(read.positionMs, 300_000, 'not an extrapolation past it');
    const last = reports('103').at(-1)!;
    assert.deepEqual([last.state, last.time], ['stopped', 300_000]);
    const count = reports('103').length;
    await advance(INTERVAL * 2);
    assert.equal(reports('103').length, count, 'no more reports');
    assert.equal((await stack.api.get('/api/v1/progress/103')).body.positionMs, 300_000);
    assert.equal((await stack.api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 1 })).status, 409);
  });

  it('ends the session when Plex terminates the stream: one final stopped, then nothing', async () => {
    const session = await create({ ratingKey: '102' });
    await progress(session.id, 'playing', 1000);
    stack.plex.faults.terminateNextTimeline({ code: 2, text: 'The server owner ended this stream' });
    await advance(INTERVAL);
    const read = (await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body;
    assert.equal(read.endedReason, 'terminated: The server owner ended this stream');
    const tail = reports('102').slice(-1)[0];
    assert.equal(tail.state, 'stopped');
    const count = reports('102').length;
    await advance(INTERVAL * 2);
    assert.equal(reports('102').length, count);
    const refused = await stack.api.post<{ message: string }>(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 1 });
    assert.equal(refused.status, 409);
    assert.match(refused.body.message, /terminated: The server owner ended this stream/);
  });

  it('moves on by itself when a playing item is extrapolated past its end', async () => {
    const session = await create({ ratingKey: '202' });
    const [first, second] = session.queue.items;
    const viewsBefore = plexItem(first.ratingKey).viewCount;
    await progress(session.id, 'playing', first.durationMs! - 5000);
    await advance(40_000);
    const read = (await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body;
    assert.equal(read.ratingKey, second.ratingKey);
    const stop = reports(first.ratingKey).find((r) => r.state === 'stopped');
    assert.deepEqual([stop?.time, stop?.continuing], [first.durationMs, '1']);
    assert.equal(plexItem(first.ratingKey).viewCount, viewsBefore + 1, 'played once');
  });

  it('sent Plex only requests its spec allows, in every case above', (t) => {
    const spec = specOrSkip(t, loadPlexSpec());
    if (!spec) return;
    everything.push(...stack.plex.requests);
    assert.ok(everything.filter((r) => r.path === '/:/timeline').length > 50);
    // Calls the spec lacks are accepted only as the conformance test's named exceptions (markers: includeMarkers=1).
    const problems = everything.flatMap((r) => uncoveredProblems(r, checkRequest(spec, r)).map((p) => `${r.method} ${r.path}: ${p}`));
    assert.deepEqual([...new Set(problems)], []);
  });
});
