import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSdkSchema } from './render-schema.js';

/** `npm run sdk`: regenerates `sdk/typescript/src/schema.d.ts` from the committed `openapi.yaml`. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const target = join(repoRoot, 'sdk/typescript/src/schema.d.ts');
writeFileSync(target, await renderSdkSchema(join(repoRoot, 'openapi.yaml')));
console.log(`wrote ${target}`);
