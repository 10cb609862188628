/**
 * What changed on the page and is still to read, coalesced: a node changed a hundred times is read once.
 * Taken newest first (a new error is what a person is looking at) and, so that nothing starves under a
 * steady stream of changes, oldest first for a share of the time. It never drops a change: past `max`
 * distinct nodes it collapses into one "read everything again" (`overflowed`), which the watcher answers
 * with a sweep of the whole page. Pure: tested in Node.
 */
export class ChangeQueue<T> {
  /** Each queued item and the stamp of its latest add; entries in `items` with another stamp are stale. */
  private readonly stamps = new Map<T, number>();
  private items: T[] = [];
  private itemStamps: number[] = [];
  /** Where the oldest live entry may be. */
  private head = 0;
  private stamp = 0;
  private collapsed = false;

  constructor(private readonly max: number) {}

  get size(): number {
    return this.stamps.size;
  }

  /** True once the queue collapsed into "read everything", until `takeOverflow`. */
  get overflowed(): boolean {
    return this.collapsed;
  }

  has(item: T): boolean {
    return this.stamps.has(item);
  }

  /** Queues `item`, or moves it to the newest end if it is queued already. */
  add(item: T): void {
    if (this.collapsed) return; // everything will be read again anyway
    const stamp = ++this.stamp;
    this.stamps.set(item, stamp);
    this.items.push(item);
    this.itemStamps.push(stamp);
    if (this.stamps.size > this.max) {
      this.clear();
      this.collapsed = true;
    } else if (this.items.length - this.head > 2 * this.stamps.size + 64) this.compact();
  }

  takeNewest(): T | undefined {
    const { items, itemStamps } = this;
    while (items.length > this.head) {
      const item = items.pop()!;
      const stamp = itemStamps.pop()!;
      if (this.stamps.get(item) === stamp) {
        this.stamps.delete(item);
        return item;
      }
    }
    this.reset();
    return undefined;
  }

  takeOldest(): T | undefined {
    const { items, itemStamps } = this;
    while (this.head < items.length) {
      const item = items[this.head];
      const stamp = itemStamps[this.head];
      this.head++;
      if (this.stamps.get(item) === stamp) {
        this.stamps.delete(item);
        if (this.head > 1024 && this.head * 2 > items.length) this.compact();
        return item;
      }
    }
    this.reset();
    return undefined;
  }

  /** Says whether the queue had collapsed, and starts afresh. */
  takeOverflow(): boolean {
    const was = this.collapsed;
    this.collapsed = false;
    return was;
  }

  clear(): void {
    this.stamps.clear();
    this.reset();
  }

  private reset(): void {
    this.items = [];
    this.itemStamps = [];
    this.head = 0;
  }

  /** Drops stale entries, keeping the order of the live ones. */
  private compact(): void {
    const items: T[] = [];
    const stamps: number[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      if (this.stamps.get(this.items[i]) === this.itemStamps[i]) {
        items.push(this.items[i]);
        stamps.push(this.itemStamps[i]);
      }
    }
    this.items = items;
    this.itemStamps = stamps;
    this.head = 0;
  }
}
