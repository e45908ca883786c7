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
  private terminations: TimelineTermination[] = [];

  failNext(count: number, status = 500): void {
    this.failRemaining = count;
    this.failStatus = status;
  }

  /** The status to answer instead of serving, consuming one failure. */
  takeFailure(): number | undefined {
    if (this.failRemaining <= 0) return undefined;
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
    this.terminations = [];
  }
}
