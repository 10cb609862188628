import { F_BLOCK, TextBuffer } from '../matcher/buffer';
import type { Hit, Matcher } from '../matcher/matcher';
import { Budget } from './budget';
import { FIELD_ATTRIBUTES, FIELD_SELECTOR, NAMED_PLACE_SELECTOR, PLACE_SELECTOR, namedErrorIds } from './places';
import { ChangeQueue } from './queue';
import { TextWalker, boxEdgeBetween, insideSkipped, type WalkHooks } from './walk';

/**
 * Watches a document for text that may hold a known error, without slowing the page and without ever
 * going blind:
 * - the MutationObserver callback notes what changed and sorts it at once: changes inside error places
 *   (see places.ts) are read there and then, before the browser can draw a frame, so a tip lands in the
 *   same frame as the error;
 * - every other change joins a coalescing queue (a node changed a hundred times is read once), read in idle
 *   slices: new content (an element added, text put where there was none: a late error) before content
 *   replaced or edited in place (a live table's cells, a chart redrawn every frame), newest first with a
 *   share for the oldest, and a share of each slice for half-read subtrees and the page's sweep, so
 *   nothing starves; a node read again within REREAD_GAP waits out the gap (a chart redrawn every frame);
 * - work is accounted over a rolling second, 2 % in all, in three parts: noting and sorting changes
 *   (NOTING_BUDGET: a page that makes it cost more gets its busiest region watched around, see below),
 *   reading error places (URGENT_BUDGET, plus whatever idle reading left unused) and idle reading
 *   (IDLE_BUDGET). Over budget, reading waits: it is never dropped. A queue that outgrows its bound collapses
 *   into one re-read of the whole page, sliced the same way.
 * A region that changes thousands of times a second (a live grid) would cost the page more to observe than
 * the budget allows, in the browser's own bookkeeping of each change: it is then watched around instead of
 * inside. Its text is looked over a few times a second in one native call, for any error text's longest
 * part, and the region is read properly when that changes (still never blind); full watching is tried
 * again later, at growing intervals.
 * Shadow roots are observed as they are met while reading or announced (attachShadow, by the page-world
 * script); announcements are changes like any other. Everything hangs off one AbortSignal.
 */

/**
 * Milliseconds of work per rolling second, 2 % of the main thread all told, in three parts so that no kind
 * of work can starve another: noting and sorting changes...
 */
export const NOTING_BUDGET = 5;
/** ...reading error places at once... */
export const URGENT_BUDGET = 7;
/** ...and reading everything else in idle slices (under 1 %). */
export const IDLE_BUDGET = 8;
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
/** Characters read into the buffer before matching: a slice of a long page. */
const MAX_CHUNK = 64_000;
/** One of this many reads from the queue takes its oldest change instead of its newest. */
const OLDEST_SHARE = 4;
/**
 * A node queued again less than this long after it was last read waits out the rest: a chart redrawn on
 * every frame is read a few times a second, not sixty, and an error that appears in it waits this long.
 */
const REREAD_GAP = 250;
/** How far up from a change an error place counts as "this change's place" and is read whole. */
const PLACE_REACH = 3;
/** Ids of error texts named by invalid fields, remembered at most (a form has a handful). */
const MAX_ERROR_IDS = 256;
/**
 * Route changes and a removed extension are looked for at most this often while only ordinary changes come
 * in (a live page makes hundreds of flushes a second); always before an error place is read.
 */
const TICK_MS = 100;
/** More changes a second than this means a region of the page is too busy to observe change by change. */
const HOT_RECORDS = 5000;
/**
 * A busy region, watched around, has its text looked over this often at least: taken whole (textContent,
 * one native call), folded and searched for any error text's longest literal part. Only when what it holds
 * changes is the region read properly, with its element edges. An error inside it waits about this long.
 */
const HOT_CHECK_MS = 300;
/** The look-over is spaced so that it costs at most this share of the main thread (a bigger region, less often)... */
const HOT_CHECK_SHARE = 0.003;
/** ...and stops above this much text (a region holding megabytes is only read whole, less often). */
const HOT_CHECK_MAX_CHARS = 1_000_000;
/**
 * A busy region that holds an error text is also read whole this often: an occurrence hidden at first is
 * seen once it shows. One that holds none has nothing to find (its shadow roots are watched on their own).
 */
