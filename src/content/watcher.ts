import { TextBuffer } from '../matcher/buffer';
import type { Hit, Matcher } from '../matcher/matcher';
import { TextWalker, insideSkipped } from './walk';

/**
 * Watches a document for text that may hold a known error, without slowing the page:
 * - the MutationObserver callback only records what changed and asks for a flush;
 * - the flush runs in a task of its own right after (before the next frame): changes inside alert-like
 *   places (role=alert/alertdialog/status/dialog, aria-live, dialogs, toasts) are read there and then, so a
 *   tip lands in the same frame as the error;
 * - other changes are read in idle slices of a few milliseconds;
 * - work is accounted over a rolling second. A page that makes the watcher spend more than its budget, or
 *   that mutates thousands of times a second, gets the backed-off watch: only the top level of the
 *   document (where toasts, dialogs and overlays are attached), the alert-like regions and the shadow roots'
 *   top levels are observed, alert-like regions are looked for again every second, and full watching is
 *   tried again after a while.
 * Shadow roots are observed as they are found (while reading) or announced (attachShadow, by the page-world
 * script). Everything hangs off one AbortSignal.
 */

/** Alert-like regions in a selector, for querySelectorAll (no class heuristics: those are for the walk up). */
export const ALERT_SELECTOR = [
  '[role=alert]', '[role=alertdialog]', '[role=status]', '[role=dialog]', '[aria-live=polite]', '[aria-live=assertive]',
  'dialog', 'sp-toast', 'sp-dialog', 'sp-alert-dialog', 'sp-alert-banner', 'sp-help-text', 'sp-inline-alert',
].join(',');
const ALERT_ROLES = new Set(['alert', 'alertdialog', 'status', 'dialog']);
const ALERT_TAGS = new Set(['DIALOG', 'SP-TOAST', 'SP-DIALOG', 'SP-ALERT-DIALOG', 'SP-ALERT-BANNER', 'SP-HELP-TEXT', 'SP-INLINE-ALERT']);
const ALERT_CLASS = /toast|alert|notification|error|banner|message/i;

/** Milliseconds of work allowed per rolling second (2 % of the main thread). */
export const BUDGET_PER_SECOND = 20;
/** More mutation records than this in a second means a busy page: back off. */
export const BUSY_RECORDS_PER_SECOND = 3000;
const BACKOFF_MS = 8000;
const REQUERY_MS = 1000;
const IDLE_SLICE = 4;
const MAX_PENDING = 5000;
const MAX_CHUNK = 64_000;
const WATCHED_ATTRIBUTES = ['class', 'style', 'hidden', 'open', 'aria-hidden'];
const FULL: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES };
const TOP_LEVEL: MutationObserverInit = { childList: true };

export interface Found extends Hit {
  element: Element;
}

export interface WatcherHooks {
  /** May this pattern count on this page (scope, product)? */
  allowed(pattern: number): boolean;
  /** A visible occurrence of a pattern. */
  found(found: Found): void;
  /** Called at each flush, before reading: the place to notice route changes. */
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

function isAlertLike(el: Element): boolean {
  if (ALERT_TAGS.has(el.tagName)) return true;
  const role = el.getAttribute('role');
  if (role && ALERT_ROLES.has(role)) return true;
  const live = el.getAttribute('aria-live');
  if (live === 'polite' || live === 'assertive') return true;
  const cls = el.getAttribute('class');
  return cls !== null && ALERT_CLASS.test(cls);
}

export class Watcher {
  private readonly observer: MutationObserver;
  private observed = new WeakSet<Node>();
  private readonly shadowRoots: WeakRef<ShadowRoot>[] = [];
  private readonly buf = new TextBuffer<Node>();
  private pending: Node[] = [];
  private readonly urgent = new Set<Node>();
  private readonly idleQueue = new Set<Node>();
  /** The alert-like ancestor (or null) of elements met lately: the walk up is done once per element. */
  private alertRoots = new WeakMap<Element, Element | null>();
  private attributesChanged = false;
  private flushQueued = false;
  private idle = 0;
  private timer = 0;
  private readonly channel = new MessageChannel();
  private sweep: TextWalker | null = null;
  /** Subtrees too large to read in one slice, read on in the next ones. */
  private readonly walks: TextWalker[] = [];
  /** Occurrences seen, visible or not yet; re-checked when attributes change. */
  private sightings: Sighting[] = [];
  private spent: { at: number; ms: number }[] = [];
  private records = { since: 0, count: 0 };
  private backedOffUntil = 0;

