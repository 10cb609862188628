import { TextBuffer } from '../matcher/buffer';
import type { Hit, Matcher } from '../matcher/matcher';
import { TextWalker, insideSkipped, readText } from './walk';

/**
 * Watches a document for text that may hold a known error, without slowing the page:
 * - the MutationObserver callback only records what changed;
 * - changes in alert-like places (role=alert/status, aria-live, dialogs, toasts) are read at the next
 *   animation frame, so a tip lands within a frame;
 * - other changes are read in idle slices of a few milliseconds;
 * - the time spent is tracked over a rolling second: past the budget, the watcher backs off to alert-like
 *   places only, until the page calms down.
 * Shadow roots are observed as they are found (while reading) or announced (attachShadow, by the page-world
 * script); everything hangs off one AbortSignal.
 */

export const ALERT_SELECTOR = [
  '[role=alert]', '[role=alertdialog]', '[role=status]', '[role=dialog]', '[aria-live=polite]', '[aria-live=assertive]',
  'dialog', 'sp-toast', 'sp-dialog', 'sp-alert-dialog', 'sp-alert-banner', 'sp-help-text', 'sp-inline-alert',
  '[class*=toast i]', '[class*=alert i]', '[class*=notification i]', '[class*=error i]', '[class*=banner i]',
].join(',');

/** Milliseconds of work allowed per rolling second before backing off (2 % of the main thread). */
export const BUDGET_PER_SECOND = 20;
const IDLE_SLICE = 4;
const MAX_QUEUE = 4000;
const MAX_CHUNK = 200_000;
const WATCHED_ATTRIBUTES = ['class', 'style', 'hidden', 'open', 'aria-hidden'];

export interface Found extends Hit {
  element: Element;
}

export interface WatcherHooks {
  /** May this pattern count on this page (scope, product)? */
  allowed(pattern: number): boolean;
  /** A visible occurrence of a pattern. */
  found(found: Found): void;
  /** Called at each frame where work happened, before reading: the place to notice route changes. */
  tick?(): void;
}

interface Sighting {
  element: Element;
  pattern: number;
  article: number;
  visible: boolean;
  hit: Hit;
}

