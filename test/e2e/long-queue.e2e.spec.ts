import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { FakeClock } from '../helpers/fake-clock.js';
import { SessionRepository } from '../../src/modules/sessions/session.repository.js';
import { startInProcessStack, type InProcessStack } from '../helpers/in-process-app.js';
import type { QueueItem, Session } from '../helpers/session-types.js';

const EPISODES = 401;

/**
 * A binge of a long show played with `continuous`: the proxy keeps the whole queue Plex gives (here all 401 episodes)
 * and every progress answer carries it, written from JSON made once per queue (sessionJson) and stored once per queue.
 */
describe('a long continuous queue', () => {
  let stack: InProcessStack;
  before(async () => {
    stack = await startInProcessStack(new FakeClock(), {}, { longShowEpisodes: EPISODES });
  });
  after(() => stack.close());

  const storedQueue = async (id: string): Promise<QueueItem[]> => {
    await stack.app.get(SessionRepository).flush();
    const rows = await stack.app.get(DataSource).query<{ queue_items: string }[]>('SELECT queue_items FROM playback_sessions WHERE id = ?', [id]);
    return (JSON.parse(rows[0].queue_items) as QueueItem[]).map(({ itemId, ratingKey, title, type, durationMs }) => ({ itemId, ratingKey, title, type, durationMs }));
  };

  it('answers every progress report with the whole queue, the new one once it changed, and stores it', async () => {
    const created = await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '50101', continuous: true });
    assert.equal(created.status, 201);
    const items = created.body.queue.items;
    assert.equal(items.length, EPISODES);
    assert.deepEqual([items[0].ratingKey, items[20].ratingKey, items.at(-1)!.ratingKey], ['50101', '50201', '52101']);
    assert.deepEqual(await storedQueue(created.body.id), items);

    for (const positionMs of [60_000, 120_000]) {
      const reported = await stack.api.post<Session>(`/api/v1/sessions/${created.body.id}/progress`, { state: 'playing', positionMs });
      assert.equal(reported.status, 200);
      assert.equal(reported.body.positionMs, positionMs);
      assert.deepEqual(reported.body.queue, created.body.queue);
    }

    const next = await stack.api.post<Session>(`/api/v1/sessions/${created.body.id}/next`, {});
    assert.equal(next.status, 200);
    assert.equal(next.body.item.ratingKey, '50102');
    const reported = await stack.api.post<Session>(`/api/v1/sessions/${created.body.id}/progress`, { state: 'playing', positionMs: 1_000 });
    assert.deepEqual(reported.body.queue, next.body.queue, 'the answer follows the new queue');
    assert.equal(reported.body.queue.selectedItemId, items[1].itemId);
    assert.ok(reported.body.queue.items.some((item) => item.itemId === items[1].itemId));
    assert.deepEqual(await storedQueue(created.body.id), next.body.queue.items);
  });
});
