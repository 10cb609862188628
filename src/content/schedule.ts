import { Budget } from './budget';
import { BusyWatch } from './busy-watch';
import type { Clock, IdleTime, PageSide, Walk } from './ports';
import { ChangeQueue } from './queue';

/**
 * When the watcher reads what, and how much: its policies, with no page in sight. The page side (observers,
 * error places, reading: see watcher.ts) notes changes here and is asked to read them; time comes through a
 * `Clock`, so every policy runs the same on a fake clock in Node.
 * - Changes are sorted in the task that notes them (the observer's): error places are read there and then,
 *   before the browser can draw a frame, so a tip lands in the same frame as the error.
 * - Every other change joins a coalescing queue (a node changed a hundred times is read once), read in idle
 *   slices: new content (an element added, text put where there was none: a late error) before content
 *   replaced or edited in place (a live table's cells, a chart redrawn every frame), newest first with a
 *   share for the oldest, and a share of each slice for half-read subtrees and the page's sweep, so
 *   nothing starves; a node read again within REREAD_GAP waits out the gap.
 * - Work is accounted over a rolling second, 2 % in all, in three parts: noting and sorting changes
 *   (NOTING_BUDGET: a page that makes it cost more gets its busiest region watched around, see
 *   busy-watch.ts), reading error places (URGENT_BUDGET, plus whatever idle reading left unused; a place
 *   never read before, a toast just shown, may overdraw it by FIRST_READ_BUDGET, so that a live region read
 *   all the time, or a loaded machine, never keeps it waiting) and idle reading (IDLE_BUDGET). Over budget,
 *   reading waits: it is never dropped. A queue outgrowing its bound becomes one sliced re-read of the page.
 */

/**
 * Milliseconds of work per rolling second, 2 % of the main thread all told, in three parts so that no kind
 * of work can starve another: noting and sorting changes (NOTING_BUDGET, in busy-watch.ts), reading error
 * places at once...
 */
const URGENT_BUDGET = 7;
/** Error places never read before (a toast just shown) may go over URGENT_BUDGET by this much a second. */
const FIRST_READ_BUDGET = 4;
/** ...and reading everything else in idle slices (under 1 %). */
const IDLE_BUDGET = 8;
/** The longest idle slice: short enough that a key press waiting behind it is not felt. */
const IDLE_SLICE = 4;
/** The longest read of error places in one flush; the rest goes on in the next task. */
const URGENT_SLICE = 6;
/** An idle slice is forced this long after it was asked for, so a page that is never idle is still read. */
const IDLE_TIMEOUT = 250;
/** Distinct changed nodes queued before the queue collapses into a re-read of the page. */
const MAX_QUEUED = 20_000;
/** Raw changes noted between two flushes before they collapse the same way. */
const MAX_FRESH = 50_000;
/** Subtrees left half-read (too big for a slice), before they too collapse into a re-read. */
const MAX_WALKS = 500;
/** One of this many reads from the queue takes its oldest change instead of its newest. */
const OLDEST_SHARE = 4;
/**
 * A node queued again less than this long after it was last read waits out the rest: a chart redrawn on
 * every frame is read a few times a second, not sixty, and an error that appears in it waits this long.
 */
const REREAD_GAP = 250;
/**
 * Route changes and a removed extension are looked for at most this often while only ordinary changes come
 * in (a live page makes hundreds of flushes a second); always before an error place is read.
 */
const TICK_MS = 100;
/** A visibility re-check waits for the next frame, or this long where no frames are drawn. */
const RECHECK_FALLBACK = 100;

