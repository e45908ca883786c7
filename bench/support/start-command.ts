import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

/**
 * The flags `npm start` gives node (e.g. `--max-semi-space-size=64`), read from package.json,
 * so the benchmarks run the proxy exactly as users do.
 */
export function proxyNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const launch = scripts.start?.split('&&').pop()?.trim().split(/\s+/) ?? [];
  if (launch[0] !== 'node' || launch.at(-1) !== 'dist/src/main.js') throw new Error(`npm start does not end with "node … dist/src/main.js": ${scripts.start}`);
  return launch.slice(1, -1);
}
