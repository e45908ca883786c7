import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from '../support/figures.js';
import { REPO_ROOT, SCHEDULER_BENCH_JS } from '../support/paths.js';
import type { StageContext, StageResult } from '../support/stage.js';

const STAGE = 'scheduler';

/**
 * The scheduler's own benchmark (`npm run bench:scheduler`, issue 4), run when it is built. The contract:
 * `node dist/bench/scheduler.js --json <file> [--quick]` writes `{ "figures": Figure[] }` (see support/figures.ts)
 * to that file and exits 0; its output goes to this run's output.
 */
export async function schedulerStage(context: StageContext): Promise<StageResult> {
  if (!existsSync(SCHEDULER_BENCH_JS)) {
    return { figures: [unavailable('not yet available (issue 4)')], details: { available: false } };
  }
  const jsonFile = join(context.workDir, 'scheduler.json');
  const args = ['--enable-source-maps', SCHEDULER_BENCH_JS, '--json', jsonFile, ...(context.options.quick ? ['--quick'] : [])];
  const exit = await runChild(args, context.options.schedulerTimeoutMs);
  if (exit !== 0 || !existsSync(jsonFile)) {
    return { figures: [unavailable(`failed (exit ${exit}, no figures)`)], details: { available: true, exit } };
  }
  const { figures } = JSON.parse(readFileSync(jsonFile, 'utf8')) as { figures: Figure[] };
  return { figures: figures.map((f) => ({ ...f, stage: STAGE })), details: { available: true, exit } };
}

function unavailable(note: string): Figure {
  return { stage: STAGE, name: 'bench:scheduler', value: undefined, unit: '', note };
}

function runChild(args: string[], timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    // SIGTERM first, so that it can stop the processes it started itself.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal ?? 'unknown');
    });
  });
}
