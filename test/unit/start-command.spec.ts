import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseStartCommand, proxyStartCommand } from '../../bench/support/start-command.js';

describe('the start command the benchmarks copy from npm start', () => {
  it('splits the environment, the node flags and the script of the last step', () => {
    assert.deepEqual(parseStartCommand('node scripts/setup.mjs && A_B=1 C= node --x=2 --y dist/src/main.js'), {
      env: { A_B: '1', C: '' },
      nodeFlags: ['--x=2', '--y'],
      script: 'dist/src/main.js',
    });
    assert.deepEqual(parseStartCommand('node dist/src/main.js'), { env: {}, nodeFlags: [], script: 'dist/src/main.js' });
  });

  it('refuses a step that does not run node on a built script', () => {
    assert.throws(() => parseStartCommand('node scripts/setup.mjs && nest start'), /does not end with/);
    assert.throws(() => parseStartCommand('A=1 node src/main.ts'), /does not end with/);
  });

  it('finds in package.json the malloc setting the README tells service units to copy', () => {
    assert.equal(proxyStartCommand().env.MALLOC_TRIM_THRESHOLD_, '33554432');
  });
});
