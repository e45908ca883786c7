import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/paths.js';
import { startStack, type Stack } from '../helpers/stack.js';

describe('interactive docs at /docs', () => {
  let stack: Stack;
  const committed = parse(readFileSync(join(REPO_ROOT, 'openapi.yaml'), 'utf8')) as Record<string, unknown>;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack.close());

  it('serves Swagger UI, and every script and stylesheet the page loads', async () => {
    const page = await fetch(`${stack.proxy.url}/docs`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();
    assert.match(html, /<title>Plex Playback Proxy API<\/title>/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => new URL(m[1], page.url).href);
    assert.ok(assets.some((a) => a.endsWith('/docs/swagger-ui-bundle.js')), `the page loads Swagger UI: ${assets.join(', ')}`);
    for (const asset of assets) assert.equal((await fetch(asset)).status, 200, asset);
    const init = await (await fetch(`${stack.proxy.url}/docs/swagger-ui-init.js`)).text();
    assert.match(init, /"title": "Plex Playback Proxy"/, 'the page is given the document');
  });

  it('serves the same document as the committed openapi.yaml, as JSON and as YAML', async () => {
    const json = await fetch(`${stack.proxy.url}/docs/openapi.json`);
    assert.equal(json.status, 200);
    assert.deepEqual(await json.json(), committed);
    const yaml = await fetch(`${stack.proxy.url}/docs/openapi.yaml`);
    assert.equal(yaml.status, 200);
    assert.deepEqual(parse(await yaml.text()), committed);
  });
});
