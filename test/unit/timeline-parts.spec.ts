import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../helpers/fake-clock.js';
import { KeyedMutex } from '../../src/common/keyed-mutex.js';
import { Semaphore } from '../../src/common/semaphore.js';
import { DueQueue } from '../../src/common/due-queue.js';
import { TimelineStats } from '../../src/modules/timeline/timeline-stats.js';

describe('DueQueue', () => {
  it('pops entries in due order, only once they are due', () => {
    const queue = new DueQueue();
    for (const [key, at] of [['c', 30], ['a', 10], ['d', 40], ['b', 20], ['a', 25]] as const) queue.push(key, at);
    assert.equal(queue.popDue(5), undefined);
    const popped: string[] = [];
    for (let e = queue.popDue(30); e; e = queue.popDue(30)) popped.push(`${e.key}@${e.at}`);
    assert.deepEqual(popped, ['a@10', 'b@20', 'a@25', 'c@30']);
    assert.equal(queue.peekTime(), 40);
  });
});

describe('TimelineStats', () => {
  it('gives lateness percentiles and a histogram', () => {
    const stats = new TimelineStats();
    for (let i = 1; i <= 100; i++) stats.recordLateness(i);
    const snapshot = stats.snapshot();
    assert.deepEqual([snapshot.latenessMs.p50, snapshot.latenessMs.p99, snapshot.latenessMs.max], [50, 99, 100]);
    assert.equal(snapshot.latenessMs.histogram.length, 100);
  });
});

describe('FakeClock', () => {
  it('fires timers in order as time advances, and not cancelled ones', async () => {
    const clock = new FakeClock(0);
    const fired: string[] = [];
    clock.setTimer(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimer(() => fired.push(`a@${clock.now()}`), 100);
    clock.setTimer(() => fired.push('never'), 150).cancel();
    await clock.advance(150);
    assert.deepEqual(fired, ['a@100']);
    await clock.advance(100);
    assert.deepEqual(fired, ['a@100', 'b@200']);
    assert.equal(clock.now(), 250);
  });
});

describe('Semaphore and KeyedMutex', () => {
  it('bounds concurrency', async () => {
    const limit = new Semaphore(2);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        limit.run(async () => {
          peak = Math.max(peak, ++running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
        }),
      ),
    );
    assert.equal(peak, 2);
  });

  it('runs tasks on one key one at a time, in order, even when one fails', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    const slow = mutex.run('k', async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push('first');
      throw new Error('boom');
    });
    const second = mutex.run('k', async () => order.push('second'));
    await assert.rejects(slow);
    await second;
    assert.deepEqual(order, ['first', 'second']);
  });

  it('starts a task on a free key at once, and forgets a key once its tasks have settled', async () => {
    const mutex = new KeyedMutex();
    let started = false;
    const done = mutex.run('k', async () => {
      started = true;
    });
    assert.equal(started, true, 'no turn of the event loop before a task on a free key');
    assert.equal(mutex.busyKeys, 1);
    await done;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(mutex.busyKeys, 0);

    const failing = mutex.run('k', () => {
      throw new Error('thrown before its first await');
    });
    await assert.rejects(failing, /thrown before its first await/);
    const after = await mutex.run('k', async () => 'still runs');
    assert.equal(after, 'still runs');
  });
});
