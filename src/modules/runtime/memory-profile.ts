import { setFlagsFromString } from 'node:v8';

/** From this many active sessions the proxy favours memory over speed… */
export const MEMORY_FIRST_FROM_SESSIONS = 2_000;
/** …and below this many, speed again (apart, so that a count around the mark does not flip it back and forth). */
export const SPEED_FIRST_BELOW_SESSIONS = 1_000;

export type Favour = 'memory' | 'speed';

/**
 * V8's memory profile, chosen by the number of active sessions. With V8's defaults the heap grew to three times its
 * live set under the scheduler's load (10,000 sessions: 315 MB RSS for 60 MB of live objects); `--optimize-for-size`
 * keeps the young generation at half its size and the old one close to the live set, but makes every call about 15%
 * dearer in instructions on the main thread and twice that on V8's helper threads (callgrind, progress endpoint).
 * So the proxy favours memory while thousands of sessions are active, and speed below (then its heap is small either
 * way). Relayed media does not switch it: it did once, and each GB relayed then cost 3.5-5 CPU seconds against
 * 1.0-1.5 with speed favoured (garbage collection took a third of the relay's CPU), for 15 MB less RSS with 20
 * streams (bench streams stage, 2026-12-03). A `--[no-]optimize-for-size` given to node fixes the profile. `npm start` also
 * gives V8 64 MB semi-spaces (README, Performance): a young generation grown to that size under load is not shrunk by
 * switching to memory while allocation goes on (seen in a synthetic test), only by V8's memory reducer once the
 * process calms down.
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

  /** Chooses the profile for this many active sessions; returns the new one when it changed. */
  adjust(activeSessions: number): Favour | undefined {
    if (this.fixed) return undefined;
    const manySessions =
      activeSessions >= MEMORY_FIRST_FROM_SESSIONS || (this.favoured === 'memory' && activeSessions >= SPEED_FIRST_BELOW_SESSIONS);
    const wanted: Favour = manySessions ? 'memory' : 'speed';
    if (wanted === this.favoured) return undefined;
    this.setV8Flags(wanted === 'memory' ? '--optimize-for-size' : '--no-optimize-for-size');
    this.favoured = wanted;
    return wanted;
  }
}