  constructor(
    private readonly matcher: Matcher,
    private readonly hooks: WatcherHooks,
    private readonly signal: AbortSignal,
  ) {
    this.observer = new MutationObserver((records) => this.record(records));
    this.channel.port1.onmessage = () => this.flush();
    signal.addEventListener('abort', () => {
      this.observer.disconnect();
      this.channel.port1.close();
      if (this.idle) cancelIdle(this.idle);
      clearTimeout(this.timer);
      this.pending = [];
      this.urgent.clear();
      this.idleQueue.clear();
      this.sightings = [];
      this.sweep = null;
      this.walks.length = 0;
    });
  }

  get backedOff(): boolean {
    return this.backedOffUntil > 0;
  }

  start(): void {
    this.observe(document);
    document.addEventListener('xc-troubleshooter:shadow', (event) => this.announced(event), { capture: true, signal: this.signal });
    const sweepAll = () => {
      this.sweep = new TextWalker(document.documentElement ?? document);
      // alert-like places first: they are what a person is looking at
      document.querySelectorAll(ALERT_SELECTOR).forEach((el) => this.urgent.add(el));
      this.requestFlush();
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', sweepAll, { once: true, signal: this.signal });
    else sweepAll();
  }

  /** Re-reads everything once (after the options widen what may match). */
  rescan(): void {
    this.sightings = [];
    this.sweep = new TextWalker(document.documentElement ?? document);
    document.querySelectorAll(ALERT_SELECTOR).forEach((el) => this.urgent.add(el));
    this.requestFlush();
  }

  private observe(target: Node, options = this.backedOff ? TOP_LEVEL : FULL): void {
    if (this.observed.has(target)) return;
    this.observed.add(target);
    if (target instanceof ShadowRoot) this.shadowRoots.push(new WeakRef(target));
    this.observer.observe(target, options);
  }

  private announced(event: Event): void {
    const host = event.composedPath()[0];
    if (host instanceof Element && host.shadowRoot) {
      this.observe(host.shadowRoot);
      this.urgent.add(host);
      this.requestFlush();
    }
  }

  /** The observer callback: record only. */
  private record(records: MutationRecord[]): void {
    this.records.count += records.length;
    const { pending } = this;
    let last: Node | null = null;
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      const type = record.type;
      let node: Node | null = record.target;
      if (type === 'attributes') {
        this.attributesChanged = true;
        const name = record.attributeName;
        // a subtree that stops being hidden is new text
        if (name !== 'hidden' && name !== 'aria-hidden' && name !== 'open') continue;
      } else if (type === 'childList') {
        const added = record.addedNodes;
        if (added.length === 0) continue;
        // new elements are read themselves (a toast appended to <body>); new text, through its parent
        if (added.length === 1 && added[0].nodeType === 1) node = added[0];
      }
      if (node === last) continue;
      last = node;
      if (pending.length < MAX_PENDING) pending.push(node);
    }
    this.requestFlush();
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
    const started = performance.now();
    this.hooks.tick?.();
    if (this.signal.aborted) return;
    const now = started;
    if (now - this.records.since > 1000) this.records = { since: now, count: 0 };
    else if (this.records.count > BUSY_RECORDS_PER_SECOND && !this.backedOff) this.backOff();

    const backedOff = this.backedOff;
    for (const node of this.pending) {
      const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
      if (!el) continue;
      const alert = this.alertRootOf(el);
      if (alert) this.urgent.add(alert);
      else if (el.shadowRoot) this.urgent.add(el);
      else if (!backedOff) this.idleQueue.add(node);
    }
    this.pending = [];
    if (this.attributesChanged) {
      this.attributesChanged = false;
      this.recheckSightings();
    }
    for (const el of this.urgent) if (el.isConnected) this.scan(el);
    this.urgent.clear();
    this.account(started);
    if (this.idleQueue.size || this.sweep) this.scheduleIdle();
  }

