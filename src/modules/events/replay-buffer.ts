/** An event with the id a stream gives it. */
export interface Numbered<T> {
  readonly id: string;
  readonly event: T;
}

/**
 * The last `capacity` events of one stream, each with an id that only grows: `<epoch>-<sequence>`, where the epoch
 * is the process's start, so an id from before a restart is recognised as unknown rather than confused with a new one.
 */
export class ReplayBuffer<T> {
  private readonly entries: (Numbered<T> & { seq: number })[] = [];
  private head = 0;
  private seq = 0;

  constructor(
    private readonly epoch: string,
    private readonly capacity: number,
  ) {}

  /** The id of the newest event (a resync carries it, so a client reconnecting after one misses nothing). */
  get lastId(): string {
    return `${this.epoch}-${this.seq}`;
  }

  append(event: T): Numbered<T> {
    const entry = { id: `${this.epoch}-${++this.seq}`, seq: this.seq, event };
    if (this.entries.length < this.capacity) this.entries.push(entry);
    else {
      this.entries[this.head] = entry;
      this.head = (this.head + 1) % this.capacity;
    }
    return entry;
  }

  /**
   * The events after `lastEventId`, oldest first; 'resync' when what came after it is no longer all here (too old, or
   * an id of another epoch or not one of ours).
   */
  since(lastEventId: string): Numbered<T>[] | 'resync' {
    const match = /^([a-z0-9]+)-(\d{1,15})$/.exec(lastEventId);
    if (!match || match[1] !== this.epoch) return 'resync';
    const after = Number(match[2]);
    if (after > this.seq) return 'resync';
    const oldest = this.seq - this.entries.length + 1;
    if (after < oldest - 1) return 'resync';
    const ordered = [...this.entries.slice(this.head), ...this.entries.slice(0, this.head)];
    return ordered.slice(after - oldest + 1);
  }
}
