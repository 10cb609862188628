/**
 * The watcher's share of the main thread over a rolling second, kept in fixed buckets so the accounting
 * itself costs the same however busy the page is. Pure: the caller passes the clock.
 */

/** The rolling window: budgets are per second of main thread. */
const WINDOW_MS = 1000;
/** Bucket width: fine enough that spending frees up within a twentieth of a second of the window. */
const BUCKET_MS = 50;
const BUCKETS = WINDOW_MS / BUCKET_MS;

export class Budget {
  private readonly ms = new Float64Array(BUCKETS);
  /** The bucket number (time / BUCKET_MS) each slot last held. */
  private readonly slot = new Float64Array(BUCKETS).fill(-1);

  /** Records `ms` of work ending at `now`. */
  spend(now: number, ms: number): void {
    const n = Math.floor(now / BUCKET_MS);
    const i = n % BUCKETS;
    if (this.slot[i] !== n) {
      this.slot[i] = n;
      this.ms[i] = 0;
    }
    this.ms[i] += Math.max(0, ms);
  }

  /** Milliseconds spent in the second up to `now`. */
  spent(now: number): number {
    const n = Math.floor(now / BUCKET_MS);
    let total = 0;
    for (let i = 0; i < BUCKETS; i++) if (this.slot[i] > n - BUCKETS) total += this.ms[i];
    return total;
  }

  /** Milliseconds left under `limit` in the second up to `now` (zero or more). */
  left(now: number, limit: number): number {
    return Math.max(0, limit - this.spent(now));
  }

  /** How long until at least `needed` ms are free under `limit`, given nothing more is spent. */
  waitFor(now: number, limit: number, needed: number): number {
    const n = Math.floor(now / BUCKET_MS);
    let free = this.left(now, limit);
    if (free >= needed) return 0;
    // buckets fall out of the window oldest first
    for (let age = BUCKETS - 1; age >= 0; age--) {
      const b = n - age;
      const i = ((b % BUCKETS) + BUCKETS) % BUCKETS;
      if (this.slot[i] === b) free += this.ms[i];
      if (free >= needed) return (b + BUCKETS) * BUCKET_MS - now;
    }
    return WINDOW_MS;
  }
}
