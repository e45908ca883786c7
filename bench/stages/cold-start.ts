import { join } from 'node:path';
import type { Figure } from '../support/figures.js';
import { startProxyChild } from '../support/proxy-child.js';
import { proxyEnv, type StageContext, type StageResult } from '../support/stage.js';
import { median, round } from '../support/stats.js';
import { sleep } from '../support/timing.js';

const STAGE = 'cold start';

/** Spawn to `/health` answering 200 on a fresh SQLite file each time, then the resident memory after idling. */
export async function coldStart(context: StageContext): Promise<StageResult> {
  const { runs, idleMs } = context.options.coldStart;
  const startupMs: number[] = [];
  const idleRssMb: number[] = [];
  for (let run = 0; run < runs; run++) {
    // The default log level, as `npm start` runs.
    const proxy = await startProxyChild(proxyEnv(context, join(context.workDir, `cold-${run}.sqlite`), 'info'));
    try {
      startupMs.push(round(proxy.startupMs, 0));
      await sleep(idleMs);
      idleRssMb.push(round(proxy.rssMb(), 1));
    } finally {
      await proxy.stop();
    }
  }
  const figures: Figure[] = [
    { stage: STAGE, name: `spawn to /health 200 (median of ${runs})`, value: median(startupMs), unit: 'ms', target: { kind: 'under', value: 1500 } },
    { stage: STAGE, name: `idle RSS ${idleMs / 1000} s after start (median)`, value: median(idleRssMb), unit: 'MB', target: { kind: 'under', value: 120 } },
  ];
  return { figures, details: { startupMs, idleRssMb } };
}
