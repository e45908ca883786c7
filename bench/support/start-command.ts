import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export interface StartCommand {
  /** The flags `npm start` gives node, e.g. `--max-semi-space-size=64`. */
  nodeFlags: string[];
  /** The script it runs, relative to the repository root: `dist/bundle/proxy.mjs`. */
  script: string;
}

/** What `npm start` runs after its set-up, read from package.json, so the benchmarks run the proxy exactly as users do. */
export function proxyStartCommand(): StartCommand {
  const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const launch = scripts.start?.split('&&').pop()?.trim().split(/\s+/) ?? [];
  const script = launch.at(-1);
  if (launch[0] !== 'node' || !script?.startsWith('dist/')) throw new Error(`npm start does not end with "node … dist/…": ${scripts.start}`);
  return { nodeFlags: launch.slice(1, -1), script };
}