function isVisible(el: Element): boolean {
  if (!el.isConnected) return false;
  if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
  return (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
}

export class Watcher {
  private readonly observer: MutationObserver;
  private readonly observed = new WeakSet<Node>();
  private readonly buf = new TextBuffer<Node>();
  private urgent = new Set<Node>();
  private bulk = new Set<Node>();
  private attributesChanged = false;
  private frame = 0;
  private idle = 0;
  private sweep: TextWalker | null = null;
  /** Occurrences seen, visible or not yet; re-checked when attributes change. */
  private sightings: Sighting[] = [];
  private spent: { at: number; ms: number }[] = [];
  private backoffUntil = 0;
  /** For the benchmark and tests. */
  readonly stats = { scans: 0, backoffs: 0, ms: 0 };

  constructor(
    private readonly matcher: Matcher,
    private readonly hooks: WatcherHooks,
    private readonly signal: AbortSignal,
  ) {
    this.observer = new MutationObserver((records) => this.record(records));
    signal.addEventListener('abort', () => {
      this.observer.disconnect();
      cancelAnimationFrame(this.frame);
      if (this.idle) cancelIdle(this.idle);
      this.urgent.clear();
      this.bulk.clear();
      this.sightings = [];
      this.sweep = null;
    });
  }

  start(): void {
    this.observe(document);
    document.addEventListener('xc-troubleshooter:shadow', (event) => this.announced(event), { capture: true, signal: this.signal });
    const sweepAll = () => {
      this.sweep = new TextWalker(document.documentElement ?? document);
      // alert-like places first: they are what a person is looking at
      document.querySelectorAll(ALERT_SELECTOR).forEach((el) => this.urgent.add(el));
      this.schedule();
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', sweepAll, { once: true, signal: this.signal });
    else sweepAll();
  }

  /** Re-reads everything once (after the options change what may match). */
  rescan(): void {
    this.sightings = [];
    this.sweep = new TextWalker(document.documentElement ?? document);
    this.schedule();
  }

  private observe(target: Node): void {
    if (this.observed.has(target)) return;
    this.observed.add(target);
    this.observer.observe(target, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  }

  private announced(event: Event): void {
    const host = event.composedPath()[0];
    if (host instanceof Element && host.shadowRoot) {
      this.observe(host.shadowRoot);
      this.urgent.add(host);
      this.schedule();
    }
  }

  /** The observer callback: record only. */
  private record(records: MutationRecord[]): void {
    if (this.signal.aborted) return;
    const { bulk } = this;
    for (const record of records) {
      if (record.type === 'childList') {
        const added = record.addedNodes;
        for (let i = 0; i < added.length; i++) if (bulk.size < MAX_QUEUE) bulk.add(added[i]);
      } else if (record.type === 'characterData') {
        if (bulk.size < MAX_QUEUE) bulk.add(record.target);
      } else {
        this.attributesChanged = true;
        // a subtree that stops being hidden is new text
        if (record.attributeName === 'hidden' || record.attributeName === 'aria-hidden' || record.attributeName === 'open') {
          if (bulk.size < MAX_QUEUE) bulk.add(record.target);
        }
      }
    }
    this.schedule();
  }

  private schedule(): void {
    if (!this.frame && !this.signal.aborted) this.frame = requestAnimationFrame(() => this.onFrame());
  }

  private scheduleIdle(): void {
    if (!this.idle && !this.signal.aborted) this.idle = requestIdle(() => this.onIdle());
  }

  private onFrame(): void {
    this.frame = 0;
    if (this.signal.aborted) return;
    const started = performance.now();
    this.hooks.tick?.();
    const backingOff = started < this.backoffUntil;
    // sort what changed: alert-like places now, the rest when idle
    for (const node of this.bulk) {
      const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
      if (!el || !el.isConnected) continue;
      const alert = el.closest(ALERT_SELECTOR) ?? (el.firstElementChild && el.querySelector(ALERT_SELECTOR) ? el : null) ?? (el.shadowRoot ? el : null);
      if (alert) this.urgent.add(alert);
      else if (!backingOff) this.idleQueue.add(node);
    }
    this.bulk.clear();
    if (this.attributesChanged) {
      this.attributesChanged = false;
      this.recheckSightings();
    }
    for (const el of this.urgent) this.scan(el);
    this.urgent.clear();
    this.account(started);
    if (this.idleQueue.size || this.sweep) this.scheduleIdle();
  }

  private readonly idleQueue = new Set<Node>();

  private onIdle(): void {
    this.idle = 0;
    if (this.signal.aborted) return;
    const started = performance.now();
    const deadline = started + IDLE_SLICE;
    if (started < this.backoffUntil) {
      this.idleQueue.clear();
    }
    for (const node of this.idleQueue) {
      this.idleQueue.delete(node);
      if (node.isConnected) this.scan(node);
      if (performance.now() > deadline) break;
    }
    if (this.sweep && performance.now() < deadline && started >= this.backoffUntil) {
      this.buf.reset();
      this.sweep.read(this.buf, MAX_CHUNK, deadline);
      this.match();
      if (this.sweep.done) this.sweep = null;
    }
    this.account(started);
    if (this.idleQueue.size || this.sweep) this.scheduleIdle();
  }

  private scan(root: Node): void {
    if (insideSkipped(root)) return;
    if (root.nodeType === 1 && (root as Element).shadowRoot) this.observe((root as Element).shadowRoot!);
    this.buf.reset();
    readText(root, this.buf);
    this.match();
  }

  private match(): void {
    this.stats.scans++;
    const { buf } = this;
    if (!buf.length) return;
    for (const hit of this.matcher.find(buf, this.hooks.allowed)) {
      const source = buf.sourceAt(hit.start);
      const element = source?.parentElement ?? (source instanceof Element ? source : null);
      if (!element) continue;
      this.sighted(element, hit);
    }
    // shadow roots met while reading get observed too
    for (const source of buf.sources) {
      const root = source.getRootNode();
      if (root.nodeType === 11) this.observe(root);
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
    this.sightings.push({ element, pattern: hit.pattern, article: hit.article, visible, hit });
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
    this.stats.ms += ms;
    this.spent.push({ at: now, ms });
    while (this.spent.length && this.spent[0].at < now - 1000) this.spent.shift();
    if (this.spent.length > 500) this.spent.splice(0, this.spent.length - 500);
    let total = 0;
    for (const entry of this.spent) total += entry.ms;
    if (total > BUDGET_PER_SECOND && now >= this.backoffUntil) {
      this.backoffUntil = now + 2000;
      this.stats.backoffs++;
      this.idleQueue.clear();
    }
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
