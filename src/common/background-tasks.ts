import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, type TimerHandle } from './clock.js';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Wait before the second try; each later wait doubles, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** About a minute of tries in all, then the task is given up. */
export const BACKGROUND_RETRY: RetryPolicy = { attempts: 6, firstDelayMs: 2000, maxDelayMs: 30_000 };

/** Thrown when every try failed; `cause` is the last failure. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`gave up after ${attempts} ${attempts === 1 ? 'try' : 'tries'}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RetriesExhaustedError';
  }
}

/**
 * Work that runs beside the request path and the timeline reports (played checks, play queue refreshes), each
 * with a bounded retry. The waits between tries are timers of the injected clock; `whenIdle` resolves once no
 * try is running (waiting is not running), so tests on fake time can drive it step by step. At shutdown the
 * waits are cancelled: a task waiting for its next try is dropped.
 */
@Injectable()
export class BackgroundTasks implements OnApplicationShutdown {
  private readonly running = new Set<Promise<unknown>>();
  private readonly waiting = new Set<TimerHandle>();
  private closed = false;

  constructor(private readonly clock: Clock) {}

  onApplicationShutdown(): void {
    this.closed = true;
    for (const timer of this.waiting) timer.cancel();
    this.waiting.clear();
  }

  /**
   * Runs `attempt` now, and again after a backoff while it throws an error `retryable` accepts, at most
   * `policy.attempts` times. Resolves with its result; rejects with the error itself when it is not retryable,
   * else with RetriesExhaustedError.
   */
  run<T>(attempt: () => Promise<T>, retryable: (error: unknown) => boolean, policy = BACKGROUND_RETRY): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const tryOnce = (tries: number): void => {
        this.track(attempt()).then(resolve, (error: unknown) => {
          if (!retryable(error)) reject(error instanceof Error ? error : new Error(String(error)));
          else if (tries >= policy.attempts) reject(new RetriesExhaustedError(tries, error));
          else if (!this.closed) this.later(() => tryOnce(tries + 1), delayAfter(policy, tries));
        });
      };
      tryOnce(1);
    });
  }

  private later(callback: () => void, ms: number): void {
    const timer = this.clock.setTimer(() => {
      this.waiting.delete(timer);
      callback();
    }, ms);
    this.waiting.add(timer);
  }

  /** Counts `work` as running until it settles. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  get idle(): boolean {
    return this.running.size === 0;
  }

  async whenIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

function delayAfter(policy: RetryPolicy, tries: number): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (tries - 1));
}
