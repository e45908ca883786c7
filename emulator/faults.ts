export interface TimelineTermination {
  code: number;
  text: string;
  /** Only a report from this X-Plex-Client-Identifier is terminated. */
  clientIdentifier?: string;
}

/** Which requests a fault applies to: an exact decoded path or a pattern, and optionally one method. */
export interface RequestMatch {
  path?: string | RegExp;
  method?: string;
}

interface FailureRule extends RequestMatch {
  remaining: number;
  status: number;
}

interface SlowRule extends RequestMatch {
  ms: number;
}

function matches(rule: RequestMatch, method: string, path: string | undefined): boolean {
  if (rule.method !== undefined && rule.method !== method) return false;
  const wanted = rule.path;
  if (wanted === undefined) return true;
  if (path === undefined) return false;
  return typeof wanted === 'string' ? path === wanted : wanted.test(path);
}

/** Injected faults that answer requests differently (down/up live on the emulator: they need the listener). */
export class FaultState {
  latencyMs = 0;
  private failures: FailureRule[] = [];
  private slow: SlowRule[] = [];
  private terminations: TimelineTermination[] = [];

  /** The next `count` requests (to `path` only, when given: an exact path or a pattern) are answered `status`. */
  failNext(count: number, status = 500, path?: string | RegExp): void {
    this.failures = [{ remaining: count, status, path }];
  }

  /** Adds a failure rule beside the others: matching requests are answered `status`, `count` times (default: until reset). */
  fail(match: RequestMatch, status: number, count = Infinity): void {
    this.failures.push({ ...match, remaining: count, status });
  }

  /** Matching requests take effect at once but are answered `ms` late, until reset. */
  delay(match: RequestMatch, ms: number): void {
    this.slow.push({ ...match, ms });
  }

  /** How long to hold the answer to a request that was served. */
  delayFor(method: string, path: string | undefined): number {
    return this.slow.filter((rule) => matches(rule, method, path)).reduce((sum, rule) => sum + rule.ms, 0);
  }

  /** The status to answer a request with instead of serving it, consuming one failure of the first rule that matches. */
  takeFailure(method: string, path: string | undefined): number | undefined {
    const rule = this.failures.find((candidate) => candidate.remaining > 0 && matches(candidate, method, path));
    if (!rule) return undefined;
    rule.remaining--;
    return rule.status;
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
    this.failures = [];
    this.slow = [];
    this.terminations = [];
  }
}
