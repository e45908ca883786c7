import { join } from 'node:path';
import type { Figure } from '../support/figures.js';
import { startProxyChild, type ProxyChild } from '../support/proxy-child.js';
import { proxyEnv, type StageContext, type StageResult } from '../support/stage.js';
import { median, round } from '../support/stats.js';
import { sleep } from '../support/timing.js';

const STAGE = 'cold start';

/**
 * Spawn to `/health` answering 200 on a fresh SQLite file each time, with the resident memory shortly after; then the
 * resident memory of proxies left idle until V8 has settled (see BenchOptions.coldStart).
 */
export async function coldStart(context: StageContext): Promise<StageResult> {
  const { runs, idleMs, settledMs, settledProxies } = context.options.coldStart;
  const startupMs: number[] = [];
  const idleRssMb: number[] = [];
  for (let run = 0; run < runs; run++) {
    const proxy = await startIdleProxy(context, `cold-${run}`);
    try {
      startupMs.push(round(proxy.startupMs, 0));
      await sleep(idleMs);
      idleRssMb.push(round(proxy.rssMb(), 1));
    } finally {
      await proxy.stop();
    }
  }
  const settledRssMb = await settledRss(context, settledProxies, settledMs);
  const figures: Figure[] = [
    { stage: STAGE, name: `spawn to /health 200 (median of ${runs})`, value: median(startupMs), unit: 'ms' },
    { stage: STAGE, name: `RSS ${idleMs / 1000} s after start (median)`, value: median(idleRssMb), unit: 'MB' },
    {
      stage: STAGE,
      name: `idle RSS ${settledMs / 1000} s after start (median of ${settledProxies})`,
      value: median(settledRssMb),
      unit: 'MB',
    },
  ];
  return { figures, details: { startupMs, idleRssMb, settledRssMb } };
}

/** Starts the proxies one after the other, leaves them idle together, and samples each one's RSS. */
async function settledRss(context: StageContext, count: number, settledMs: number): Promise<number[]> {
  const proxies: ProxyChild[] = [];
  try {
    for (let i = 0; i < count; i++) proxies.push(await startIdleProxy(context, `settled-${i}`));
    await sleep(settledMs);
    return proxies.map((proxy) => round(proxy.rssMb(), 1));
  } finally {
    await Promise.all(proxies.map((proxy) => proxy.stop()));
  }
}

/** The default log level, as `npm start` runs. */
function startIdleProxy(context: StageContext, name: string): Promise<ProxyChild> {
  return startProxyChild(proxyEnv(context, join(context.workDir, `${name}.sqlite`), 'info'));
}