const HOT_POLL_MS = 6000;
/** Full watching is tried again after this long, then twice as long each time it is still too busy. */
const HOT_RETRY_MS = 10_000;
const HOT_RETRY_MAX_MS = 160_000;
/** Changed elements remembered to find where a busy page changes. */
const SAMPLES = 64;
/** Changed fields noted between two flushes (fields only make reading faster; their text is read anyway). */
const MAX_FIELDS = 1000;
/** A visibility re-check waits for the next frame, or this long where no frames are drawn. */
const RECHECK_FALLBACK = 100;
/** Sightings remembered (an error seen while hidden may become visible), before forgetting removed ones. */
const MAX_SIGHTINGS = 200;
const WATCHED_ATTRIBUTES = ['class', 'style', 'hidden', 'open', 'aria-hidden', ...FIELD_ATTRIBUTES];
const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES };
/** An element on the way to a busy region: its own children and attributes, not its subtree. */
const AROUND: MutationObserverInit = { childList: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES };

export interface Found extends Hit {
  element: Element;
}

export interface WatcherHooks {
  /** May this pattern count on this page (scope, product)? */
  allowed(pattern: number): boolean;
  /** A visible occurrence of a pattern. */
  found(found: Found): void;
  /** Called before reading (at most every TICK_MS unless an error place is to be read): the place to notice route changes. */
  tick?(): void;
}

interface Sighting {
  element: Element;
  pattern: number;
  visible: boolean;
  hit: Hit;
}

