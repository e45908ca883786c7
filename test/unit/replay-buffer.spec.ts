import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReplayBuffer } from '../../src/modules/events/replay-buffer.js';

describe('ReplayBuffer', () => {
  const filled = (count: number) => {
    const buffer = new ReplayBuffer<number>('ep0', 4);
    const ids = Array.from({ length: count }, (_, i) => buffer.append(i).id);
    return { buffer, ids };
  };

  it('numbers events <epoch>-<n>, growing from 1', () => {
    const { ids, buffer } = filled(3);
    assert.deepEqual(ids, ['ep0-1', 'ep0-2', 'ep0-3']);
    assert.equal(buffer.lastId, 'ep0-3');
    assert.equal(new ReplayBuffer('ep0', 4).lastId, 'ep0-0');
  });

  it('gives what came after an id, oldest first, also once the ring has wrapped', () => {
    const { buffer } = filled(7); // keeps 3, 4, 5, 6
    assert.deepEqual((buffer.since('ep0-4') as { event: number }[]).map((e) => e.event), [4, 5, 6]);
    assert.deepEqual((buffer.since('ep0-3') as { event: number }[]).map((e) => e.event), [3, 4, 5, 6]);
    assert.deepEqual(buffer.since('ep0-7'), []);
  });

  it('says resync for an id it can no longer answer for: too old, of another epoch, ahead of it, or not one of its own', () => {
    const { buffer } = filled(7);
    assert.equal(buffer.since('ep0-2'), 'resync');
    assert.equal(buffer.since('ep1-6'), 'resync');
    assert.equal(buffer.since('ep0-8'), 'resync');
    for (const id of ['', '7', 'ep0-', 'ep0-x', 'EP0-5', 'ep0-5-1']) assert.equal(buffer.since(id), 'resync', id);
  });
});
