import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderSdkSchema } from '../../sdk/typescript/scripts/render-schema.js';
import { REPO_ROOT } from '../helpers/paths.js';

describe('the TypeScript SDK', () => {
  it('has exactly the types openapi-typescript generates from openapi.yaml (run `npm run sdk` after an API change)', async () => {
    const committed = readFileSync(join(REPO_ROOT, 'sdk/typescript/src/schema.d.ts'), 'utf8');
    assert.equal(await renderSdkSchema(join(REPO_ROOT, 'openapi.yaml')), committed);
  });
});
