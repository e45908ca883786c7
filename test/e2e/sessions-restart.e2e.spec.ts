import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.js';
import type { Session } from '../helpers/session-types.js';
import { sleep, startStack, type Stack } from '../helpers/stack.js';

async function playAndRestart(stack: Stack, signal: NodeJS.Signals): Promise<void> {
  const paused = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '103' })).body;
  await stack.api.post(`/api/v1/sessions/${paused.id}/progress`, { state: 'paused', positionMs: 1_800_000 });
  const playing = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '201' })).body;
  await stack.api.post(`/api/v1/sessions/${playing.id}/next`);
  await stack.api.post(`/api/v1/sessions/${playing.id}/progress`, { state: 'playing', positionMs: 60_000 });
  const ended = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '104' })).body;
  await stack.api.delete(`/api/v1/sessions/${ended.id}`);
  if (signal === 'SIGKILL') await sleep(200); // PERSIST_FLUSH_MS is 50 ms in these tests: the writes have landed

  await stack.restart(signal);

  const list = (await stack.api.get<Session[]>('/api/v1/sessions')).body;
  const byId = new Map(list.map((s) => [s.id, s]));
  assert.equal(byId.get(paused.id)?.state, 'paused');
  assert.equal(byId.get(paused.id)?.positionMs, 1_800_000);
  const resumed = byId.get(playing.id);
  assert.equal(resumed?.state, 'playing');
  assert.equal(resumed?.ratingKey, playing.queue.items[1]?.ratingKey, 'the current item survived');
  assert.ok(resumed.positionMs >= 60_000, 'extrapolated from the stored time');
  assert.equal(byId.get(ended.id)?.endedReason, 'stopped');
  assert.deepEqual(
    list.map((s) => s.endedAt === undefined),
    list.map((_, i) => i < 2),
    'the two active sessions first',
  );
  const next = await stack.api.post<Session>(`/api/v1/sessions/${playing.id}/next`);
  assert.equal(next.status, 200, 'and go on working');
  assert.equal(next.body.ratingKey, playing.queue.items[2]?.ratingKey);
  assert.equal((await stack.api.get('/api/v1/progress/103')).body.positionMs, 1_800_000);
}

describe('sessions survive a proxy restart', () => {
  const stacks: Stack[] = [];
  const databases: TestDatabase[] = [];
  after(async () => {
    for (const stack of stacks) await stack.close();
    for (const database of databases) await database.drop();
  });

  it('after SIGTERM, on the same SQLite file', async () => {
    const stack = await startStack();
    stacks.push(stack);
    await playAndRestart(stack, 'SIGTERM');
  });

  it('after kill -9, on the same SQLite file', async () => {
    const stack = await startStack();
    stacks.push(stack);
    await playAndRestart(stack, 'SIGKILL');
  });

  it('on PostgreSQL, with the same entities and migrations', async (t) => {
    const database = await createTestDatabase();
    if (!database) return t.skip('PostgreSQL is not reachable');
    databases.push(database);
    const stack = await startStack({ DATABASE_URL: database.url });
    stacks.push(stack);
    assert.equal((await fetch(`${stack.proxy.url}/health`)).status, 200);
    await playAndRestart(stack, 'SIGTERM');
  });
});
