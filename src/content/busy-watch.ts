import type { Budget } from './budget';
import type { AroundPage, Clock } from './ports';

/**
 * When a region too busy to observe change by change is watched around instead of inside, and for how
 * long: the busy region's policies, with no page in sight (the page side finds the region and moves the
 * observers). A region that changes thousands of times a second (a live grid) would cost the page more to
 * observe than the budget allows, in the browser's own bookkeeping of each change. While watched around,
 * its text is looked over a few times a second in one native call, for any error text's longest part, and
 * the region is read properly when that changes (still never blind); full watching is tried again later,
 * at growing intervals.
 */

/** More changes a second than this means a region of the page is too busy to observe change by change... */
const HOT_RECORDS = 5000;
/** ...and so does noting changes costing more than this many milliseconds a second (the noting budget). */
export const NOTING_BUDGET = 5;
/**
 * A busy region, watched around, has its text looked over this often at least: taken whole, folded and
 * searched for any error text's longest literal part. Only when what it holds changes is the region read
 * properly, with its element edges. An error inside it waits about this long.
 */
const HOT_CHECK_MS = 300;
/** The look-over is spaced so that it costs at most this share of the main thread (a bigger region, less often). */
const HOT_CHECK_SHARE = 0.003;
/**
 * A busy region that holds an error text is also read whole this often: an occurrence hidden at first is
 * seen once it shows. One that holds none has nothing to find (its shadow roots are watched on their own).
 */
const HOT_POLL_MS = 6000;
/** Full watching is tried again after this long, then twice as long each time it is still too busy. */
const HOT_RETRY_MS = 10_000;
const HOT_RETRY_MAX_MS = 160_000;

/** What watching around asks of the reading scheduler. */
export interface AroundReading<N> {
  /** Reads `region` now, like an error place. */
  readNow(region: N): void;
  /** Reads `region` whole in idle slices, unless such a read is under way. */
  readWhole(region: N): void;
  /** Reads `region` once more in idle time, as a change in place. */
  readLater(region: N): void;
  /** Records the cost of looking over, from `started` until now, as noting's. */
  noted(started: number): void;
}

export class BusyWatch<N> {
  /** Changes counted in the current second. */
  private rate = { since: 0, count: 0 };
  /** The region watched around, and its timers: look-overs, whole reads, the next try at full watching. */
  private hot: N | null = null;
  private poll = 0;
  private check = 0;
  private retry = 0;
  private retryMs = HOT_RETRY_MS;
  /** The anchors the region held at the last look-over, and what the last few look-overs cost. */
  private anchors = '';
  private costs: number[] = [];
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly side: AroundPage<N>,
    private readonly reading: AroundReading<N>,
    private readonly noting: Budget,
  ) {}

  stop(): void {
    this.stopped = true;
    for (const timer of [this.poll, this.check, this.retry]) this.clock.cancel(timer);
  }

  /** Changes noted at `now`: a page making too many a second, or making noting them cost too much, is watched around. */
  count(now: number, changes: number): void {
    if (now - this.rate.since > 1000) {
      const hot = this.rate.count > HOT_RECORDS || this.noting.spent(now) > NOTING_BUDGET;
      this.rate = { since: now, count: 0 };
      if (hot && !this.hot) this.clock.after(() => this.watchAround(), 0);
    }
    this.rate.count += changes;
  }

  /** Stops observing inside the busy region: observes around it, looks it over, reads it whole now and then. */
  private watchAround(): void {
    const { clock } = this;
    const region = this.stopped ? null : this.side.watchAround();
    if (!region) return;
    this.hot = region;
    this.anchors = '';
    this.costs = [];
    const pollAgain = () => {
      this.poll = clock.after(pollAgain, HOT_POLL_MS);
      if (this.anchors) this.rereadBusy();
    };
    this.poll = clock.after(pollAgain, HOT_POLL_MS);
    this.check = clock.after(() => this.lookOver(), HOT_CHECK_MS);
    this.retry = clock.after(() => this.watchAll(), this.retryMs);
  }

  /**
   * Looks the busy region's text over for any error text's anchor; reads the region at once when the
   * anchors it holds changed (an error appeared among the cells). Spaced by what it costs.
   */
  private lookOver(): void {
    const region = this.hot;
    if (!region || this.stopped || !this.side.isConnected(region)) return;
    const started = this.clock.now();
    const anchors = this.side.lookOver(region);
    if (anchors === null) {
      this.anchors = 'too long to look over'; // left to the whole reads, every HOT_POLL_MS
      return;
    }
    const cost = this.clock.now() - started;
    // it stands in for observing the region: its cost is noting's, and leaves reading's budgets alone
    this.reading.noted(started);
    if (anchors !== this.anchors) {
      this.anchors = anchors;
      // an error text appeared: the region is read now, like an error place (the rest in idle slices)
      if (anchors) this.reading.readNow(region);
    }
    // spaced by its usual cost (the median of the last few), not by one slow look during a load or a collection
    this.costs = [...this.costs.slice(-4), cost];
    const usual = [...this.costs].sort((a, b) => a - b)[this.costs.length >> 1];
    this.check = this.clock.after(() => this.lookOver(), Math.max(HOT_CHECK_MS, usual / HOT_CHECK_SHARE));
  }

  private rereadBusy(): void {
    const region = this.hot;
    if (!region || !this.side.isConnected(region)) return this.watchAll();
    this.reading.readWhole(region);
  }

  /** Tries watching everything again; a page still as busy sends the watcher around its region again, later. */
  private watchAll(): void {
    const { clock } = this;
    for (const timer of [this.poll, this.check, this.retry]) clock.cancel(timer);
    const region = this.hot;
    this.hot = null;
    this.side.watchAll();
    this.retryMs = Math.min(HOT_RETRY_MAX_MS, this.retryMs * 2);
    this.rate = { since: clock.now(), count: 0 };
    if (region && this.side.isConnected(region)) this.reading.readLater(region);
  }
}