function isVisible(el: Element): boolean {
  if (!el.isConnected) return false;
  if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
  return (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
}

export class Watcher {
  /** Watches shadow roots; `pageObserver` watches the document (all of it, or around a busy region). */
  private readonly observer: MutationObserver;
  private readonly pageObserver: MutationObserver;
  private rate = { since: 0, count: 0 };
  private readonly samples: Element[] = [];
  private sampleAt = 0;
  /** A region too busy to observe, watched around and re-read; the elements on the way to it. */
  private hot: Element | null = null;
  private hotChain = new WeakSet<Node>();
  private hotPoll = 0;
  private hotCheck = 0;
  /** The anchors the busy region held at the last look-over. */
  private hotAnchors = '';
  /** What the last few look-overs cost, in milliseconds. */
  private hotCosts: number[] = [];
  private hotRetry = 0;
  private hotRetryMs = HOT_RETRY_MS;
  private readonly observed = new WeakSet<Node>();
  private readonly buf = new TextBuffer<Node>();
  /** What reading error places costs, what noting and sorting changes costs, and what idle reading costs. */
  private readonly urgentBudget = new Budget();
  private readonly notingBudget = new Budget();
  private readonly idleBudget = new Budget();
  /** Changes noted since the last flush, not yet sorted into `urgent` and the queues; with whether each is new content. */
  private fresh: Node[] = [];
  private freshIsNew: boolean[] = [];
  /** Fields whose error attributes changed since the last flush. */
  private fields: Element[] = [];
  /** Error places to read in the next flush. */
  private readonly urgent = new Set<Node>();
  /** Where new content went in: an element added, text put where there was none, something shown. */
  private readonly recent = new ChangeQueue<Node>(MAX_QUEUED);
  /** Where content was replaced or edited in place: what a live page keeps doing. */
  private readonly churning = new ChangeQueue<Node>(MAX_QUEUED);
  /** When each node was last read from the queues; nodes waiting out REREAD_GAP, with the queue each goes back to. */
  private lastRead = new WeakMap<Node, number>();
  private readonly resting = new Map<Node, ChangeQueue<Node>>();
  private restTimer = 0;
  /** The error place (or null) of elements met lately: the walk up is done once per element. */
  private places = new WeakMap<Element, Element | null>();
  /** Ids of the error texts that invalid fields name. */
  private readonly errorIds = new Set<string>();
  /** Subtrees too large to read in one slice, read on in the next ones. */
  private readonly walks: TextWalker[] = [];
  /** A read of the whole page: at start, after the options widen, after the queue collapsed. */
  private sweep: TextWalker | null = null;
  /** Whether the sweep counts against the budget (a page's churn made it) or is a one-off read in idle time. */
  private sweepCounts = false;
  private sightings: Sighting[] = [];
  /**
   * Time spent in `hooks.found` (showing a tip) since the last accounting: not the watcher's work, and
   * bounded by the tips themselves (one per article), so it is not held against the budget.
   */
  private showing = 0;
  private attributesChanged = false;
  private lastTick = -Infinity;
  private flushQueued = false;
  private idle = 0;
  private flushTimer = 0;
  private idleTimer = 0;
  private recheck = 0;
  private readonly channel = new MessageChannel();
  private readonly walkHooks: WalkHooks = {
    shadowRoot: (root) => this.observe(root),
    field: (el) => this.fields.push(el),
  };

  constructor(
    private readonly matcher: Matcher,
    private readonly hooks: WatcherHooks,
    private readonly signal: AbortSignal,
  ) {
    this.observer = new MutationObserver((records) => this.record(records));
    this.pageObserver = new MutationObserver((records) => this.record(records));
    this.channel.port1.onmessage = () => this.flush();
    signal.addEventListener('abort', () => {
      this.observer.disconnect();
      this.pageObserver.disconnect();
      clearInterval(this.hotPoll);
      clearTimeout(this.hotCheck);
      clearTimeout(this.hotRetry);
      this.channel.port1.close();
      if (this.idle) cancelIdle(this.idle);
      clearTimeout(this.flushTimer);
      clearTimeout(this.idleTimer);
      clearTimeout(this.recheck);
      clearTimeout(this.restTimer);
      this.resting.clear();
      this.fresh = [];
      this.freshIsNew = [];
      this.fields = [];
      this.urgent.clear();
      this.recent.clear();
      this.churning.clear();
      this.sightings = [];
      this.sweep = null;
      this.walks.length = 0;
    });
  }

  /** Starts watching, and reads what the page shows already: error places at once, the rest in idle time. */
  start(): void {
    this.observed.add(document);
    this.pageObserver.observe(document, OBSERVE);
    document.addEventListener('xc-troubleshooter:shadow', (event) => this.announced(event), { capture: true, signal: this.signal });
    this.readAll(false);
  }

  /** Re-reads everything once (after the options widen what may match). */
  rescan(): void {
    this.sightings = [];
    this.readAll(false);
  }

  /** Milliseconds of work in the last second: for tests and the benchmark, never a decision. */
  get spent(): number {
    const now = performance.now();
    return this.notingBudget.spent(now) + this.urgentBudget.spent(now) + this.idleBudget.spent(now);
  }

  private readAll(counts: boolean): void {
    this.sweep = new TextWalker(document.documentElement ?? document, this.walkHooks);
    this.sweepCounts = counts;
    document.querySelectorAll(FIELD_SELECTOR).forEach((el) => this.fields.push(el));
    // error places first: they are what a person is looking at
    document.querySelectorAll(NAMED_PLACE_SELECTOR).forEach((el) => this.urgent.add(el));
    this.requestFlush();
  }

  private observe(target: Node): void {
    if (this.observed.has(target)) return;
    this.observed.add(target);
    this.observer.observe(target, OBSERVE);
  }

  /** A shadow root announced by the page-world script: a change like any other, queued and budgeted. */
  private announced(event: Event): void {
    // the target is the host itself unless it sits in a shadow tree (then the outermost host: look deeper)
    const target = event.target;
    const host = target instanceof Element && target.shadowRoot && this.observed.has(target.shadowRoot) ? target : event.composedPath()[0];
    if (!(host instanceof Element)) return;
    const root = host.shadowRoot;
    if (!root || this.observed.has(root)) return; // fakes and repeats cost nothing more
    const started = performance.now();
    this.observe(root);
    this.note(host, true);
    this.requestFlush();
    this.account(this.notingBudget, started);
  }

  /** The observer callback: notes what changed, nothing more. */
  private record(records: MutationRecord[]): void {
    const started = performance.now();
    this.countRecords(started, records.length);
    let last: Node | null = null;
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      let node: Node = record.target;
      let isNew = true;
      if (record.type === 'attributes') {
        const name = record.attributeName;
        if (name === 'class' || name === 'style') {
          this.attributesChanged = true;
          continue;
        }
        if (name === 'hidden' || name === 'aria-hidden' || name === 'open') this.attributesChanged = true;
        else {
          if (this.fields.length < MAX_FIELDS) this.fields.push(node as Element);
          continue;
        }
      } else if (record.type === 'childList') {
        const added = record.addedNodes;
        if (added.length === 0) continue;
        if (this.hot && this.hotChain.has(node)) this.watchAdded(added);
        // new elements are read themselves (a toast appended to <body>); new text, through its parent
        if (added.length === 1 && added[0].nodeType === 1) node = added[0];
        // text replacing text (a cell's new value, a chart redrawn) is an update, not new content
        else isNew = record.removedNodes.length === 0 || added[0].nodeType === 1;
      } else isNew = false; // text edited in place
      if (node === last) continue;
      last = node;
      this.note(node, isNew);
    }
    this.account(this.notingBudget, started);
    // sorted now, not in a task of its own: the browser may draw a frame before such a task runs
    this.flush();
  }

  private note(node: Node, isNew: boolean): void {
    if (this.fresh.length >= MAX_FRESH) {
      // more changes than a flush can sort: read the whole page again instead of keeping each
      this.fresh = [];
      this.freshIsNew = [];
      this.startSweep();
    }
    this.fresh.push(node);
    this.freshIsNew.push(isNew);
  }

  private requestFlush(): void {
    if (this.flushQueued || this.signal.aborted) return;
    this.flushQueued = true;
    // a task of its own, right after the page's: before the next frame, without waiting for one
    this.channel.port2.postMessage(0);
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.signal.aborted) return;
    const sorting = performance.now();
    this.sortFresh();
    this.account(this.notingBudget, sorting);
    const started = performance.now();
    if (this.urgent.size || started - this.lastTick > TICK_MS) this.tick(started);
    if (this.signal.aborted) return;
    if (this.attributesChanged) this.recheckSoon();
    this.readUrgent(started);
    this.account(this.urgentBudget, started);
    if (this.idleWork) this.scheduleIdle();
  }

  private tick(now: number): void {
    this.lastTick = now;
    this.hooks.tick?.();
  }

  private get idleWork(): boolean {
    return this.recent.size > 0 || this.churning.size > 0 || this.recent.overflowed || this.churning.overflowed || this.walks.length > 0 || this.sweep !== null;
  }

  /** Sorts the changes noted since the last flush: error places to read now, the rest to the queue. */
  private sortFresh(): void {
    for (const field of this.fields.splice(0)) this.registerField(field);
    const { fresh, freshIsNew } = this;
    this.fresh = [];
    this.freshIsNew = [];
    for (let i = 0; i < fresh.length; i++) {
      const node = fresh[i];
      const el = elementOf(node);
      if (!el) continue;
      this.samples[this.sampleAt++ % SAMPLES] = el;
      const place = this.placeOf(el);
      if (place) this.urgent.add(place);
      else (freshIsNew[i] ? this.recent : this.churning).add(el);
    }
  }

  /** Reads error places, within the budget; what is left waits for the next flush. */
  private readUrgent(started: number): void {
    if (!this.urgent.size) return;
    // its own half, and whatever idle reading left of the other
    const limit = Math.max(URGENT_BUDGET, URGENT_BUDGET + IDLE_BUDGET - this.idleBudget.spent(started));
    const left = this.urgentBudget.left(started, limit);
    if (left <= 0) {
      this.retryFlush(this.urgentBudget.waitFor(started, URGENT_BUDGET, URGENT_SLICE));
      return;
    }
    const deadline = started + Math.min(URGENT_SLICE, left);
    this.buf.reset();
    for (const node of this.urgent) {
      this.urgent.delete(node);
      this.readInto(node, deadline);
      if (performance.now() > deadline || this.buf.length >= MAX_CHUNK) break;
    }
    this.match();
    if (this.urgent.size) this.retryFlush(0);
  }

  private retryFlush(delay: number): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = window.setTimeout(() => this.requestFlush(), delay);
  }

  /** Reads `node` into the buffer; a subtree too big for the deadline goes on in idle slices. */
  private readInto(node: Node, deadline: number): void {
    if (!node.isConnected || insideSkipped(node)) return;
    if (node.nodeType === 1 && (node as Element).shadowRoot) this.observe((node as Element).shadowRoot!);
    const walker = new TextWalker(node, this.walkHooks);
    walker.read(this.buf, MAX_CHUNK, deadline);
    this.buf.edge(F_BLOCK);
    if (walker.done) return;
    if (this.walks.length < MAX_WALKS) this.walks.push(walker);
    else this.startSweep();
  }

  /**
   * The error place a changed element belongs to, or null. A place near the change is read whole (a toast,
   * a field's help text); a far one (a wide container with an alert-ish class) only from the change's
   * block, so a busy region inside it is not re-read whole on every change.
   */
  private placeOf(el: Element): Element | null {
    const cached = this.places.get(el);
    if (cached !== undefined) return cached;
    let place: Element | null = null;
    // up through shadow hosts: a component's own text inside an error place is in that place
    for (let at: Element | null = el, hops = 0; at && hops < 4 && !place; hops++) {
      place = at.closest(PLACE_SELECTOR) ?? this.namedErrorOf(at);
      const root = at.getRootNode();
      at = root instanceof ShadowRoot ? root.host : null;
    }
    // an element that holds an error place (a toast container appended at once) is read now too
    if (!place && el.firstElementChild && el.querySelector(NAMED_PLACE_SELECTOR)) place = el;
    if (place && place !== el && !place.contains(el)) place = el; // found through a shadow host: read from the change
    if (place && place !== el) {
      let unit: Element = el;
      for (let depth = 0; depth < PLACE_REACH && unit !== place && unit.parentElement; depth++) unit = unit.parentElement;
      if (unit !== place) place = el;
    }
    this.places.set(el, place);
    return place;
  }

  /** The element that an invalid field names as its error text, if `el` is in one. */
  private namedErrorOf(el: Element): Element | null {
    if (!this.errorIds.size) return null;
    for (let at: Element | null = el, depth = 0; at && depth < 6; at = at.parentElement, depth++) {
      if (at.id && this.errorIds.has(at.id)) return at;
    }
    return null;
  }

  /** A field that names its error text: the text is an error place from now on, and is read now. */
  private registerField(field: Element): void {
    const root = field.getRootNode() as Document | ShadowRoot;
    let added = false;
    for (const id of namedErrorIds(field)) {
      if (!this.errorIds.has(id)) {
        if (this.errorIds.size >= MAX_ERROR_IDS) this.errorIds.delete(this.errorIds.values().next().value!);
        this.errorIds.add(id);
        added = true;
      }
      const target = typeof root.getElementById === 'function' ? root.getElementById(id) : null;
      if (target) this.urgent.add(target);
    }
    if (added) this.places = new WeakMap(); // elements met before may sit in a place now
  }

  /**
   * Asks for an idle slice, at once or after `delay` (the budget's wait). While such a wait runs, more work
   * joins it instead of asking sooner: a page changing every frame would otherwise wake the reader every
   * frame only for it to find the budget spent.
   */
  private scheduleIdle(delay = 0): void {
    if (this.idle || this.idleTimer || this.signal.aborted) return;
    if (delay > 0) {
      this.idleTimer = window.setTimeout(() => {
        this.idleTimer = 0;
        this.scheduleIdle();
      }, delay);
      return;
    }
    this.idle = requestIdle((deadline) => this.onIdle(deadline));
  }

  private onIdle(deadline: IdleDeadline | null): void {
    this.idle = 0;
    if (this.signal.aborted) return;
    const started = performance.now();
    if (started - this.lastTick > TICK_MS) this.tick(started);
    if (this.signal.aborted) return;
    if (this.recent.takeOverflow() || this.churning.takeOverflow()) this.startSweep();
    const room = Math.min(IDLE_SLICE, deadline && !deadline.didTimeout ? deadline.timeRemaining() : IDLE_SLICE);
    const allowed = Math.min(room, this.idleBudget.left(started, IDLE_BUDGET));
    const trulyIdle = deadline !== null && !deadline.didTimeout;
    // the one-off read of the page shares the budget only where the browser is never idle
    const sweepHere = this.sweep !== null && (this.sweepCounts || !trulyIdle);
    if (allowed > 0.5) {
      const end = started + allowed;
      // each kind of work gets a share of what is left; a kind with nothing to do leaves its share to the next
      const share = (part: number) => performance.now() + (end - performance.now()) * part;
      this.readQueued(this.recent, share(0.6));
      this.readQueued(this.churning, share(this.walks.length || sweepHere ? 0.5 : 1));
      const walksEnd = share(sweepHere ? 0.5 : 1);
      while (this.walks.length && performance.now() < walksEnd) this.readOn(this.walks[0], walksEnd, true);
      if (sweepHere && performance.now() < end) this.readSweep(end);
      this.account(this.idleBudget, started);
    }
    // a one-off read of the whole page (at start, after the options widen) may also use time the browser
    // calls idle without counting it: a long page would otherwise take minutes to read
    if (this.sweep && !this.sweepCounts && trulyIdle) {
      const end = performance.now() + Math.min(IDLE_SLICE, deadline.timeRemaining());
      if (performance.now() < end) this.readSweep(end);
    }
    if (this.idleWork) this.scheduleIdle(this.idleBudget.waitFor(performance.now(), IDLE_BUDGET, 1));
  }

  /** Reads queued changes, newest first (and now and then the oldest), into one buffer, then matches. */
  private readQueued(queue: ChangeQueue<Node>, end: number): void {
    if (!queue.size || performance.now() >= end) return;
    this.buf.reset();
    let n = 0;
    const now = performance.now();
    while (queue.size && this.buf.length < MAX_CHUNK) {
      const node = ++n % OLDEST_SHARE === 0 ? queue.takeOldest() : queue.takeNewest();
      if (node && !this.rests(node, queue, now)) this.readInto(node, end);
      if ((n & 7) === 0 && performance.now() > end) break;
    }
    this.match();
  }

  /** Whether `node` was read too lately to read again now: it then waits out REREAD_GAP, and goes back to `queue`. */
  private rests(node: Node, queue: ChangeQueue<Node>, now: number): boolean {
    const last = this.lastRead.get(node);
    if (last === undefined || now - last >= REREAD_GAP) {
      this.lastRead.set(node, now);
      return false;
    }
    this.resting.set(node, queue);
    if (!this.restTimer) {
      this.restTimer = window.setTimeout(() => {
        this.restTimer = 0;
        for (const [rested, back] of this.resting) back.add(rested);
        this.resting.clear();
        this.scheduleIdle();
      }, last + REREAD_GAP - now);
    }
    return true;
  }

  private readSweep(end: number): void {
    this.readOn(this.sweep!, end, false);
    if (this.sweep!.done) {
      this.sweep = null;
      this.sweepCounts = false;
    }
  }

  /** One slice of a walk: read up to a chunk or the deadline, match it; drop the walk from `walks` when done. */
  private readOn(walker: TextWalker, end: number, queued: boolean): void {
    this.buf.reset();
    walker.read(this.buf, MAX_CHUNK, end);
    this.match();
    if (queued && walker.done) this.walks.shift();
  }

  /** Everything is read again from the top, in slices that count against the budget. */
  private startSweep(): void {
    this.walks.length = 0;
    this.resting.clear();
    this.recent.clear();
    this.churning.clear();
    this.sweep = new TextWalker(document.documentElement ?? document, this.walkHooks);
    this.sweepCounts = true;
    this.scheduleIdle();
  }

  private match(): void {
    const { buf } = this;
    if (!buf.length) return;
    for (const hit of this.matcher.find(buf, this.hooks.allowed, this.boxEdge)) {
      const source = buf.sourceAt(hit.start);
      const element = source?.parentElement ?? (source instanceof Element ? source : null);
      if (element) this.sighted(element, hit);
    }
    buf.reset();
  }

  /** Whether the inline edge before `pos` in the buffer is a box's edge as laid out (see boxEdgeBetween). */
  private readonly boxEdge = (pos: number): boolean => {
    const before = this.buf.sourceAt(pos - 1);
    const after = this.buf.sourceAt(pos);
    return !!before && !!after && boxEdgeBetween(before, after);
  };

  private sighted(element: Element, hit: Hit): void {
    const known = this.sightings.find((s) => s.element === element && s.pattern === hit.pattern);
    const visible = isVisible(element);
    if (known) {
      if (visible && !known.visible) this.found({ ...hit, element });
      known.visible = visible;
      return;
    }
    if (this.sightings.length >= MAX_SIGHTINGS) this.sightings = this.sightings.filter((s) => s.element.isConnected).slice(-MAX_SIGHTINGS / 2);
    this.sightings.push({ element, pattern: hit.pattern, visible, hit });
    if (visible) this.found({ ...hit, element });
  }

  private found(found: Found): void {
    const started = performance.now();
    this.hooks.found(found);
    this.showing += performance.now() - started;
  }

  /** Records work that started at `started`, less the time spent showing tips meanwhile. */
  private account(budget: Budget, started: number): void {
    const now = performance.now();
    budget.spend(now, now - started - this.showing);
    this.showing = 0;
  }

  /**
   * A class, style, `hidden` or `open` changed somewhere: an occurrence may have become visible. Checked
   * once per frame at most, just before it is drawn (a page animating styles changes them every frame).
   */
  private recheckSoon(): void {
    this.attributesChanged = false;
    if (this.recheck || !this.sightings.length) return;
    // before the next frame is drawn; a page in the background draws no frames, hence the timer too
    const once = () => {
      if (!this.recheck) return;
      clearTimeout(this.recheck);
      this.recheck = 0;
      if (this.signal.aborted) return;
      const started = performance.now();
      this.sightings = this.sightings.filter((s) => s.element.isConnected);
      for (const sighting of this.sightings) {
        const visible = isVisible(sighting.element);
        if (visible && !sighting.visible) this.found({ ...sighting.hit, element: sighting.element });
        sighting.visible = visible;
      }
      this.account(this.urgentBudget, started);
    };
    this.recheck = window.setTimeout(once, RECHECK_FALLBACK);
    requestAnimationFrame(once);
  }
  /** Counts changes per second; a page making too many, or making noting them cost too much, gets its busiest region watched around. */
  private countRecords(now: number, count: number): void {
    if (now - this.rate.since > 1000) {
      const hot = this.rate.count > HOT_RECORDS || this.notingBudget.spent(now) > NOTING_BUDGET;
      this.rate = { since: now, count: 0 };
      if (hot && !this.hot) setTimeout(() => this.watchAround(), 0);
    }
    this.rate.count += count;
  }

  /** The busy region: where most recent changes sit, below <body>. */
  private busyRegion(): Element | null {
    const counts = new Map<Element, number>();
    for (const el of this.samples) {
      if (!el?.isConnected || el.getRootNode() !== document) continue;
      let top: Element = el;
      while (top.parentElement && top.parentElement !== document.body && top.parentElement !== document.documentElement) top = top.parentElement;
      if (top === document.body || top === document.documentElement) continue;
      counts.set(top, (counts.get(top) ?? 0) + 1);
    }
    let best: Element | null = null;
    for (const [el, n] of counts) if (n * 2 > this.samples.length && (!best || n > counts.get(best)!)) best = el;
    return best && narrow(best, this.samples);
  }

  /** Stops observing inside the busy region: observes around it, re-reads it once a second. */
  private watchAround(): void {
    const region = this.signal.aborted ? null : this.busyRegion();
    if (!region) return;
    this.hot = region;
    this.hotChain = new WeakSet();
    this.pageObserver.disconnect();
    this.pageObserver.observe(region, { attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
    for (let node: Node = region; node.parentNode; node = node.parentNode) {
      const parent = node.parentNode;
      this.hotChain.add(parent);
      this.pageObserver.observe(parent, AROUND);
      for (let child = parent.firstChild; child; child = child.nextSibling) if (child !== node && child.nodeType === 1) this.pageObserver.observe(child, OBSERVE);
    }
    this.hotPoll = window.setInterval(() => this.hotAnchors && this.rereadBusy(), HOT_POLL_MS);
    this.hotAnchors = '';
    this.hotCosts = [];
    this.hotCheck = window.setTimeout(() => this.lookOver(), HOT_CHECK_MS);
    this.hotRetry = window.setTimeout(() => this.watchAll(), this.hotRetryMs);
  }

  /** New children next to the busy region are watched whole, like everything outside it. */
  private watchAdded(added: NodeList): void {
    for (const node of added) if (node.nodeType === 1 && !this.hotChain.has(node) && node !== this.hot) this.pageObserver.observe(node, OBSERVE);
  }

  /**
   * Looks the busy region's text over for any error text's anchor; reads the region at once when the
   * anchors it holds changed (an error appeared among the cells). Spaced by what it costs.
   */
  private lookOver(): void {
    const region = this.hot;
    if (!region?.isConnected || this.signal.aborted) return;
    const started = performance.now();
    const text = region.textContent ?? '';
    if (text.length > HOT_CHECK_MAX_CHARS) {
      this.hotAnchors = 'too long to look over'; // left to the whole reads, every HOT_POLL_MS
      return;
    }
    // the reading buffer is empty between tasks: every read matches and resets it before it returns
    const { buf } = this;
    buf.reset();
    buf.append(text, region);
    const anchors = this.matcher.anchorsIn(buf, this.hooks.allowed).join();
    buf.reset();
    const cost = performance.now() - started;
    // it stands in for observing the region: its cost is noting's, and leaves reading's budgets alone
    this.account(this.notingBudget, started);
    if (anchors !== this.hotAnchors) {
      this.hotAnchors = anchors;
      // an error text appeared: the region is read now, like an error place (the rest in idle slices)
      if (anchors) {
        this.urgent.add(region);
        this.requestFlush();
      }
    }
    // spaced by its usual cost (the median of the last few), not by one slow look during a load or a collection
    this.hotCosts = [...this.hotCosts.slice(-4), cost];
    const usual = [...this.hotCosts].sort((a, b) => a - b)[this.hotCosts.length >> 1];
    this.hotCheck = window.setTimeout(() => this.lookOver(), Math.max(HOT_CHECK_MS, usual / HOT_CHECK_SHARE));
  }

  private rereadBusy(): void {
    const region = this.hot;
    if (!region?.isConnected) return this.watchAll();
    if (this.walks.some((w) => w.root === region)) return;
    this.walks.push(new TextWalker(region, this.walkHooks));
    this.scheduleIdle();
  }

  /** Tries watching everything again; a page still as busy sends the watcher around its region again, later. */
  private watchAll(): void {
    clearInterval(this.hotPoll);
    clearTimeout(this.hotCheck);
    clearTimeout(this.hotRetry);
    const region = this.hot;
    this.hot = null;
    this.pageObserver.disconnect();
    this.pageObserver.observe(document, OBSERVE);
    this.hotRetryMs = Math.min(HOT_RETRY_MAX_MS, this.hotRetryMs * 2);
    this.rate = { since: performance.now(), count: 0 };
    if (region?.isConnected) this.churning.add(region);
    this.scheduleIdle();
  }
}

/** The deepest element under `top` that holds more than half of the samples, on the way to one of them. */
function narrow(top: Element, samples: Element[]): Element {
  const held = (el: Element) => samples.filter((s) => s && el.contains(s)).length * 2 > samples.length;
  const inside = samples.find((s) => s && top.contains(s));
  if (!inside) return top;
  const path: Element[] = [];
  for (let el: Element | null = inside; el && el !== top; el = el.parentElement) path.unshift(el);
  let at = top;
  for (const el of path) {
    if (!held(el)) break;
    at = el;
  }
  return at;
}

/** The element a changed node stands for: itself, the parent of changed text, or the host of a root's text. */
function elementOf(node: Node): Element | null {
  if (node.nodeType === 1) return node as Element;
  const parent = node.parentNode;
  if (!parent) return null;
  if (parent.nodeType === 1) return parent as Element;
  return parent instanceof ShadowRoot ? parent.host : null;
}

type IdleHandle = number;

function requestIdle(callback: (deadline: IdleDeadline | null) => void): IdleHandle {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(callback, { timeout: IDLE_TIMEOUT });
  return setTimeout(() => callback(null), 16) as unknown as number;
}

function cancelIdle(handle: IdleHandle): void {
  if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
  else clearTimeout(handle);
}
