import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MAIN_JS, tempDir } from '../helpers/paths.js';
import type { Session } from '../helpers/session-types.js';
import { startStack, type Stack } from '../helpers/stack.js';

/** Loaded from node_modules by the bundle (scripts/bundle.mjs leaves them outside); everything else is inside it. */
const OUTSIDE_THE_BUNDLE = ['better-sqlite3', 'bindings', 'file-uri-to-path', 'swagger-ui-dist'];

/** Preloaded into the proxy: writes the path of every module file it loads, CommonJS and ES modules, to a file. */
const RECORD_LOADED_MODULES = `
const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const log = process.env.LOADED_MODULES_LOG;
const load = Module.prototype.load;
Module.prototype.load = function (filename) {
  appendFileSync(log, filename + '\\n');
  return load.call(this, filename);
};
Module.register('data:text/javascript,' + encodeURIComponent(\`import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(\${JSON.stringify(log)}, url + '\\\\n');
  return next(url, context);
}\`));
`;

describe('the bundle npm start runs (dist/bundle/proxy.mjs)', () => {
  const dir = tempDir('ppp-bundle-');
  const loadedLog = join(dir.path, 'loaded.txt');
  let stack: Stack;

  before(async () => {
    const preload = join(dir.path, 'record-loaded-modules.cjs');
    writeFileSync(preload, RECORD_LOADED_MODULES);
    stack = await startStack({ NODE_OPTIONS: `--require ${preload}`, LOADED_MODULES_LOG: loadedLog });
  });
  after(async () => {
    await stack.close();
    dir.remove();
  });

  it('is ASCII only (one other character and V8 holds its whole source at two bytes a character)', () => {
    const source = readFileSync(MAIN_JS, 'utf8');
    const other = /[\u0080-\uffff]/.exec(source);
    assert.equal(other, null, other ? `character U+${other[0].charCodeAt(0).toString(16)} at ${other.index}` : '');
  });

  it('keeps class names: the logs say what NestJS and the proxy call their classes', () => {
    const contexts = new Set(stack.proxy.logLines().map((line) => line.context));
    for (const name of ['InstanceLoader', 'RoutesResolver', 'PlexServerService']) assert.ok(contexts.has(name), `a log line of ${name}`);
    assert.ok(
      stack.proxy.logLines().some((line) => line.msg === 'SessionsModule dependencies initialized'),
      'modules are named as declared',
    );
  });

  it('loads no second copy of a package it holds, through a health check, playback and the API docs', async () => {
    assert.equal((await fetch(`${stack.proxy.url}/health`)).status, 200);
    const created = await stack.api.post<Session>('/api/v1/sessions', { ratingKey: '102' });
    assert.equal(created.status, 201);
    const session = created.body;
    assert.equal((await stack.api.post(`/api/v1/sessions/${session.id}/progress`, { state: 'playing', positionMs: 5000 })).status, 200);
    assert.ok(session.stream, 'the session has a stream');
    const stream = await fetch(session.stream.url, { headers: { range: 'bytes=0-1023' } });
    assert.equal(stream.status, 206);
    await stream.arrayBuffer();
    assert.equal((await stack.api.post(`/api/v1/sessions/${session.id}/next`)).status, 200);
    assert.equal((await fetch(`${stack.proxy.url}/docs`)).status, 200);

    assert.ok(existsSync(loadedLog), 'the preload recorded what the proxy loaded');
    const loaded = readFileSync(loadedLog, 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('node:'));
    assert.ok(loaded.some((file) => file.endsWith('/dist/bundle/proxy.mjs')), 'the bundle itself is recorded');
    const packages = new Set(loaded.flatMap((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? []));
    const unexpected = [...packages].filter((name) => !OUTSIDE_THE_BUNDLE.includes(name));
    assert.deepEqual(unexpected, [], `loaded from node_modules besides the bundle: ${unexpected.join(', ')}`);
    const ownFiles = loaded.filter((file) => !file.includes('/node_modules/') && !file.endsWith('/dist/bundle/proxy.mjs'));
    assert.deepEqual(ownFiles, [], 'none of dist/src is loaded beside the bundle');
  });
});
