import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './figures.js';
import type { Disturbance } from './cpu-accounting.js';
import type { Machine } from './machine.js';
import { RESULTS_DIR } from './paths.js';

export interface BenchResults {
  date: string;
  startedAt: string;
  /** A full run: every stage, full length, not profiled. Only those make the dated reference files. */
  reference: boolean;
  quick: boolean;
  machine: Machine;
  loadAverageAfter: number[];
  /** CPU used by other processes in the second before the run, in % of the machine (all cores). */
  disturbanceBefore: Disturbance;
  /** CPU used by other processes during the run, in % of the machine (all cores). */
  disturbance: Disturbance;
  figures: Figure[];
  details: Record<string, unknown>;
}

/**
 * Writes `bench/results/latest.json`, and for a reference run also `bench/results/<date>.json` (the dated files
 * are the reference figures kept in git). Returns the paths written.
 */
export function writeResults(results: BenchResults): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const text = `${JSON.stringify(results, null, 2)}\n`;
  const paths = [join(RESULTS_DIR, 'latest.json'), ...(results.reference ? [join(RESULTS_DIR, `${results.date}.json`)] : [])];
  for (const path of paths) writeFileSync(path, text);
  return paths;
}
