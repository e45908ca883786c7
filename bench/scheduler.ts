// `npm run bench:scheduler`: N playing sessions through the real proxy, the emulator in its own process,
// timeline reports every 10 s for a measured window. Prints reports/s, lateness of periodic reports
// (p50/p99/max against their due time), missed intervals, CPU per report and RSS.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { cpuTimeMs, rssMb, startScript, type Child } from './processes.js';
import { proxyStartCommand } from './support/start-command.js';
import { createBenchProfile } from './support/bench-profile.js';
import type { Figure } from './support/figures.js';

export interface SchedulerResult {
  sessions: number;
  windowSeconds: number;
  reportsPerSecond: number;
  latenessMs: { p50: number; p99: number; max: number };
  missedIntervals: number;
  cpuMsPerReport: number;
  rssMb: number;
  createPerSecond: number;
}

interface TimelineStatus {
  sessions: number;
  reportsSent: number;
  missedIntervals: number;
  latenessMs: { histogram: [number, number][] };
}

/** Lateness percentiles of the reports made between two readings of /health/timeline. */
function windowLateness(before: TimelineStatus, after: TimelineStatus): { p50: number; p99: number; max: number } {
  const earlier = new Map(before.latenessMs.histogram);
  const counts = after.latenessMs.histogram
    .map(([ms, count]): [number, number] => [ms, count - (earlier.get(ms) ?? 0)])
    .filter(([, count]) => count > 0);
  const total = counts.reduce((sum, [, count]) => sum + count, 0);
  const at = (fraction: number) => {
    let seen = 0;
    for (const [ms, count] of counts) if ((seen += count) >= Math.ceil(fraction * total)) return ms;
    return 0;
  };
  return { p50: at(0.5), p99: at(0.99), max: counts.at(-1)?.[0] ?? 0 };
}

const INTERVAL_MS = 10_000;
const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';
const CONCURRENCY = 32;

