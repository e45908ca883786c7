import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonOnce } from '../../src/entities/column-transformers.js';

describe('jsonOnce', () => {
  const transformer = jsonOnce<{ id: number; title: string }[]>();

  it('stores an array as JSON text and reads it back', () => {
    const items = [{ id: 1, title: 'Say "hi" → 日本' }, { id: 2, title: '' }];
    const stored: unknown = transformer.to(items);
    assert.equal(stored, JSON.stringify(items));
    assert.deepEqual(transformer.from(stored), items);
    assert.equal(transformer.to(null), null);
    assert.equal(transformer.from(null), null);
  });

  it('serialises an array once, and a replaced array anew', () => {
    const items = [{ id: 1, title: 'Pilot' }];
    const first: unknown = transformer.to(items);
    // Arrays are replaced, never changed in place; this shows that a later save reuses the first JSON.
    items[0].title = 'Changed in place';
    assert.equal(transformer.to(items), first);
    const replaced = [...items, { id: 2, title: 'Second' }];
    assert.equal(transformer.to(replaced), JSON.stringify(replaced));
  });

  it("does the same for an object (a session's current item details)", () => {
    const details = jsonOnce<{ itemId: number; markers: { type: string }[] }>();
    const value = { itemId: 7, markers: [{ type: 'intro' }] };
    const first: unknown = details.to(value);
    assert.equal(first, JSON.stringify(value));
    assert.deepEqual(details.from(first), value);
    value.markers.push({ type: 'credits' });
    assert.equal(details.to(value), first, 'kept for the same object');
    assert.equal(details.to({ ...value }), JSON.stringify(value), 'a replaced object anew');
    assert.equal(details.to(null), null);
  });
});
