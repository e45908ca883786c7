import autocannon from 'autocannon';

/** Each session keeps one state: 8 in 10 play, 1 is paused, 1 buffers (`stopped` would end it). */
const STATES = ['playing', 'playing', 'playing', 'playing', 'playing', 'playing', 'playing', 'playing', 'paused', 'buffering'];
/** Where each session's position starts; with the run's length it stays within the shortest item of the load. */
const START_SPREAD_MS = 1_000_000;

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
  /** `Date.now()` when the sessions started playing: positions move on with the clock from there. */
  epoch: number;
}

/**
 * Progress calls at a fixed concurrency for a fixed time, each to the next session, as players report: the state
 * stays, the position of a playing session moves on with the clock (so the proxy sees neither a state change nor a
 * seek, which it would tell Plex at once), a paused or buffering one stays put. Returns the raw run, to be merged
 * with the other rounds against the same server.
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
          const session = sent++ % paths.length;
          const state = STATES[session % STATES.length];
          const startMs = (session * 5_000) % START_SPREAD_MS;
          const positionMs = state === 'playing' ? startMs + Date.now() - load.epoch : startMs;
          request.path = paths[session];
          request.body = JSON.stringify({ state, positionMs });
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
