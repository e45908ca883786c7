import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackgroundTasks, RetriesExhaustedError } from '../../src/common/background-tasks.js';
import { FakeClock } from '../helpers/fake-clock.js';

const policy = { attempts: 4, firstDelayMs: 1000, maxDelayMs: 3000 };
const always = () => true;

describe('BackgroundTasks', () => {
  it('tries again after doubling waits capped at the policy maximum, and resolves with the first success', async () => {
    const clock = new FakeClock();
    const tasks = new BackgroundTasks(clock);
    const triedAt: number[] = [];
    const result = tasks.run(
      async () => {
        triedAt.push(clock.now());
        if (triedAt.length < 4) throw new Error(`failure ${triedAt.length}`);
        return 'done';
      },
      always,
      policy,
    );
    await clock.advance(10_000);
    assert.equal(await result, 'done');
    const start = triedAt[0];
    assert.deepEqual(triedAt.map((at) => at - start), [0, 1000, 3000, 6000]);
  });

  it('gives up after the policy attempts with the last failure, and at once on an error not worth retrying', async () => {
    const clock = new FakeClock();
    const tasks = new BackgroundTasks(clock);
    let tries = 0;
    const exhausted = tasks.run(() => Promise.reject(new Error(`failure ${++tries}`)), always, policy);
    const settled = exhausted.then(
      () => assert.fail('should give up'),
      (error: unknown) => error,
    );
    await clock.advance(60_000);
    const error = await settled;
    assert.ok(error instanceof RetriesExhaustedError);
    assert.equal(error.attempts, 4);
    assert.match(error.message, /gave up after 4 tries: failure 4/);
    assert.equal(tries, 4);

    const fatal = new TypeError('a bug');
    await assert.rejects(tasks.run(() => Promise.reject(fatal), (e) => !(e instanceof TypeError), policy), (e) => e === fatal);
  });

  it('is idle while waiting between tries, busy while a try runs', async () => {
    const clock = new FakeClock();
    const tasks = new BackgroundTasks(clock);
    let release!: () => void;
    let tries = 0;
    void tasks
      .run(
        () => {
          tries++;
          if (tries === 1) return Promise.reject(new Error('first'));
          return new Promise<void>((resolve) => (release = resolve));
        },
        always,
        policy,
      )
      .catch(() => undefined);
    await clock.advance(0);
    assert.equal(tasks.idle, true, 'waiting for the second try');
    await clock.advance(1000);
    assert.equal(tasks.idle, false, 'the second try runs');
    const idle = tasks.whenIdle();
    release();
    await idle;
    assert.equal(tasks.idle, true);
  });

  it('drops the tasks waiting for their next try at shutdown', async () => {
    const clock = new FakeClock();
    const tasks = new BackgroundTasks(clock);
    let tries = 0;
    let settled = false;
    const task = tasks.run(() => Promise.reject(new Error(`failure ${++tries}`)), always, policy);
    task.then(
      () => (settled = true),
      () => (settled = true),
    );
    await clock.advance(0);
    tasks.onApplicationShutdown();
    await clock.advance(60_000);
    assert.equal(tries, 1, 'no try after shutdown');
    assert.equal(settled, false, 'left waiting, nothing logged');
  });
});
