import type { SchedulerRegistry } from '@nestjs/schedule';
import type { Clock, TimerHandle } from './clock.js';
import { DueQueue } from './due-queue.js';

/**
 * Keys falling due at times, with one timer for all of them (set for the earliest), registered under `name` with
 * @nestjs/schedule's registry. A key pushed again keeps its earlier entries: `onDue` gets each entry's time, and the
 * owner's own record says which one is current.
 */
export class DueTimer {
  private readonly due = new DueQueue();
  private timer: TimerHandle | undefined;
  private timerAt = Infinity;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly registry: SchedulerRegistry,
    private readonly name: string,
    private readonly onDue: (key: string, at: number) => void,
  ) {}

  push(key: string, at: number): void {
    this.due.push(key, at);
    this.arm();
  }

  /** No timer any more (shutdown). */
  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  private arm(): void {
    if (this.stopped) return;
    const next = this.due.peekTime();
    if (next === undefined || next >= this.timerAt) return;
    this.cancel();
    this.timerAt = next;
    this.timer = this.clock.setTimer(() => this.tick(), Math.max(0, next - this.clock.now()));
    if (this.timer.native) this.registry.addTimeout(this.name, this.timer.native);
  }

  private cancel(): void {
    this.timer?.cancel();
    this.forgetTimer();
  }

  private forgetTimer(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    if (this.registry.doesExist('timeout', this.name)) this.registry.deleteTimeout(this.name);
  }

  private tick(): void {
    this.forgetTimer();
    const now = this.clock.now();
    for (let due = this.due.popDue(now); due; due = this.due.popDue(now)) this.onDue(due.key, due.at);
    this.arm();
  }
}
