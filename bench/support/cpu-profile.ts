import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { round } from './stats.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Hotspot {
  function: string;
  selfMs: number;
  /** Share of the sampled time, idle included. */
  percent: number;
}

/** The functions with the most self time in the `.cpuprofile` files of a folder (`node --cpu-prof`). */
export function topSelfTime(dir: string, count = 20): Hotspot[] {
  const selfMicros = new Map<string, number>();
  let totalMicros = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const names = new Map(profile.nodes.map((node) => [node.id, describe(node)]));
    profile.samples.forEach((id, i) => {
      const micros = profile.timeDeltas[i] ?? 0;
      const name = names.get(id) ?? '?';
      selfMicros.set(name, (selfMicros.get(name) ?? 0) + micros);
      totalMicros += micros;
    });
  }
  return [...selfMicros]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ function: name, selfMs: round(micros / 1000, 1), percent: round((100 * micros) / totalMicros, 1) }));
}

function describe({ callFrame }: ProfileNode): string {
  const name = callFrame.functionName || '(anonymous)';
  if (!callFrame.url) return name;
  const where = callFrame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/dist\//, 'dist/');
  return `${name} ${where}:${callFrame.lineNumber + 1}`;
}
