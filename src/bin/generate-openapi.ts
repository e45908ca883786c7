import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { renderOpenApiYaml } from '../openapi/render-openapi.js';

/** `npm run openapi`: regenerates the committed `openapi.yaml` from the app itself. */
const target = process.argv[2] ?? 'openapi.yaml';
writeFileSync(target, await renderOpenApiYaml());
console.log(`wrote ${target}`);
