import type { Matcher } from '../matcher/matcher';
import { cancelIdle, requestIdle } from './idle';
import { Intake } from './intake';
import { PlaceFinder } from './place-finder';
import type { Clock } from './ports';
import { PageReader } from './reading';
import { Scheduler } from './schedule';
import { Sightings, type Found } from './sightings';
import type { TextWalker } from './walk';

/**
 * Watches a document for text that may hold a known error, without slowing the page and without ever
 * going blind. Put together here from its parts:
 * - schedule.ts, busy-watch.ts: the policies (what is read when, the budgets, watching around a busy
 *   region), on an injected clock (ports.ts), with no page access: tested in Node on a fake clock;
 * - intake.ts: the observers (the document, shadow roots) and the sorting of changes, with
 *   place-finder.ts (which error place a change belongs to, read at once) and busy-region.ts;
 * - reading.ts: the page's rendered text read (walk.ts) and matched; sightings.ts: what was matched, found
 *   once visible.
 * Everything hangs off one AbortSignal.
 */

export type { Found };

export interface WatcherHooks {
  /** May this pattern count on this page (scope, product)? */
  allowed(pattern: number): boolean;
  /** A visible occurrence of a pattern. */
  found(found: Found): void;
  /** Called before reading (at most every 100 ms unless an error place is to be read): the place to notice route changes. */
  tick?(): void;
}

/** The browser's clock; its task channel closes when `signal` aborts. */
function browserClock(signal: AbortSignal): Clock {
  const channel = new MessageChannel();
  const tasks: (() => void)[] = [];
  channel.port1.onmessage = () => tasks.shift()?.();
  signal.addEventListener('abort', () => {
    channel.port1.close();
    tasks.length = 0;
  });
  return {
    now: () => performance.now(),
    after: (fn, ms) => window.setTimeout(fn, ms),
    cancel: (handle) => clearTimeout(handle),
    task(fn) {
      tasks.push(fn);
      channel.port2.postMessage(0);
    },
    idle: (fn, timeout) => requestIdle(fn, timeout),
    cancelIdle: (handle) => cancelIdle(handle),
    frame: (fn) => void requestAnimationFrame(fn),
  };
}

export class Watcher {
  private readonly schedule: Scheduler<Node, TextWalker>;
  private readonly intake: Intake;
  private readonly sightings: Sightings;

  constructor(matcher: Matcher, hooks: WatcherHooks, signal: AbortSignal) {
    // a tip's time is not the watcher's work, and is bounded by the tips themselves (one per article)
    const sightings = new Sightings((found) => schedule.untimed(() => hooks.found(found)));
    const reader = new PageReader(matcher, hooks.allowed, { shadowRoot: (root) => intake.observe(root), field: (el) => intake.field(el) }, (el, hit) => sightings.sighted(el, hit));
    const schedule: Scheduler<Node, TextWalker> = new Scheduler<Node, TextWalker>(browserClock(signal), {
      sort: (changes, isNew) => intake.sort(changes, isNew),
      read: (node, deadline) => reader.read(node, deadline),
      get full() {
        return reader.full;
      },
      match: () => reader.match(),
      readOn: (walk, end) => reader.readOn(walk, end),
      walk: (root) => reader.walk(root),
      isConnected: (node) => node.isConnected,
      tick: () => hooks.tick?.(),
      get sighted() {
        return sightings.size > 0;
      },
      recheck: () => sightings.recheck(),
      watchAround: () => intake.watchAround(),
      lookOver: (region) => reader.lookOver(region),
      watchAll: () => intake.watchAll(),
    });
    const intake: Intake = new Intake(schedule, new PlaceFinder(), signal);
    signal.addEventListener('abort', () => {
      schedule.stop();
      sightings.clear();
    });
    this.schedule = schedule;
    this.intake = intake;
    this.sightings = sightings;
  }

  /** Starts watching, and reads what the page shows already: error places at once, the rest in idle time. */
  start(): void {
    this.intake.start();
    this.readAll();
  }

  /** Re-reads everything once (after the options widen what may match). */
  rescan(): void {
    this.sightings.clear();
    this.readAll();
  }

  private readAll(): void {
    this.schedule.readPage();
    this.intake.readPlaces();
    this.schedule.requestFlush();
  }
}
