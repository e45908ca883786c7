import autocannon from 'autocannon';

/** The states a player reports most of the time (`stopped` would end the session). */
const STATES = ['playing', 'playing', 'playing', 'playing', 'playing', 'playing', 'playing', 'playing', 'paused', 'buffering'];

export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers and connection errors. */
  failed: number;
}

export interface ProgressLoad {
  url: string;
  headers: Record<string, string>;
  sessionIds: readonly string[];
  connections: number;
}

/**
 * Progress calls at a fixed concurrency for a fixed time; each request goes to the next session with a new
 * position. Returns the raw run, to be merged with the other rounds against the same server.
 */
export async function driveProgress(load: ProgressLoad, seconds: number): Promise<autocannon.RawResult> {
  const paths = load.sessionIds.map((id) => `/api/v1/sessions/${id}/progress`);
  let sent = 0;
  return autocannon({
    url: load.url,
    connections: load.connections,
    duration: seconds,
    skipAggregateResult: true,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...load.headers },
        setupRequest: (request) => {
          const n = sent++;
          request.path = paths[n % paths.length];
          request.body = JSON.stringify({ state: STATES[n % STATES.length], positionMs: (n * 250) % 1_200_000 });
          return request;
        },
      },
    ],
  });
}

/** Requests per second over all rounds; latency percentiles of all their requests together. */
export function summarize(load: ProgressLoad, rounds: autocannon.RawResult[]): LoadFigures {
  const merged = autocannon.aggregateResult(rounds, { url: load.url, connections: load.connections });
  const ok = rounds.reduce((sum, r) => sum + r['2xx'], 0);
  const seconds = rounds.reduce((sum, r) => sum + r.duration, 0);
  return {
    requestsPerSecond: Math.round(ok / seconds),
    p50Ms: merged.latency.p50,
    p99Ms: merged.latency.p99,
    requests: rounds.reduce((sum, r) => sum + r.totalCompletedRequests, 0),
    failed: rounds.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  };
}
