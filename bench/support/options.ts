export const STAGES = ['progress', 'create', 'scheduler', 'cold-start'] as const;
export type StageName = (typeof STAGES)[number];

export interface BenchOptions {
  quick: boolean;
  /** CPU-profile the proxy during the progress and create stages and print its top self-time functions. */
  profile: boolean;
  stages: StageName[];
  /** Proxy and bare server are measured in alternating rounds after one warm-up each. */
  progress: { sessions: number; connections: number; warmupSeconds: number; rounds: number; roundSeconds: number };
  create: { warmup: number; samples: number };
  coldStart: { runs: number; idleMs: number };
  /** The scheduler benchmark (issue 4) runs for minutes on its own; it is stopped past this. */
  schedulerTimeoutMs: number;
}

const USAGE = `usage: node dist/bench/run.js [--quick] [--profile] [--only ${STAGES.join(',')}]`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let profile = false;
  let stages: StageName[] = [...STAGES];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--profile') profile = true;
    else if (arg === '--only') stages = parseStages(argv[++i]);
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return {
    quick,
    profile,
    stages,
    progress: { sessions: 200, connections: 50, warmupSeconds: quick ? 2 : 5, rounds: quick ? 1 : 4, roundSeconds: 5 },
    create: { warmup: quick ? 10 : 30, samples: quick ? 50 : 300 },
    coldStart: { runs: quick ? 3 : 5, idleMs: 2000 },
    schedulerTimeoutMs: quick ? 60_000 : 600_000,
  };
}

function parseStages(list: string | undefined): StageName[] {
  const names = (list ?? '').split(',').filter(Boolean);
  const unknown = names.filter((name) => !(STAGES as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) throw new Error(`--only takes ${STAGES.join(', ')}\n${USAGE}`);
  return names as StageName[];
}
