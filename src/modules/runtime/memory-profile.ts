import { setFlagsFromString } from 'node:v8';

/** From this many active sessions the proxy favours memory over speed… */
export const MEMORY_FIRST_FROM_SESSIONS = 2_000;
/** …and below this many, speed again (apart, so that a count around the mark does not flip it back and forth). */
export const SPEED_FIRST_BELOW_SESSIONS = 1_000;

export type Favour = 'memory' | 'speed';

export interface Load {
  activeSessions: number;
  /** Media is being relayed, or was moments ago (HLS segments come one after the other). */
  relayingMedia: boolean;
}

/**
 * V8's memory profile, chosen by load. With V8's defaults the heap grew to three times its live set under the
 * scheduler's load (10,000 sessions: 315 MB RSS for 60 MB of live objects), and relayed media (large buffers) raised
 * RSS by 55 MB with 20 streams; `--optimize-for-size` keeps the young generation at half its size, the old one close
 * to the live set and collects media buffers sooner (15-42 MB for the same streams), but makes every call about 15%
 * dearer in instructions on the main thread and twice that on V8's helper threads (callgrind, progress endpoint).
 * So the proxy favours memory while media flows through it or thousands of sessions are active, and speed while it
 * only answers API calls for fewer sessions (then its heap is small either way). A `--[no-]optimize-for-size` given
 * to node fixes the profile. `npm start` also gives V8 64 MB semi-spaces (README, Performance): a young generation
 * grown to that size under load is not shrunk by switching to memory while allocation goes on (seen in a synthetic
 * test), only by V8's memory reducer once the process calms down.
 */
export class MemoryProfile {
  private favoured: Favour = 'speed';
  private readonly fixed: boolean;

  constructor(
    execArgv: readonly string[] = process.execArgv,
    private readonly setV8Flags: (flags: string) => void = setFlagsFromString,
  ) {
    // Only the command line can carry it: node refuses V8 flags like this one in NODE_OPTIONS.
    this.fixed = execArgv.some((arg) => /^--(no-)?optimize[-_]for[-_]size$/.test(arg));
  }

  get favours(): Favour {
    return this.favoured;
  }

  /** Chooses the profile for the load; returns the new one when it changed. */
  adjust(load: Load): Favour | undefined {
    if (this.fixed) return undefined;
    const { activeSessions, relayingMedia } = load;
    const manySessions =
      activeSessions >= MEMORY_FIRST_FROM_SESSIONS || (this.favoured === 'memory' && activeSessions >= SPEED_FIRST_BELOW_SESSIONS);
    const wanted: Favour = manySessions || relayingMedia ? 'memory' : 'speed';
    if (wanted === this.favoured) return undefined;
    this.setV8Flags(wanted === 'memory' ? '--optimize-for-size' : '--no-optimize-for-size');
    this.favoured = wanted;
    return wanted;
  }
}
