import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

export interface StartCommand {
  /** The environment `npm start` sets before node, e.g. `MALLOC_TRIM_THRESHOLD_=33554432`. */
  env: Record<string, string>;
  /** The flags `npm start` gives node, e.g. `--optimize-for-size` (none today). */
  nodeFlags: string[];
  /** The script it runs, relative to the repository root: `dist/src/main.js`. */
  script: string;
}

const ASSIGNMENT = /^([A-Z_][A-Z0-9_]*)=(\S*)$/;

/** What `npm start` runs after its set-up, read from package.json, so the benchmarks run the proxy exactly as users do. */
export function proxyStartCommand(): StartCommand {
  const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return parseStartCommand(scripts.start ?? '');
}

/** Splits the last step of an npm script, `[NAME=value …] node [flags …] dist/…`, into its parts. */
export function parseStartCommand(npmScript: string): StartCommand {
  const words = npmScript.split('&&').pop()?.trim().split(/\s+/) ?? [];
  const env: Record<string, string> = {};
  let assignment: RegExpExecArray | null;
  while (words.length > 0 && (assignment = ASSIGNMENT.exec(words[0]))) {
    env[assignment[1]] = assignment[2];
    words.shift();
  }
  const script = words.at(-1);
  if (words[0] !== 'node' || !script?.startsWith('dist/')) throw new Error(`npm start does not end with "[NAME=value …] node … dist/…": ${npmScript}`);
  return { env, nodeFlags: words.slice(1, -1), script };
}
