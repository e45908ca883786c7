// autocannon ships no types; this declares the part of its programmatic API the benchmarks use.
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      /** Called before every send of this request; returns the request to send. */
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
    }

    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      /** Seconds to wait for an answer. */
      timeout?: number;
      pipelining?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      requests?: Request[];
      /** Resolve with a RawResult (histograms encoded) to be merged with others by aggregateResult. */
      skipAggregateResult?: boolean;
    }

    /** hdr-histogram summary; latency in milliseconds (integers), requests and throughput per second. */
    interface Histogram {
      average: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p2_5: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
      p99_9: number;
    }

    interface Result {
      /** Seconds. */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      latency: Histogram;
      requests: Histogram & { sent: number };
      throughput: Histogram;
      statusCodeStats: Record<string, { count: number }>;
    }

    /** One run's counts with its histograms still encoded (`skipAggregateResult`). */
    interface RawResult {
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      totalCompletedRequests: number;
    }

    interface Instance<R> extends PromiseLike<R> {
      stop(): void;
    }

    /** Merges runs made with `skipAggregateResult` (their latency histograms are added together). */
    function aggregateResult(results: RawResult[], options: { url: string; connections?: number }): Result;
  }

  function autocannon(options: autocannon.Options & { skipAggregateResult: true }): autocannon.Instance<autocannon.RawResult>;
  function autocannon(options: autocannon.Options): autocannon.Instance<autocannon.Result>;
  export = autocannon;
}
