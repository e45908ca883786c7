/**
 * Coalesces writes per key and persists them in batches: a burst of updates to one row becomes one
 * write, and many rows share one transaction. Rows that fail to write are kept for the next flush
 * unless a newer version replaced them meanwhile.
 */
export class WriteBehind<T> {
  private pending = new Map<string, T>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly write: (rows: T[]) => Promise<void>,
    private readonly delayMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  put(key: string, row: T): void {
    this.pending.set(key, row);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.delayMs);
      this.timer.unref();
    }
  }

  /** The row waiting to be written under this key, if any. */
  peek(key: string): T | undefined {
    return this.pending.get(key);
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
    this.running = this.write([...batch.values()]).then(
      () => undefined,
      (error: unknown) => {
        for (const [key, row] of batch) if (!this.pending.has(key)) this.pending.set(key, row);
        this.onError(error);
        if (!this.timer) {
          this.timer = setTimeout(() => void this.flush(), this.delayMs);
          this.timer.unref();
        }
      },
    );
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }
}
