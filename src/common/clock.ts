import { Injectable } from '@nestjs/common';

export interface TimerHandle {
  cancel(): void;
  /** The Node timer behind it, when there is one (not with a fake clock). */
  native?: NodeJS.Timeout;
}

/** Time as a dependency: services ask the clock for the time and for timers; tests give them a fake one. */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }

  /** Runs `callback` once after `ms`; the timer does not keep the process alive. */
  setTimer(callback: () => void, ms: number): TimerHandle {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer), native: timer };
  }
}

/** A clock that only moves when told to; `advance` fires the timers that fall due, in order. */
export class FakeClock extends Clock {
  private timers: { at: number; seq: number; callback: () => void }[] = [];
  private seq = 0;

  constructor(private current = Date.UTC(2026, 0, 1)) {
    super();
  }

  override now(): number {
    return this.current;
  }

  override setTimer(callback: () => void, ms: number): TimerHandle {
    const timer = { at: this.current + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }

  /** Moves time forward by `ms`, firing due timers and letting the promises they start settle. */
  async advance(ms: number): Promise<void> {
    const end = this.current + ms;
    for (;;) {
      await settle();
      const next = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.timers = this.timers.filter((t) => t !== next);
      this.current = next.at;
      next.callback();
    }
    this.current = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
