import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ApiError, Session } from '../helpers/session-types.js';
import { sleep, startStack, type Stack } from '../helpers/stack.js';

describe('reporting progress', () => {
  let stack: Stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  const create = async (ratingKey = '102') => (await stack.api.post<Session>('/api/v1/sessions', { ratingKey })).body;
  const progress = (id: string, state: string, positionMs: number) =>
    stack.api.post<Session>(`/api/v1/sessions/${id}/progress`, { state, positionMs });

  it('updates state and position and answers 200 with the session', async () => {
    const session = await create();
    const { status, body } = await progress(session.id, 'playing', 10_000);
    assert.equal(status, 200);
    assert.equal(body.state, 'playing');
    assert.ok(body.positionMs >= 10_000 && body.positionMs < 10_500);
  });

  it('extrapolates the position while playing and freezes it while paused', async () => {
    const session = await create();
    await progress(session.id, 'playing', 20_000);
    await sleep(400);
    const playing = (await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body;
    assert.ok(playing.positionMs >= 20_350, `moved on while playing: ${playing.positionMs}`);
    await progress(session.id, 'paused', 30_000);
    await sleep(300);
    const paused = (await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body;
    assert.equal(paused.positionMs, 30_000);
  });

  it('never extrapolates past the end of the item', async () => {
    const session = await create('101');
    await progress(session.id, 'playing', 239_900);
    await sleep(300);
    assert.equal((await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body.positionMs, 240_000);
  });

  it('ends the session on stopped; later calls on it answer 409', async () => {
    const session = await create();
    const stopped = await progress(session.id, 'stopped', 50_000);
    assert.equal(stopped.status, 200);
    assert.equal(stopped.body.state, 'stopped');
    assert.equal(stopped.body.endedReason, 'stopped');
    assert.ok(stopped.body.endedAt);
    const again = await stack.api.post<ApiError>(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 1 });
    assert.equal(again.status, 409);
    assert.match(again.body.message, /has ended \(stopped\)/);
    assert.equal((await stack.api.post(`/api/v1/sessions/${session.id}/next`)).status, 409);
    assert.equal((await stack.api.delete(`/api/v1/sessions/${session.id}`)).status, 409);
  });

  it('stops a session with DELETE (204) and keeps it readable', async () => {
    const session = await create();
    const deleted = await stack.api.delete(`/api/v1/sessions/${session.id}`);
    assert.equal(deleted.status, 204);
    const read = (await stack.api.get<Session>(`/api/v1/sessions/${session.id}`)).body;
    assert.equal(read.state, 'stopped');
    assert.equal(read.endedReason, 'stopped');
  });

  it('lists the caller’s sessions, active first', async () => {
    const ended = await create();
    await stack.api.delete(`/api/v1/sessions/${ended.id}`);
    const active = await create();
    await progress(active.id, 'playing', 1000);
    const { status, body } = await stack.api.get<Session[]>('/api/v1/sessions');
    assert.equal(status, 200);
    const firstEnded = body.findIndex((s) => s.endedAt !== undefined);
    assert.ok(firstEnded > 0, 'some active sessions come first');
    assert.ok(body.slice(0, firstEnded).every((s) => s.endedAt === undefined));
    assert.ok(body.slice(firstEnded).every((s) => s.endedAt !== undefined));
    assert.ok(body.some((s) => s.id === active.id) && body.some((s) => s.id === ended.id));
  });

  it('saves progress per item, readable at /api/v1/progress/:ratingKey', async () => {
    const session = await create('103');
    await progress(session.id, 'paused', 1_234_000);
    const { status, body } = await stack.api.get('/api/v1/progress/103');
    assert.equal(status, 200);
    assert.equal(body.ratingKey, '103');
    assert.equal(body.positionMs, 1_234_000);
    assert.equal(body.durationMs, 7_200_000);
    assert.equal(body.watched, false);
    assert.equal(typeof body.updatedAt, 'string');
  });

  it("falls back to Plex's resume point for an item the proxy never played, and 404s an unknown one", async () => {
    const { body } = await stack.api.get('/api/v1/progress/104');
    assert.deepEqual({ positionMs: body.positionMs, watched: body.watched }, { positionMs: 0, watched: false });
    assert.equal((await stack.api.get('/api/v1/progress/99999')).status, 404);
    assert.equal((await stack.api.get('/api/v1/progress/abc')).status, 404, 'ratingKeys are opaque: letters are a key Plex lacks');
    assert.equal((await stack.api.get(`/api/v1/progress/${'k'.repeat(65)}`)).status, 400);
    assert.equal((await stack.api.get('/api/v1/progress/a%2Fb')).status, 400);
  });

  it('never fails a progress call because Plex is down', async () => {
    const session = await create();
    await stack.plex.faults.down();
    try {
      const { status, body } = await progress(session.id, 'playing', 60_000);
      assert.equal(status, 200);
      assert.equal(body.state, 'playing');
      assert.equal((await progress(session.id, 'paused', 61_000)).status, 200);
    } finally {
      await stack.plex.faults.up();
    }
  });

  it('answers 503 with a retry hint when Plex cannot be reached on create', async () => {
    await stack.plex.faults.down();
    try {
      const { status, headers, body } = await stack.api.post<ApiError>('/api/v1/sessions', { ratingKey: '101' });
      assert.equal(status, 503);
      assert.equal(headers.get('retry-after'), '5');
      assert.equal(body.retryAfterSeconds, 5);
      assert.match(body.message, /cannot be reached/);
    } finally {
      await stack.plex.faults.up();
    }
  });
});
