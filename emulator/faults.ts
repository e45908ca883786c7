export interface TimelineTermination {
  code: number;
  text: string;
  /** Only a report from this X-Plex-Client-Identifier is terminated. */
  clientIdentifier?: string;
}

/** Injected faults that answer requests differently (down/up live on the emulator: they need the listener). */
export class FaultState {
  latencyMs = 0;
  private failRemaining = 0;
  private failStatus = 500;
  private failPath?: string | RegExp;
  private terminations: TimelineTermination[] = [];

  /** The next `count` requests (to `path` only, when given: an exact path or a pattern) are answered `status`. */
  failNext(count: number, status = 500, path?: string | RegExp): void {
    this.failRemaining = count;
    this.failStatus = status;
    this.failPath = path;
  }

  /** The status to answer a request to `path` instead of serving it, consuming one failure. */
  takeFailure(path?: string): number | undefined {
    if (this.failRemaining <= 0) return undefined;
    const wanted = this.failPath;
    if (wanted !== undefined && (path === undefined || (typeof wanted === 'string' ? path !== wanted : !wanted.test(path)))) return undefined;
    this.failRemaining--;
    return this.failStatus;
  }

  terminateNextTimeline(termination: TimelineTermination): void {
    this.terminations.push({ ...termination });
  }

  /** The termination due for a timeline report from that client, consuming it. */
  takeTermination(clientIdentifier: string): TimelineTermination | undefined {
    const index = this.terminations.findIndex(
      (termination) => termination.clientIdentifier === undefined || termination.clientIdentifier === clientIdentifier,
    );
    if (index < 0) return undefined;
    return this.terminations.splice(index, 1)[0];
  }

  reset(): void {
    this.latencyMs = 0;
    this.failRemaining = 0;
    this.failStatus = 500;
    this.failPath = undefined;
    this.terminations = [];
  }
}
