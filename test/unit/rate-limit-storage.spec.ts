import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlidingWindowStorage } from '../../src/modules/auth/rate-limit.storage.js';

const MINUTE = 60_000;

function storageAt(start = 1_000_000) {
  const clock = { now: start };
  const storage = new SlidingWindowStorage(MINUTE, () => clock.now);
  const call = (key = 'key:a') => storage.increment(key, MINUTE, 5, MINUTE, 'default');
  return { clock, call };
}

describe('SlidingWindowStorage', () => {
  it('allows the limit, then blocks for the block duration with the time left', async () => {
    const { clock, call } = storageAt();
    for (let i = 1; i <= 5; i++) assert.deepEqual(await call(), { totalHits: i, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    const blocked = await call();
    assert.equal(blocked.isBlocked, true);
    assert.equal(blocked.timeToBlockExpire, 60);
    clock.now += 30_000;
    assert.equal((await call()).timeToBlockExpire, 30, 'still blocked, and blocked calls are not counted');
    clock.now += 45_000;
    assert.equal((await call()).isBlocked, false);
  });

  it('counts the previous window by the share of it still within the last minute', async () => {
    const { clock, call } = storageAt();
    for (let i = 0; i < 4; i++) await call();
    clock.now += MINUTE + 15_000; // 3/4 of the previous window still counts: 3 calls
    assert.deepEqual(await call(), { totalHits: 4, timeToExpire: 45, isBlocked: false, timeToBlockExpire: 0 });
    assert.equal((await call()).totalHits, 5);
    assert.equal((await call()).isBlocked, true);
    clock.now += 2 * MINUTE + 1;
    assert.equal((await call()).totalHits, 1, 'two windows later nothing is left');
  });

  it('keeps a budget per key', async () => {
    const { call } = storageAt();
    for (let i = 0; i < 6; i++) await call('key:a');
    assert.equal((await call('key:a')).isBlocked, true);
    assert.equal((await call('key:b')).isBlocked, false);
  });
});
