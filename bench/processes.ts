import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a built script of this repo (a path under `dist/`) and resolves with its first stdout line that satisfies `ready`. */
export async function startScript(
  script: string,
  env: Record<string, string>,
  ready: (line: string) => string | undefined,
  timeoutMs = 30_000,
  nodeFlags: string[] = [],
): Promise<{ child: Child; value: string }> {
  const child = spawn(process.execPath, [...nodeFlags, `${ROOT}${script}`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const value = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    lines.on('line', (line) => {
      const found = ready(line);
      if (found !== undefined) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  return {
    child: {
      process: child,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    },
    value,
  };
}

export interface CpuTimes {
  userMs: number;
  systemMs: number;
}

/** CPU time a process (every thread) has used in user space and in the kernel, in milliseconds, from /proc. */
export function cpuTimesMs(pid: number): CpuTimes {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const msPerTick = 1000 / 100;
  return { userMs: Number(fields[11]) * msPerTick, systemMs: Number(fields[12]) * msPerTick };
}

/** CPU time (user + system) a process has used, in milliseconds, from /proc. */
export function cpuTimeMs(pid: number): number {
  const { userMs, systemMs } = cpuTimesMs(pid);
  return userMs + systemMs;
}

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '') ?? 0) / 1024);
}
