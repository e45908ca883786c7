export const STAGES = ['progress', 'create', 'streams', 'browse', 'events', 'scheduler', 'cold-start'] as const;
export type StageName = (typeof STAGES)[number];

export interface BenchOptions {
  quick: boolean;
  /** CPU-profile the proxy during the progress and create stages and print its top self-time functions. */
  profile: boolean;
  stages: StageName[];
  /** Proxy and bare server are measured in alternating rounds after one warm-up each. */
  progress: {
    sessions: number;
    connections: number;
    warmupSeconds: number;
    rounds: number;
    roundSeconds: number;
    /** `--spin-bare <µs>`: also measure the bare node server made this much slower per call by busy work (0: not). */
    spinBareMicros: number;
  };
  create: { warmup: number; samples: number };
  /** Home and library page: sequential samples; images: requests of each kind, so many at once. */
  browse: { warmup: number; samples: number; imageRequests: number; imageConcurrency: number };
  streams: StreamsOptions;
  /**
   * `idleMs`: RSS sampled this long after each start (the heap still as start-up left it). `settledMs`: RSS of
   * `settledProxies` proxies left idle this long, once V8's memory reducer has run (it starts some seconds after the
   * last garbage collection and gives back most of the young generation start-up grew).
   */
  coldStart: { runs: number; idleMs: number; settledMs: number; settledProxies: number };
  /** Live event streams held open at once, and the events timed through all of them. */
  liveEvents: { streams: number; events: number };
  /** The scheduler benchmark (issue 4) runs for minutes on its own; it is stopped past this. */
  schedulerTimeoutMs: number;
}

export interface StreamsOptions {
  /** Size of the emulator's media parts (a repeated block: no memory cost). */
  mediaBytes: number;
  /** Whole-part reads through the proxy and straight from the emulator, alternating. */
  throughputRounds: number;
  parallelStreams: number;
  /** Each parallel reader is throttled so that its stream lasts at least this long. */
  parallelMinSeconds: number;
  rssSampleMs: number;
  /** Mid-file Range requests timed to their first byte, on each side. */
  rangeRequests: number;
  rangeBytes: number;
}

const MIB = 1024 * 1024;

const USAGE = `usage: node dist/bench/run.js [--quick] [--profile] [--spin-bare <µs>] [--only ${STAGES.join(',')}]`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let profile = false;
  let stages: StageName[] = [...STAGES];
  let spinBareMicros = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') quick = true;
    else if (arg === '--profile') profile = true;
    else if (arg === '--only') stages = parseStages(argv[++i]);
    else if (arg === '--spin-bare') spinBareMicros = parseMicros(argv[++i]);
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return {
    quick,
    profile,
    stages,
    progress: { sessions: 200, connections: 50, warmupSeconds: quick ? 2 : 5, rounds: quick ? 1 : 4, roundSeconds: 5, spinBareMicros },
    create: { warmup: quick ? 10 : 30, samples: quick ? 50 : 300 },
    browse: { warmup: quick ? 10 : 30, samples: quick ? 50 : 300, imageRequests: quick ? 300 : 2000, imageConcurrency: 8 },
    streams: {
      mediaBytes: (quick ? 32 : 128) * MIB,
      throughputRounds: quick ? 1 : 9,
      parallelStreams: 20,
      parallelMinSeconds: quick ? 3 : 6,
      rssSampleMs: 200,
      rangeRequests: quick ? 50 : 200,
      rangeBytes: 64 * 1024,
    },
    liveEvents: { streams: 1000, events: quick ? 10 : 50 },
    coldStart: { runs: quick ? 3 : 5, idleMs: 2000, settledMs: 30_000, settledProxies: quick ? 1 : 3 },
    schedulerTimeoutMs: quick ? 60_000 : 600_000,
  };
}

function parseMicros(value: string | undefined): number {
  const micros = Number(value);
  if (!Number.isInteger(micros) || micros < 1 || micros > 10_000) throw new Error(`--spin-bare takes microseconds, 1 to 10000\n${USAGE}`);
  return micros;
}

function parseStages(list: string | undefined): StageName[] {
  const names = (list ?? '').split(',').filter(Boolean);
  const unknown = names.filter((name) => !(STAGES as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) throw new Error(`--only takes ${STAGES.join(', ')}\n${USAGE}`);
  return names as StageName[];
}
