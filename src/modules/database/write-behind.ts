import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * Rows written by one statement. A flush of a few hundred rows in one TypeORM upsert blocked the event loop for
 * 15–40 ms on the 2-core bench machine, which every request in flight waited for; chunks of this size take a few
 * ms each, with requests served in between.
 */
export const WRITE_CHUNK_ROWS = 25;

/**
 * Coalesces writes per key and persists them in batches: a burst of updates to one row becomes one
 * write, and many rows share one flush. Rows that fail to write are kept for the next flush
 * unless a newer version replaced them meanwhile.
 */
export class WriteBehind<T> {
  private pending = new Map<string, T>();
  /** The batch being written: still the latest version of its rows until they are stored. */
  private writing: Map<string, T> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly write: (rows: T[]) => Promise<void>,
    private readonly delayMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly chunkRows = WRITE_CHUNK_ROWS,
  ) {}

  put(key: string, row: T): void {
    this.pending.set(key, row);
    this.schedule();
  }

  /** The row waiting to be written (or being written) under this key, if any. */
  peek(key: string): T | undefined {
    return this.pending.get(key) ?? this.writing?.get(key);
  }

  /** Every row waiting to be written or being written (the latest version of each). */
  *unwritten(): IterableIterator<T> {
    for (const [key, row] of this.writing ?? []) if (!this.pending.has(key)) yield row;
    yield* this.pending.values();
  }

  get size(): number {
    return this.pending.size;
  }

  /** Writes everything pending now; resolves when it is stored (or failed and was kept for later). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.writing = batch;
    this.running = this.writeInChunks(batch);
    try {
      await this.running;
    } finally {
      this.running = undefined;
      this.writing = undefined;
    }
  }

  private async writeInChunks(batch: Map<string, T>): Promise<void> {
    const entries = [...batch];
    for (let start = 0; start < entries.length; start += this.chunkRows) {
      if (start > 0) await yieldToEventLoop();
      try {
        await this.write(entries.slice(start, start + this.chunkRows).map(([, row]) => row));
      } catch (error) {
        for (const [key, row] of entries.slice(start)) if (!this.pending.has(key)) this.pending.set(key, row);
        this.onError(error);
        this.schedule();
        return;
      }
    }
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    this.timer.unref();
  }
}
