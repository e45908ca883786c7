import type { ThrottlerStorage } from '@nestjs/throttler';

interface Counter {
  ttl: number;
  /** Start of the current window (a multiple of the ttl after the first call). */
  windowStart: number;
  current: number;
  previous: number;
  blockedUntil: number;
}

/** What `ThrottlerStorage.increment` resolves to (@nestjs/throttler does not export the type from its index). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Rate-limit counts in constant time and memory per key: a sliding-window counter (this window's calls plus the
 * previous window's, weighted by how much of it still lies within the last ttl). @nestjs/throttler's own storage
 * keeps one timestamp per call and filters them all on every call: with one household's TVs reporting thousands of
 * times a minute that was a third of the CPU of a progress report.
 */
export class SlidingWindowStorage implements ThrottlerStorage {
  private readonly counters = new Map<string, Counter>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    sweepEveryMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const id = `${throttlerName}:${key}`;
    let counter = this.counters.get(id);
    if (!counter) this.counters.set(id, (counter = { ttl, windowStart: now, current: 0, previous: 0, blockedUntil: 0 }));
    roll(counter, now);
    const timeToExpire = Math.ceil((counter.windowStart + ttl - now) / 1000);
    if (counter.blockedUntil > now) {
      return Promise.resolve({
        totalHits: hitsWithin(counter, now) + 1,
        timeToExpire,
        isBlocked: true,
        timeToBlockExpire: Math.ceil((counter.blockedUntil - now) / 1000),
      });
    }
    counter.current++;
    const totalHits = hitsWithin(counter, now);
    const isBlocked = totalHits > limit;
    if (isBlocked) counter.blockedUntil = now + (blockDuration > 0 ? blockDuration : ttl);
    return Promise.resolve({
      totalHits,
      timeToExpire,
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil((counter.blockedUntil - now) / 1000) : 0,
    });
  }

  /** Forgets keys with no call in the last two windows and no block left. */
  private sweep(): void {
    const now = this.now();
    for (const [id, counter] of this.counters) {
      roll(counter, now);
      if (counter.current === 0 && counter.previous === 0 && counter.blockedUntil <= now) this.counters.delete(id);
    }
  }
}

function roll(counter: Counter, now: number): void {
  const windowsPassed = Math.floor((now - counter.windowStart) / counter.ttl);
  if (windowsPassed <= 0) return;
  counter.previous = windowsPassed === 1 ? counter.current : 0;
  counter.current = 0;
  counter.windowStart += windowsPassed * counter.ttl;
}

/** Calls in the last ttl: all of this window's, and the share of the previous window still within it. */
function hitsWithin(counter: Counter, now: number): number {
  const previousShare = 1 - (now - counter.windowStart) / counter.ttl;
  return counter.current + Math.floor(counter.previous * previousShare);
}
