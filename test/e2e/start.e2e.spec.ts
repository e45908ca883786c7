import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../helpers/paths.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Every file below `dir`. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the proxy as npm start runs it (dist/src/main.js)', () => {
  const cache = tempDir('ppp-compile-cache-');
  let stack: Stack;

  before(async () => {
    stack = await startStack({ NODE_COMPILE_CACHE: cache.path });
  });
  after(async () => {
    await stack.close();
    cache.remove();
  });

  it("keeps Node's compile cache of the code it loaded once it listens, for the next start", async () => {
    assert.equal((await fetch(`${stack.proxy.url}/health`)).status, 200);
    const files = filesBelow(cache.path);
    assert.ok(files.length > 0, 'the cache was written while the proxy runs, not only at exit');
  });

  it('starts again from that cache and answers', async () => {
    const before = filesBelow(cache.path).length;
    await stack.restart('SIGKILL');
    assert.equal((await fetch(`${stack.proxy.url}/health`)).status, 200);
    assert.ok(filesBelow(cache.path).length >= before);
  });
});