export class Scheduler<N extends object, W extends Walk<N> = Walk<N>> {
  /** What reading error places costs (and its overdraft), what noting and sorting changes costs, and idle reading. */
  private readonly urgentBudget = new Budget();
  private readonly firstReadBudget = new Budget();
  private readonly notingBudget = new Budget();
  private readonly idleBudget = new Budget();
  private readonly placesRead = new WeakSet<N>(); // error places read at least once: never on the overdraft
  /** Changes noted since the last flush, not yet sorted; with whether each is new content. */
  private fresh: N[] = [];
  private freshIsNew: boolean[] = [];
  /** Error places to read in the next flush. */
  private readonly urgent = new Set<N>();
  /** Where new content went in: an element added, text put where there was none, something shown. */
  private readonly recent = new ChangeQueue<N>(MAX_QUEUED);
  /** Where content was replaced or edited in place: what a live page keeps doing. */
  private readonly churning = new ChangeQueue<N>(MAX_QUEUED);
  /** When each node was last read from the queues; nodes waiting out REREAD_GAP, with the queue each goes back to. */
  private readonly lastRead = new WeakMap<N, number>();
  private readonly resting = new Map<N, ChangeQueue<N>>();
  private restTimer = 0;
  /** Subtrees too large to read in one slice, read on in the next ones. */
  private readonly walks: W[] = [];
  /** A read of the whole page: at start, after the options widen, after the queue collapsed. */
  private sweep: W | null = null;
  /** Whether the sweep counts against the budget (a page's churn made it) or is a one-off read in idle time. */
  private sweepCounts = false;
  /** Time spent showing tips since the last accounting: not the watcher's work (see `untimed`). */
  private showing = 0;
  private visibilityChanged = false;
  private lastTick = -Infinity;
  private flushQueued = false;
  private idleSlice = 0;
  private idleTimer = 0;
  private flushTimer = 0;
  private recheckTimer = 0;
  private stopped = false;
  /** Watching around a region too busy to observe. */
  private readonly busy: BusyWatch<N>;

  constructor(
    private readonly clock: Clock,
    private readonly page: PageSide<N, W>,
  ) {
    const reading = {
      readNow: (region: N) => {
        this.urgent.add(region);
        this.requestFlush();
      },
      readWhole: (region: N) => {
        if (this.walks.some((w) => w.root === region)) return;
        this.walks.push(page.walk(region));
        this.scheduleIdle();
      },
      readLater: (region: N) => {
        this.churning.add(region);
        this.scheduleIdle();
      },
      noted: (started: number) => this.account(this.notingBudget, started),
    };
    this.busy = new BusyWatch(clock, page, reading, this.notingBudget);
  }

  /** Stops every timer and forgets all work. */
  stop(): void {
    this.stopped = true;
    this.busy.stop();
    for (const timer of [this.flushTimer, this.idleTimer, this.recheckTimer, this.restTimer]) this.clock.cancel(timer);
    if (this.idleSlice) this.clock.cancelIdle(this.idleSlice);
    this.resting.clear();
    this.fresh = [];
    this.freshIsNew = [];
    this.urgent.clear();
    this.recent.clear();
    this.churning.clear();
    this.sweep = null;
    this.walks.length = 0;
  }

  /** A change, to sort in the next flush. */
  note(node: N, isNew: boolean): void {
    if (this.fresh.length >= MAX_FRESH) {
      // more changes than a flush can sort: read the whole page again instead of keeping each
      this.fresh = [];
      this.freshIsNew = [];
      this.startSweep();
    }
    this.fresh.push(node);
    this.freshIsNew.push(isNew);
  }

  /** An error place, read in this flush or the next. */
  readSoon(node: N): void {
    this.urgent.add(node);
  }

  /** An ordinary change, read in idle slices. */
  queue(node: N, isNew: boolean): void {
    (isNew ? this.recent : this.churning).add(node);
  }

  /** The whole page is to be read: a one-off read in idle time (at start, after the options widen). */
  readPage(): void {
    this.sweep = this.page.walk();
    this.sweepCounts = false;
  }

  /** A class, style, `hidden` or `open` changed: an occurrence may have become visible. */
  visibilityMayChange(): void {
    this.visibilityChanged = true;
  }

  /** Changes noted by an observer callback at `now`: a page making too many a second gets watched around. */
  count(now: number, changes: number): void {
    this.busy.count(now, changes);
  }

  /** Noting changes took from `started` until now. */
  noted(started: number): void {
    this.account(this.notingBudget, started);
  }

  /** Runs `show` (a tip) without holding its time against the budgets: bounded by the tips themselves. */
  untimed(show: () => void): void {
    const started = this.clock.now();
    show();
    this.showing += this.clock.now() - started;
  }

  requestFlush(): void {
    if (this.flushQueued || this.stopped) return;
    this.flushQueued = true;
    this.clock.task(() => this.flush());
  }