  private alertRootOf(start: Element): Element | null {
    const cached = this.alertRoots.get(start);
    if (cached !== undefined) return cached;
    let found: Element | null = null;
    for (let el: Element | null = start, depth = 0; el && depth < 12; el = el.parentElement, depth++) {
      if (isAlertLike(el)) {
        found = el;
        break;
      }
    }
    // an element that holds an alert-like region (a toast container appended at once) is read now too
    if (!found && start.firstElementChild && start.querySelector(ALERT_SELECTOR)) found = start;
    this.alertRoots.set(start, found);
    return found;
  }

  private scheduleIdle(): void {
    if (!this.idle && !this.signal.aborted) this.idle = requestIdle(() => this.onIdle());
  }

  private onIdle(): void {
    this.idle = 0;
    if (this.signal.aborted) return;
    const started = performance.now();
    const deadline = started + IDLE_SLICE;
    if (this.backedOff) {
      this.idleQueue.clear();
      this.walks.length = 0;
    }
    // a large subtree is read across slices: first what an earlier slice left, then what changed since
    while (this.walks.length && performance.now() < deadline) this.readSome(this.walks[0], deadline, true);
    for (const node of this.idleQueue) {
      if (performance.now() > deadline) break;
      this.idleQueue.delete(node);
      if (node.isConnected) this.scan(node, deadline);
    }
    // the budget is for what the page's changes cost us; a one-off read of the whole page (at start, after
    // backing off) is sliced into idle time and does not count, or a long page would make us back off
    this.account(started);
    if (this.sweep && !this.backedOff && performance.now() < deadline) {
      this.readSome(this.sweep, deadline, false);
      if (this.sweep.done) this.sweep = null;
    }
    if (this.idleQueue.size || this.walks.length || (this.sweep && !this.backedOff)) this.scheduleIdle();
  }

  /**
   * Reads `root` and matches what it says: at once up to a small size, the rest in idle slices, so a huge
   * subtree (a 2 MB insertion, an alert-ish class on a whole app) never makes a long task.
   */
  private scan(root: Node, deadline = performance.now() + IDLE_SLICE): void {
    if (insideSkipped(root)) return;
    if (root.nodeType === 1 && (root as Element).shadowRoot) this.observe((root as Element).shadowRoot!);
    const walker = new TextWalker(root);
    this.readSome(walker, deadline, false);
    if (!walker.done) {
      this.walks.push(walker);
      this.scheduleIdle();
    }
  }

  /** One slice of a walk: read up to a chunk or the deadline, match it; drop the walk from `walks` when done. */
  private readSome(walker: TextWalker, deadline: number, queued: boolean): void {
    this.buf.reset();
    walker.read(this.buf, MAX_CHUNK, deadline);
    this.match();
    if (queued && walker.done) this.walks.shift();
  }

  private match(): void {
    const { buf } = this;
    if (!buf.length) return;
    for (const hit of this.matcher.find(buf, this.hooks.allowed)) {
      const source = buf.sourceAt(hit.start);
      const element = source?.parentElement ?? (source instanceof Element ? source : null);
      if (element) this.sighted(element, hit);
    }
    // shadow roots met while reading get observed too
    let lastRoot: Node | null = null;
    for (const source of buf.sources) {
      const root = source.getRootNode();
      if (root !== lastRoot && root.nodeType === 11) this.observe(root);
      lastRoot = root;
    }
  }

