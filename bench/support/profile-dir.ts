import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from './paths.js';

/**
 * Where `--profile` keeps a stage's CPU profiles (`bench/results/cpu-profile/<stage>`, emptied first): they stay
 * after the run, to be opened in Chrome DevTools or read by a script for more than the printed top list.
 */
export function freshProfileDir(stage: string): string {
  const dir = join(RESULTS_DIR, 'cpu-profile', stage);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