  /** Sorts what was noted and reads error places now, within their budget; asks for idle time for the rest. */
  flush(): void {
    this.flushQueued = false;
    if (this.stopped) return;
    const sorting = this.clock.now();
    const { fresh, freshIsNew } = this;
    this.fresh = [];
    this.freshIsNew = [];
    this.page.sort(fresh, freshIsNew);
    this.account(this.notingBudget, sorting);
    const started = this.clock.now();
    if (this.urgent.size || started - this.lastTick > TICK_MS) this.tick(started);
    if (this.stopped) return;
    if (this.visibilityChanged) this.recheckSoon();
    this.readUrgent(started);
    if (this.idleWork) this.scheduleIdle();
  }

  private tick(now: number): void {
    this.lastTick = now;
    this.page.tick();
  }

  private get idleWork(): boolean {
    return this.recent.size > 0 || this.churning.size > 0 || this.recent.overflowed || this.churning.overflowed || this.walks.length > 0 || this.sweep !== null;
  }

  /** Reads error places, within the budget (first reads also on their overdraft); what is left waits for the next flush. */
  private readUrgent(started: number): void {
    // its own half, and whatever idle reading left of the other
    const limit = Math.max(URGENT_BUDGET, URGENT_BUDGET + IDLE_BUDGET - this.idleBudget.spent(started));
    const left = this.urgent.size ? this.urgentBudget.left(started, limit) : 0;
    if (left > 0) this.readPlaces(started + Math.min(URGENT_SLICE, left), false);
    this.account(this.urgentBudget, started);
    if (!this.urgent.size) return;
    if (left > 0) return this.retryFlush(0);
    const overdraft = this.firstReadBudget.left(started, FIRST_READ_BUDGET);
    if (overdraft > 0) {
      const from = this.clock.now();
      this.readPlaces(from + Math.min(URGENT_SLICE, overdraft), true);
      this.account(this.firstReadBudget, from);
    }
    if (this.urgent.size) this.retryFlush(this.urgentBudget.waitFor(this.clock.now(), URGENT_BUDGET, URGENT_SLICE));
  }

  /** Reads the error places waiting (`firstOnly`: those never read before) until `deadline`, then matches. */
  private readPlaces(deadline: number, firstOnly: boolean): void {
    for (const node of this.urgent) {
      if (firstOnly && this.placesRead.has(node)) continue;
      this.urgent.delete(node);
      this.placesRead.add(node);
      this.readInto(node, deadline);
      if (this.clock.now() > deadline || this.page.full) break;
    }
    this.page.match();
  }

  private retryFlush(delay: number): void {
    this.clock.cancel(this.flushTimer);
    this.flushTimer = this.clock.after(() => this.requestFlush(), delay);
  }

  /** Reads `node` into the buffer; a subtree too big for the deadline goes on in idle slices. */
  private readInto(node: N, deadline: number): void {
    const walk = this.page.read(node, deadline);
    if (!walk) return;
    if (this.walks.length < MAX_WALKS) this.walks.push(walk);
    else this.startSweep();
  }

  /**
   * Asks for an idle slice, at once or after `delay` (the budget's wait). While such a wait runs, more work
   * joins it instead of asking sooner: a page changing every frame would otherwise wake the reader every
   * frame only for it to find the budget spent.
   */
  private scheduleIdle(delay = 0): void {
    if (this.idleSlice || this.idleTimer || this.stopped) return;
    if (delay > 0) {
      this.idleTimer = this.clock.after(() => {
        this.idleTimer = 0;
        this.scheduleIdle();
      }, delay);
      return;
    }
    this.idleSlice = this.clock.idle((deadline) => this.onIdle(deadline), IDLE_TIMEOUT);
  }

