// `npm run bench`: the session API measured against the physical limit, in one run on 127.0.0.1.
// Usage: node dist/bench/run.js [--quick] [--profile] [--only progress,create,streams,browse,events,scheduler,cold-start]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlexEmulator } from '../emulator/index.js';
import { browseStage } from './stages/browse.js';
import { coldStart } from './stages/cold-start.js';
import { createSessionOverhead } from './stages/create-session-overhead.js';
import { liveEventsStage } from './stages/live-events.js';
import { progressThroughput } from './stages/progress-throughput.js';
import { schedulerStage } from './stages/scheduler-stage.js';
import { streamsStage } from './stages/streams.js';
import { LONG_QUEUE_ITEMS } from './support/answer-json.js';
import { cpuSnapshot, otherLoad, type Disturbance } from './support/cpu-accounting.js';
import type { Hotspot, Hotspots } from './support/cpu-profile.js';
import { renderTable, type Figure } from './support/figures.js';
import { describeMachine } from './support/machine.js';
import { parseOptions, STAGES, type StageName } from './support/options.js';
import { writeResults } from './support/results.js';
import type { StageContext, StageResult } from './support/stage.js';

const STAGE_RUNNERS: Record<StageName, (context: StageContext) => Promise<StageResult>> = {
  progress: progressThroughput,
  create: createSessionOverhead,
  streams: streamsStage,
  browse: browseStage,
  events: liveEventsStage,
  scheduler: schedulerStage,
  'cold-start': coldStart,
};

/** Above this share of the machine's CPU used by other processes (before or during the run), figures are disturbed. */
const DISTURBED_PERCENT = 10;
/**
 * How long other processes are watched before the run. The load average is no guide: it stays high for minutes
 * after a build that has finished.
 */
const IDLE_CHECK_MS = 1_000;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const machine = describeMachine();
  const startedAt = new Date();
  console.log(
    `[bench] ${options.quick ? 'quick' : 'full'} run, ${machine.cpus} cpus (${machine.cpuModel}), ` +
      `${machine.memoryGb} GB, node ${machine.node}, load average ${machine.loadAverage.join(' ')}`,
  );
  const before = await otherLoadFor(IDLE_CHECK_MS);
  if (before.otherCpuPercent > DISTURBED_PERCENT) {
    console.log(`[bench] warning: other processes use ${before.otherCpuPercent}% of the machine's CPU; figures may be disturbed`);
  }

  const workDir = mkdtempSync(join(tmpdir(), 'ppp-bench-'));
  const plex = await startPlexEmulator({ longShowEpisodes: LONG_QUEUE_ITEMS });
  const context: StageContext = { plex, options, workDir, adminToken: randomBytes(16).toString('hex') };
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  let failed = false;
  const runStart = cpuSnapshot();
  try {
    for (const stage of options.stages) {
      const stageStart = cpuSnapshot();
      console.log(`[bench] ${stage}…`);
      try {
        const result = await STAGE_RUNNERS[stage](context);
        figures.push(...result.figures);
        details[stage] = result.details;
      } catch (error) {
        failed = true;
        const message = error instanceof Error ? error.message : String(error);
        console.error(`[bench] ${stage} failed: ${error instanceof Error ? error.stack : message}`);
        figures.push({ stage, name: 'stage', value: undefined, unit: '', note: `failed: ${message.split('\n')[0]}` });
        details[stage] = { error: message };
      } finally {
        plex.clearRequests();
      }
      const stageEnd = cpuSnapshot();
      const disturbance = otherLoad(stageStart, stageEnd);
      details[stage] = { ...(details[stage] as object), disturbance };
      console.log(
        `[bench] ${stage} took ${((stageEnd.at - stageStart.at) / 1000).toFixed(1)} s; other processes used ` +
          `${disturbance.otherCpuPercent}% of the machine's CPU meanwhile (steal ${disturbance.stealPercent}%)`,
      );
    }
  } finally {
    await plex.close();
    rmSync(workDir, { recursive: true, force: true });
  }

  const disturbance = otherLoad(runStart, cpuSnapshot());
  console.log(`\n${renderTable(figures)}\n`);
  if (disturbance.otherCpuPercent > DISTURBED_PERCENT) {
    console.log(`[bench] other processes used ${disturbance.otherCpuPercent}% of the machine's CPU during the run: figures disturbed\n`);
  }
  for (const stage of options.stages) printHotspots(stage, details[stage]);
  const written = writeResults({
    date: startedAt.toISOString().slice(0, 10),
    startedAt: startedAt.toISOString(),
    reference: !options.quick && !options.profile && options.stages.length === STAGES.length && !failed,
    quick: options.quick,
    machine,
    loadAverageAfter: loadavg().map((l) => Number(l.toFixed(2))),
    disturbanceBefore: before,
    disturbance,
    figures,
    details,
  });
  console.log(`[bench] written: ${written.join(', ')}`);
  if (failed) process.exitCode = 1;
}

/** What other processes use of the machine over the next `ms`. */
async function otherLoadFor(ms: number): Promise<Disturbance> {
  const start = cpuSnapshot();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return otherLoad(start, cpuSnapshot());
}

function printHotspots(stage: string, stageDetails: unknown): void {
  const hotspots = (stageDetails as { hotspots?: Hotspots } | undefined)?.hotspots;
  if (!hotspots) return;
  console.log(`Proxy CPU profile of the measured ${stage} stage (idle ${hotspots.idlePercent}%), top self time of the busy time:`);
  const print = (h: Hotspot) => console.log(`${h.percent.toFixed(1).padStart(5)}%  ${h.selfMs.toFixed(0).padStart(6)} ms  ${h.function}`);
  hotspots.top.forEach(print);
  console.log('By package:');
  hotspots.byPackage.forEach(print);
  console.log();
}

await main();
