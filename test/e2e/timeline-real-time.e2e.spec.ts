// The timeline scheduler in real time, in the real proxy process, with a short TIMELINE_INTERVAL_MS.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Session } from '../helpers/session-types.js';
import { sleep, startStack, type Stack } from '../helpers/stack.js';

const INTERVAL = 300;

describe('the timeline scheduler (real time)', () => {
  const stacks: Stack[] = [];
  after(async () => {
    for (const stack of stacks) await stack.close();
  });
  const start = async (env: Record<string, string> = {}) => {
    const stack = await startStack({ TIMELINE_INTERVAL_MS: String(INTERVAL), ...env });
    stacks.push(stack);
    return stack;
  };
  const timelines = (stack: Stack, ratingKey: string) =>
    stack.plex.requestsTo('POST', '/:/timeline').filter((r) => r.query.ratingKey === ratingKey && r.status === 200);

  it('keeps the cadence: one report per interval while playing, positions moving with the clock', async () => {
    const stack = await start();
    const session = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '102' })).body;
    await stack.api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 0 });
    await sleep(INTERVAL * 6 + 100);
    const playing = timelines(stack, '102').filter((r) => r.query.state === 'playing');
    assert.ok(playing.length >= 5 && playing.length <= 8, `${playing.length} playing reports in ~6 intervals`);
    for (let i = 1; i < playing.length; i++) {
      const gap = playing[i].receivedAt - playing[i - 1].receivedAt;
      const advanced = Number(playing[i].query.time) - Number(playing[i - 1].query.time);
      assert.ok(gap > INTERVAL * 0.6 && gap < INTERVAL * 2, `gap ${gap} ms`);
      assert.ok(Math.abs(advanced - gap) < 150, `position moved ${advanced} ms in ${gap} ms`);
    }
    const status = (await stack.api.get<{ sessions: number; reportsSent: number; missedIntervals: number }>('/health/timeline')).body;
    assert.equal(status.sessions, 1);
    assert.ok(status.reportsSent >= playing.length);
    assert.equal(status.missedIntervals, 0);
  });

  it('goes on reporting after kill -9, extrapolating from the stored position and time', async () => {
    const stack = await start();
    const session = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '103' })).body;
    await stack.api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 1_000_000 });
    const reportedAt = Date.now();
    await sleep(200);
    await stack.restart('SIGKILL');
    stack.plex.clearRequests();
    await sleep(INTERVAL * 3);
    const resumed = timelines(stack, '103');
    assert.ok(resumed.length >= 2, 'reports resumed after the restart');
    const first = resumed[0];
    assert.equal(first.query.state, 'playing');
    const expected = 1_000_000 + (first.receivedAt - reportedAt);
    assert.ok(Math.abs(Number(first.query.time) - expected) < 500, `time ${first.query.time} ~ ${expected}`);
    assert.equal(first.query.playQueueItemID, String(session.queue.selectedItemId));
  });

  it('on SIGTERM, saves pending writes and tells Plex about sessions it ended', async () => {
    const stack = await start({ PERSIST_FLUSH_MS: '30000' });
    const session = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '104' })).body;
    await stack.api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'paused', positionMs: 432_000 });
    await stack.restart('SIGTERM');
    const read = (await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body;
    assert.deepEqual([read.state, read.positionMs], ['paused', 432_000], 'the write waiting for its 30 s batch was flushed on SIGTERM');
    assert.equal((await stack.api.get('/api/v1/progress/104')).body.positionMs, 432_000);
  });

  it('tells Plex about a session that ended while Plex was down, after a restart, with offline=1', async () => {
    const stack = await start();
    const session = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '101' })).body;
    await stack.plex.faults.down();
    await stack.api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'stopped', positionMs: 60_000 });
    const endedAt = Date.now();
    await sleep(200);
    await stack.restart('SIGTERM');
    await stack.plex.faults.up();
    await sleep(INTERVAL * 4);
    const stops = timelines(stack, '101').filter((r) => r.query.state === 'stopped');
    assert.equal(stops.length, 1);
    assert.equal(stops[0].query.offline, '1');
    assert.ok(Math.abs(Number(stops[0].query.updated) - Math.floor(endedAt / 1000)) <= 1);
    assert.equal(stops[0].query.time, '60000');
  });

  it('with Plex refusing its settings and its play queue, moves on, reports at once and every interval, and never resends a settled stop', async () => {
    const stack = await start();
    const show = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '211', continuous: true })).body;
    const film = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '101' })).body;
    stack.plex.faults.fail({ path: '/:/prefs' }, 404);
    stack.plex.faults.fail({ method: 'GET', path: /^\/playQueues\/\d+$/ }, 500);
    await stack.api.post(`/api/v1/sessions/${show.id}/progress`, { state: 'playing', positionMs: 0 });
    await stack.api.post(`/api/v1/sessions/${film.id}/progress`, { state: 'playing', positionMs: 0 });
    await sleep(INTERVAL);

    const askedAt = Date.now();
    const moved = await stack.api.post<Session>(`/api/v1/sessions/${show.id}/next`);
    assert.equal(moved.status, 200);
    assert.equal(moved.body.ratingKey, '212');
    await stack.api.post(`/api/v1/sessions/${show.id}/progress`, { state: 'playing', positionMs: 0 });
    await sleep(INTERVAL * 4);
    const next = timelines(stack, '212');
    assert.ok(next.length > 0, 'the new episode is reported');
    assert.ok(next[0].receivedAt - askedAt < INTERVAL, `the new episode reported ${next[0].receivedAt - askedAt} ms after next`);
    assert.ok(next.filter((r) => r.query.state === 'playing').length >= 4, 'and every interval');

    const end = Math.round(moved.body.durationMs! * 0.95);
    await stack.api.post(`/api/v1/sessions/${show.id}/progress`, { state: 'stopped', positionMs: end });
    await stack.api.post(`/api/v1/sessions/${film.id}/progress`, { state: 'stopped', positionMs: 60_000 });
    await sleep(INTERVAL * 3);
    assert.equal(stack.plex.item('212')!.viewCount, 1);
    assert.deepEqual(
      [(await stack.api.get('/api/v1/progress/212')).body.watched, (await stack.api.get('/api/v1/progress/101')).body.watched],
      [true, false],
    );
    const warnings = stack.proxy.output().split('\n').filter((line) => line.includes('cannot read its settings'));
    assert.equal(warnings.length, 1, 'one warning names the server, not one per session');

    const stops = () => stack.plex.requestsTo('POST', '/:/timeline').filter((r) => r.query.state === 'stopped' && r.status === 200).length;
    const stopped = stops();
    assert.equal(stopped, 3, 'the first episode (continuing), the second, the film');
    await stack.restart('SIGKILL');
    await sleep(INTERVAL * 4);
    assert.equal(stops(), stopped, 'a stop that reached Plex is not sent again after a restart');
  });
});
