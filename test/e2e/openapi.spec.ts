import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderOpenApiYaml } from '../../src/openapi/render-openapi.js';
import { REPO_ROOT } from '../helpers/paths.js';

describe('openapi.yaml', () => {
  it('is exactly what the app generates (run `npm run openapi` after an API change)', async () => {
    const committed = readFileSync(join(REPO_ROOT, 'openapi.yaml'), 'utf8');
    assert.equal(await renderOpenApiYaml(), committed);
  });
});
