import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { round } from './stats.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds on the monotonic clock, the one `process.hrtime` reads (on Linux, in every process). */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Hotspot {
  function: string;
  selfMs: number;
  /** Share of the busy (not idle) time in the window. */
  percent: number;
}

export interface Hotspots {
  /** Share of the window the process was idle. */
  idlePercent: number;
  top: Hotspot[];
  /** Busy time by package (`app` for the proxy's own code, `node` for Node's internals and native code). */
  byPackage: Hotspot[];
}

/** Microseconds on the monotonic clock of CPU profiles. */
export const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * The functions with the most self time in the `.cpuprofile` files of a folder (`node --cpu-prof`), counting only
 * the samples taken within the windows given (`[from, to]` in monotonic microseconds).
 */
export function topSelfTime(dir: string, windows: readonly [number, number][], count = 20): Hotspots {
  const selfMicros = new Map<string, number>();
  const packageMicros = new Map<string, number>();
  let idleMicros = 0;
  let busyMicros = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const names = new Map(profile.nodes.map((node) => [node.id, describe(node)]));
    const packages = new Map(profile.nodes.map((node) => [node.id, packageOf(node)]));
    let at = profile.startTime;
    profile.samples.forEach((id, i) => {
      const micros = profile.timeDeltas[i] ?? 0;
      at += micros;
      if (!windows.some(([from, to]) => at >= from && at <= to)) return;
      const name = names.get(id) ?? '?';
      if (name === '(idle)') {
        idleMicros += micros;
        return;
      }
      selfMicros.set(name, (selfMicros.get(name) ?? 0) + micros);
      const pkg = packages.get(id) ?? '?';
      packageMicros.set(pkg, (packageMicros.get(pkg) ?? 0) + micros);
      busyMicros += micros;
    });
  }
  const ranked = (micros: Map<string, number>) =>
    [...micros]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, m]) => ({ function: name, selfMs: round(m / 1000, 1), percent: round((100 * m) / busyMicros, 1) }));
  return {
    idlePercent: round((100 * idleMicros) / (idleMicros + busyMicros), 1),
    top: ranked(selfMicros),
    byPackage: ranked(packageMicros),
  };
}

function packageOf({ callFrame }: ProfileNode): string {
  const url = callFrame.url;
  const inPackage = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage) return inPackage[1];
  return url.includes('/dist/') ? 'app' : 'node';
}

function describe({ callFrame }: ProfileNode): string {
  const name = callFrame.functionName || '(anonymous)';
  if (!callFrame.url) return name;
  const where = callFrame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/dist\//, 'dist/');
  return `${name} ${where}:${callFrame.lineNumber + 1}`;
}
