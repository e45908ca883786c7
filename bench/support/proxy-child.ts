import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_ON_SIGNAL_JS, REPO_ROOT } from './paths.js';
import { freePort, statusOf } from './net.js';
import { proxyStartCommand } from './start-command.js';
import { waitFor } from './timing.js';

export interface ProxyChild {
  /** e.g. `http://127.0.0.1:43210` */
  url: string;
  pid: number;
  /** Milliseconds from spawn to `/health` answering 200. */
  startupMs: number;
  /** Resident set size now, in MB (VmRSS from /proc). */
  rssMb(): number;
  /** The last lines the process wrote (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface ProxyChildOptions {
  /** Start with `--cpu-prof`, writing the profile into this folder when stopped. */
  cpuProfileDir?: string;
}

const STARTUP_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_KEPT_CHARS = 20_000;

/**
 * Starts the real proxy the way `npm start` does (same node flags, same script) on a free port,
 * and resolves once `/health` answers 200.
 */
export async function startProxyChild(env: Record<string, string>, options: ProxyChildOptions = {}): Promise<ProxyChild> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const profiling = options.cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`, '--import', EXIT_ON_SIGNAL_JS]
    : [];
  const { env: startEnv, nodeFlags, script } = proxyStartCommand();
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...profiling, ...nodeFlags, join(REPO_ROOT, script)], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...startEnv, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_KEPT_CHARS));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  try {
    await waitFor(
      'the proxy did not answer /health with 200',
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the proxy exited before answering:\n${output}`);
        return (await statusOf(`${url}/health`)) === 200 ? true : undefined;
      },
      { timeoutMs: STARTUP_TIMEOUT_MS, intervalMs: 5 },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const startupMs = performance.now() - spawnedAt;

  return {
    url,
    pid: child.pid!,
    startupMs,
    rssMb: () => rssMbOf(child.pid!),
    output: () => output,
    stop: () => stop(child, exited, options.cpuProfileDir ? 'SIGUSR2' : 'SIGTERM'),
  };
}

async function stop(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function rssMbOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  const kb = Number(/(\d+)/.exec(line ?? '')?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS for process ${pid}`);
  return kb / 1024;
}
