import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { FakeClock } from '../helpers/fake-clock.js';
import { SessionRepository } from '../../src/modules/sessions/session.repository.js';
import { startInProcessStack, type InProcessStack } from '../helpers/in-process-app.js';
import type { Session } from '../helpers/session-types.js';

interface StoredRow {
  position_ms: number;
  state: string;
  queue_items: string;
}

/** What a session's row holds: progress reports rewrite its position and state, and its queue only when it changed. */
describe('session rows', () => {
  let stack: InProcessStack;
  before(async () => {
    stack = await startInProcessStack(new FakeClock());
  });
  after(() => stack.close());

  const stored = async (id: string): Promise<StoredRow> => {
    await stack.app.get(SessionRepository).flush();
    const rows = await stack.app.get(DataSource).query<StoredRow[]>('SELECT position_ms, state, queue_items FROM playback_sessions WHERE id = ?', [id]);
    assert.equal(rows.length, 1);
    return rows[0];
  };

  it('leave a stored queue alone on a progress report, and store a changed one', async () => {
    const session = (await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '201' })).body;
    const created = await stored(session.id);
    assert.deepEqual(
      (JSON.parse(created.queue_items) as { itemId: number }[]).map((item) => item.itemId),
      session.queue.items.map((item) => item.itemId),
    );

    // A marker in the stored queue shows whether a later write rewrote it.
    const marker = JSON.stringify([{ itemId: 1, ratingKey: 'marker', title: 'marker', type: 'episode' }]);
    await stack.app.get(DataSource).query('UPDATE playback_sessions SET queue_items = ? WHERE id = ?', [marker, session.id]);
    assert.equal((await stack.api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'paused', positionMs: 42_000 })).status, 200);
    const reported = await stored(session.id);
    assert.deepEqual([reported.state, reported.position_ms], ['paused', 42_000]);
    assert.equal(reported.queue_items, marker, 'the unchanged queue was not written again');

    const added = await stack.api.post<Session>(`/api/v1/sessions/${session.id}/queue`, { ratingKey: '101' });
    assert.equal(added.status, 200);
    const changed = await stored(session.id);
    assert.deepEqual(
      (JSON.parse(changed.queue_items) as { ratingKey: string }[]).map((item) => item.ratingKey),
      added.body.queue.items.map((item) => item.ratingKey),
    );
  });
});
