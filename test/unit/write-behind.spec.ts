import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WriteBehind } from '../../src/modules/database/write-behind.js';

const HOUR_MS = 3_600_000;
const failOnError = (error: unknown) => assert.fail(String(error));

describe('WriteBehind', () => {
  it('coalesces puts per key and writes the latest version in chunks', async () => {
    const writes: string[][] = [];
    const writer = new WriteBehind<string>(async (rows) => void writes.push(rows), HOUR_MS, failOnError, 2);
    for (const key of ['a', 'b', 'c', 'd', 'e']) writer.put(key, `${key}1`);
    writer.put('a', 'a2');
    await writer.flush();
    assert.deepEqual(writes, [['a2', 'b1'], ['c1', 'd1'], ['e1']]);
    assert.equal(writer.size, 0);
  });

  it('still shows rows being written, and serves requests between chunks', async () => {
    const seenBetweenChunks: (string | undefined)[] = [];
    const writer: WriteBehind<string> = new WriteBehind<string>(
      async () => {
        await new Promise((resolve) => setImmediate(resolve));
        seenBetweenChunks.push(writer.peek('c'));
      },
      HOUR_MS,
      failOnError,
      2,
    );
    for (const key of ['a', 'b', 'c']) writer.put(key, `${key}1`);
    await writer.flush();
    assert.deepEqual(seenBetweenChunks, ['c1', 'c1']);
    assert.equal(writer.peek('c'), undefined);
  });

  it('keeps the rows of a failed chunk and the ones after it, unless replaced meanwhile', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const writer: WriteBehind<string> = new WriteBehind<string>(
      async () => {
        if (++calls === 2) {
          writer.put('d', 'd2');
          throw new Error('disk full');
        }
      },
      HOUR_MS,
      (error) => errors.push(error),
      2,
    );
    for (const key of ['a', 'b', 'c', 'd', 'e']) writer.put(key, `${key}1`);
    await writer.flush();
    assert.equal(errors.length, 1);
    assert.deepEqual(['a', 'b', 'c', 'd', 'e'].map((key) => writer.peek(key)), [undefined, undefined, 'c1', 'd2', 'e1']);
  });
});