  private onIdle(deadline: IdleTime | null): void {
    this.idleSlice = 0;
    if (this.stopped) return;
    const { clock } = this;
    const started = clock.now();
    if (started - this.lastTick > TICK_MS) this.tick(started);
    if (this.stopped) return;
    if (this.recent.takeOverflow() || this.churning.takeOverflow()) this.startSweep();
    const room = Math.min(IDLE_SLICE, deadline && !deadline.didTimeout ? deadline.timeRemaining() : IDLE_SLICE);
    const allowed = Math.min(room, this.idleBudget.left(started, IDLE_BUDGET));
    const trulyIdle = deadline !== null && !deadline.didTimeout;
    // the one-off read of the page shares the budget only where the browser is never idle
    const sweepHere = this.sweep !== null && (this.sweepCounts || !trulyIdle);
    if (allowed > 0.5) {
      const end = started + allowed;
      // each kind of work gets a share of what is left; a kind with nothing to do leaves its share to the next
      const share = (part: number) => clock.now() + (end - clock.now()) * part;
      this.readQueued(this.recent, share(0.6));
      this.readQueued(this.churning, share(this.walks.length || sweepHere ? 0.5 : 1));
      const walksEnd = share(sweepHere ? 0.5 : 1);
      while (this.walks.length && clock.now() < walksEnd) this.readOn(walksEnd);
      if (sweepHere && clock.now() < end) this.readSweep(end);
      this.account(this.idleBudget, started);
    }
    // a one-off read of the whole page (at start, after the options widen) may also use time the browser
    // calls idle without counting it: a long page would otherwise take minutes to read
    if (this.sweep && !this.sweepCounts && trulyIdle) {
      const end = clock.now() + Math.min(IDLE_SLICE, deadline.timeRemaining());
      if (clock.now() < end) this.readSweep(end);
    }
    if (this.idleWork) this.scheduleIdle(this.idleBudget.waitFor(clock.now(), IDLE_BUDGET, 1));
  }

  /** Reads queued changes, newest first (and now and then the oldest), into one buffer, then matches. */
  private readQueued(queue: ChangeQueue<N>, end: number): void {
    const { clock, page } = this;
    if (!queue.size || clock.now() >= end) return;
    let n = 0;
    const now = clock.now();
    while (queue.size && !page.full) {
      const node = ++n % OLDEST_SHARE === 0 ? queue.takeOldest() : queue.takeNewest();
      if (node && !this.rests(node, queue, now)) this.readInto(node, end);
      if ((n & 7) === 0 && clock.now() > end) break;
    }
    page.match();
  }

  /** Whether `node` was read too lately to read again now: it then waits out REREAD_GAP, and goes back to `queue`. */
  private rests(node: N, queue: ChangeQueue<N>, now: number): boolean {
    const last = this.lastRead.get(node);
    if (last === undefined || now - last >= REREAD_GAP) {
      this.lastRead.set(node, now);
      return false;
    }
    this.resting.set(node, queue);
    if (!this.restTimer) {
      this.restTimer = this.clock.after(() => {
        this.restTimer = 0;
        for (const [rested, back] of this.resting) back.add(rested);
        this.resting.clear();
        this.scheduleIdle();
      }, last + REREAD_GAP - now);
    }
    return true;
  }

  /** One slice of the oldest half-read subtree; dropped once read. */
  private readOn(end: number): void {
    const walk = this.walks[0];
    this.page.readOn(walk, end);
    if (walk.done) this.walks.shift();
  }

  private readSweep(end: number): void {
    this.page.readOn(this.sweep!, end);
    if (this.sweep!.done) {
      this.sweep = null;
      this.sweepCounts = false;
    }
  }

  /** Everything is read again from the top, in slices that count against the budget. */
  private startSweep(): void {
    this.walks.length = 0;
    this.resting.clear();
    this.recent.clear();
    this.churning.clear();
    this.sweep = this.page.walk();
    this.sweepCounts = true;
    this.scheduleIdle();
  }

  /** Records work that started at `started`, less the time spent showing tips meanwhile. */
  private account(budget: Budget, started: number): void {
    const now = this.clock.now();
    budget.spend(now, now - started - this.showing);
    this.showing = 0;
  }

  /** Visibility is checked once per frame at most, just before it is drawn (a page animating styles changes them every frame). */
  private recheckSoon(): void {
    this.visibilityChanged = false;
    if (this.recheckTimer || !this.page.sighted) return;
    // before the next frame is drawn; a page in the background draws no frames, hence the timer too
    const once = () => {
      if (!this.recheckTimer) return;
      this.clock.cancel(this.recheckTimer);
      this.recheckTimer = 0;
      if (this.stopped) return;
      const started = this.clock.now();
      this.page.recheck();
      this.account(this.urgentBudget, started);
    };
    this.recheckTimer = this.clock.after(once, RECHECK_FALLBACK);
    this.clock.frame(once);
  }
}