  private sighted(element: Element, hit: Hit): void {
    const known = this.sightings.find((s) => s.element === element && s.pattern === hit.pattern);
    const visible = isVisible(element);
    if (known) {
      if (visible && !known.visible) this.hooks.found({ ...hit, element });
      known.visible = visible;
      return;
    }
    if (this.sightings.length > 200) this.sightings = this.sightings.filter((s) => s.element.isConnected).slice(-100);
    this.sightings.push({ element, pattern: hit.pattern, visible, hit });
    if (visible) this.hooks.found({ ...hit, element });
  }

  /** Shown or hidden by a class, style, `hidden` or `open` change: an occurrence may become visible. */
  private recheckSightings(): void {
    this.sightings = this.sightings.filter((s) => s.element.isConnected);
    for (const sighting of this.sightings) {
      const visible = isVisible(sighting.element);
      if (visible && !sighting.visible) this.hooks.found({ ...sighting.hit, element: sighting.element });
      sighting.visible = visible;
    }
  }

  private account(started: number): void {
    const now = performance.now();
    const ms = now - started;
    this.spent.push({ at: now, ms });
    while (this.spent.length && this.spent[0].at < now - 1000) this.spent.shift();
    if (this.spent.length > 500) this.spent.splice(0, this.spent.length - 500);
    let total = 0;
    for (const entry of this.spent) total += entry.ms;
    if (total > BUDGET_PER_SECOND && !this.backedOff) this.backOff();
  }

  /** The backed-off watch: top levels and alert-like regions only, for a while. */
  private backOff(): void {
    this.backedOffUntil = performance.now() + BACKOFF_MS;
    this.idleQueue.clear();
    this.pending = [];
    this.observer.disconnect();
    this.observed = new WeakSet();
    this.alertRoots = new WeakMap();
    this.observe(document);
    if (document.documentElement) this.observe(document.documentElement);
    if (document.body) this.observe(document.body);
    for (const ref of this.shadowRoots.splice(0)) {
      const root = ref.deref();
      if (root?.host.isConnected) this.observe(root);
    }
    this.watchAlertRegions();
    this.timer = window.setTimeout(() => this.requeryOrResume(), REQUERY_MS);
  }

  private requeryOrResume(): void {
    if (this.signal.aborted) return;
    if (performance.now() < this.backedOffUntil) {
      this.watchAlertRegions();
      this.timer = window.setTimeout(() => this.requeryOrResume(), REQUERY_MS);
      return;
    }
    // try full watching again, reading the page once for what changed meanwhile; a page still as busy
    // sends us back within a second
    this.backedOffUntil = 0;
    this.sweep = new TextWalker(document.documentElement ?? document);
    this.scheduleIdle();
    this.observer.disconnect();
    this.observed = new WeakSet();
    this.records = { since: performance.now(), count: 0 };
    this.spent = [];
    this.observe(document);
    for (const ref of this.shadowRoots.splice(0)) {
      const root = ref.deref();
      if (root?.host.isConnected) this.observe(root);
    }
  }

  /** Observes (fully) and reads every alert-like region not watched yet, in the document and known shadow roots. */
  private watchAlertRegions(): void {
    const roots: ParentNode[] = [document];
    for (const ref of this.shadowRoots) {
      const root = ref.deref();
      if (root) roots.push(root);
    }
    for (const root of roots) {
      root.querySelectorAll(ALERT_SELECTOR).forEach((el) => {
        if (this.observed.has(el)) return;
        this.observe(el, FULL);
        this.urgent.add(el);
      });
    }
    if (this.urgent.size) this.requestFlush();
  }
}

type IdleHandle = number;

function requestIdle(callback: () => void): IdleHandle {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(callback, { timeout: 500 });
  return setTimeout(callback, 16) as unknown as number;
}

function cancelIdle(handle: IdleHandle): void {
  if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
  else clearTimeout(handle);
}