export async function benchScheduler(sessions: number, windowSeconds: number): Promise<SchedulerResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ppp-bench-'));
  const children: Child[] = [];
  try {
    const emulator = await startScript('dist/bench/emulator-process.js', {}, (line) => (line.startsWith('{') ? line : undefined));
    children.push(emulator.child);
    const plex = JSON.parse(emulator.value) as { url: string; token: string };
    const { env: startEnv, nodeFlags, script } = proxyStartCommand();
    const proxy = await startScript(
      script,
      {
        ...startEnv,
        PORT: '0',
        HOST: '127.0.0.1',
        PLEX_URL: plex.url,
        PLEX_TOKEN: plex.token,
        DATABASE_URL: `file:${join(dir, 'bench.sqlite')}`,
        LOG_LEVEL: 'info',
        TIMELINE_INTERVAL_MS: String(INTERVAL_MS),
        SESSION_IDLE_TIMEOUT_MS: String(3_600_000),
        ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
        RATE_LIMIT_PER_MINUTE: '10000000',
        ...(process.env.PROXY_NODE_OPTIONS ? { NODE_OPTIONS: process.env.PROXY_NODE_OPTIONS } : {}),
      },
      (line) => /"msg":"Listening on (http:\/\/[^"]+)"/.exec(line)?.[1],
      30_000,
      nodeFlags,
    );
    children.push(proxy.child);
    const pid = proxy.child.process.pid!;
    const api: Api = { pool: new Pool(proxy.value, { connections: CONCURRENCY }), apiKey: await createBenchProfile(proxy.value, BENCH_ADMIN_TOKEN) };

    const createStart = performance.now();
    await inParallel(sessions, CONCURRENCY, async (i) => {
      const ratingKey = ['101', '102', '103', '104', '201', '202'][i % 6];
      const created = await call(api, 'POST', '/api/v1/sessions', { ratingKey }, `bench-device-${i % 500}`);
      const id = (created as { id: string }).id;
      await call(api, 'POST', `/api/v1/sessions/${id}/progress`, { state: 'playing', positionMs: 1000 });
    });
    const createPerSecond = Math.round(sessions / ((performance.now() - createStart) / 1000));

    await sleep(INTERVAL_MS); // every session is on its periodic cadence now
    const before = (await call(api, 'GET', '/health/timeline')) as TimelineStatus;
    const cpuBefore = cpuTimeMs(pid);
    await sleep(windowSeconds * 1000);
    const after = (await call(api, 'GET', '/health/timeline')) as TimelineStatus;
    const cpuAfter = cpuTimeMs(pid);
    const reports = after.reportsSent - before.reportsSent;
    const result: SchedulerResult = {
      sessions: after.sessions,
      windowSeconds,
      reportsPerSecond: Math.round(reports / windowSeconds),
      latenessMs: windowLateness(before, after),
      missedIntervals: after.missedIntervals - before.missedIntervals,
      cpuMsPerReport: Math.round(((cpuAfter - cpuBefore) / Math.max(1, reports)) * 1000) / 1000,
      rssMb: rssMb(pid),
      createPerSecond,
    };
    await api.pool.close();
    return result;
  } finally {
    for (const child of children.reverse()) await child.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Api {
  pool: Pool;
  apiKey: string;
}

async function call(api: Api, method: 'GET' | 'POST', path: string, body?: unknown, deviceId = 'bench'): Promise<unknown> {
  const response = await api.pool.request({
    method,
    path,
    headers: { 'content-type': 'application/json', 'x-device-id': deviceId, authorization: `Bearer ${api.apiKey}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
  return JSON.parse(text) as unknown;
}

async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function formatSchedulerRows(results: SchedulerResult[]): string[] {
  return results.map(
    (r) =>
      `${String(r.sessions).padStart(6)} sessions | ${String(r.reportsPerSecond).padStart(5)} reports/s | lateness p50 ${r.latenessMs.p50} ms, p99 ${r.latenessMs.p99} ms, max ${r.latenessMs.max} ms | missed ${r.missedIntervals} | ${r.cpuMsPerReport} ms CPU/report | RSS ${r.rssMb} MB | created ${r.createPerSecond}/s`,
  );
}

const USAGE = 'usage: node dist/bench/scheduler.js [--quick | --full] [--sessions=N[,N…]] [--window=SECONDS] [--json FILE]';

/** Refuses what it does not know (a mistyped flag would otherwise start a run of several minutes). */
function checkArguments(args: readonly string[]): 'help' | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--json') i++;
    else if (!['--quick', '--full'].includes(arg) && !/^--(sessions=\d+(,\d+)*|window=\d+)$/.test(arg)) {
      throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  return undefined;
}

async function main(): Promise<void> {
  if (checkArguments(process.argv.slice(2)) === 'help') {
    console.log(USAGE);
    return;
  }
  const quick = process.argv.includes('--quick');
  const full = process.argv.includes('--full');
  const sizesArg = process.argv.find((a) => a.startsWith('--sessions='))?.slice('--sessions='.length);
  const windowArg = process.argv.find((a) => a.startsWith('--window='))?.slice('--window='.length);
  const sizes = sizesArg ? sizesArg.split(',').map(Number) : quick ? [1000] : full ? [1000, 10_000, 50_000] : [1000, 10_000];
  const windowSeconds = windowArg ? Number(windowArg) : quick ? 20 : 120;
  const results: SchedulerResult[] = [];
  for (const size of sizes) {
    console.log(`scheduler: ${size} playing sessions, ${windowSeconds} s window…`);
    results.push(await benchScheduler(size, windowSeconds));
    console.log(formatSchedulerRows(results.slice(-1))[0]);
  }
  console.log('\nTarget: 10,000 sessions with p99 lateness < 500 ms, no missed intervals, RSS < 300 MB');
  for (const row of formatSchedulerRows(results)) console.log(row);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/scheduler-latest.json', `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
  const jsonAt = process.argv.indexOf('--json');
  if (jsonAt > 0 && process.argv[jsonAt + 1]) {
    writeFileSync(process.argv[jsonAt + 1], `${JSON.stringify({ figures: results.flatMap(toFigures) })}\n`);
  }
}

/** The figures `npm run bench` puts in its table (bench/support/figures.ts); targets apply at 10,000 sessions. */
function toFigures(result: SchedulerResult): Figure[] {
  const at = `${result.sessions.toLocaleString('en-US')} sessions`;
  const targeted = result.sessions >= 10_000;
  return [
    { stage: 'scheduler', name: `${at}: reports/s`, value: result.reportsPerSecond, unit: '/s' },
    { stage: 'scheduler', name: `${at}: lateness p50`, value: result.latenessMs.p50, unit: 'ms' },
    {
      stage: 'scheduler',
      name: `${at}: lateness p99`,
      value: result.latenessMs.p99,
      unit: 'ms',
      ...(targeted ? { target: { kind: 'under' as const, value: 500 } } : {}),
    },
    { stage: 'scheduler', name: `${at}: lateness max`, value: result.latenessMs.max, unit: 'ms' },
    {
      stage: 'scheduler',
      name: `${at}: missed intervals`,
      value: result.missedIntervals,
      unit: '',
      ...(targeted ? { target: { kind: 'under' as const, value: 1 } } : {}),
    },
    { stage: 'scheduler', name: `${at}: CPU per report`, value: result.cpuMsPerReport, unit: 'ms' },
    {
      stage: 'scheduler',
      name: `${at}: RSS`,
      value: result.rssMb,
      unit: 'MB',
      ...(targeted ? { target: { kind: 'under' as const, value: 300 } } : {}),
    },
  ];
}

if (process.argv[1]?.endsWith('bench/scheduler.js')) await main();
