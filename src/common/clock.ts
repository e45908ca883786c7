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
