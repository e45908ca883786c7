import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** CPU time of the whole machine and of this process with its exited children, in ms (Linux /proc). */
export interface CpuSnapshot {
  at: number;
  machineBusyMs: number;
  stealMs: number;
  ownMs: number;
}

const TICK_MS = 10;

export function cpuSnapshot(): CpuSnapshot {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // Fields 14-17 of /proc/self/stat: utime, stime, cutime, cstime (children once they exited).
  const own = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ').slice(11, 15).map(Number);
  return {
    at: performance.now(),
    machineBusyMs: (user + nice + system + irq + softirq) * TICK_MS,
    stealMs: steal * TICK_MS,
    ownMs: own.reduce((sum, ticks) => sum + ticks, 0) * TICK_MS,
  };
}

export interface Disturbance {
  otherCpuPercent: number;
  stealPercent: number;
}

/** How much of the machine other processes used between two snapshots (children must have exited). */
export function otherLoad(before: CpuSnapshot, after: CpuSnapshot): Disturbance {
  const capacityMs = (after.at - before.at) * cpus().length;
  const otherMs = after.machineBusyMs - before.machineBusyMs - (after.ownMs - before.ownMs);
  return {
    otherCpuPercent: Number(((100 * Math.max(0, otherMs)) / capacityMs).toFixed(1)),
    stealPercent: Number(((100 * (after.stealMs - before.stealMs)) / capacityMs).toFixed(1)),
  };
}
