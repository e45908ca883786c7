import { Injectable } from '@nestjs/common';

/** Time as a dependency: services ask the clock, tests give them a fake one. */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}

/** A clock that only moves when told to. */
export class FakeClock extends Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {
    super();
  }

  override now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
