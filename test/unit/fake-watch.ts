import type { Clock, IdleTime, PageSide, Walk } from '../../src/content/ports';
import { Scheduler } from '../../src/content/schedule';

/**
 * A browser's event loop on fake time, for the watcher's scheduler: nothing runs until the test says how
 * far time goes, and work takes exactly the time the fake page says it takes (`spend`). Order at one
 * instant: tasks, then timers, then frames (every 16 ms, when `frames` is on), then idle slices: at once
 * with `idleRoom` ms of room while the page is idle, or only at their timeout on a page that never is
 * (`idleRoom = 0`).
 */
export class FakeClock implements Clock {
  private t = 0;
  private nextId = 1;
  private timers: { id: number; at: number; fn: () => void }[] = [];
  private tasks: (() => void)[] = [];
  private idles: { id: number; due: number; fn: (deadline: IdleTime | null) => void }[] = [];
  private frameCallbacks: (() => void)[] = [];
  idleRoom = 50;
  frames = true;

  now(): number {
    return this.t;
  }

  /** Work that takes `ms`. */
  spend(ms: number): void {
    this.t += ms;
  }

  after(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.push({ id, at: this.t + Math.max(0, ms), fn });
    return id;
  }

  cancel(handle: number): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  task(fn: () => void): void {
    this.tasks.push(fn);
  }

  idle(fn: (deadline: IdleTime | null) => void, timeout: number): number {
    const id = this.nextId++;
    this.idles.push({ id, due: this.t + timeout, fn });
    return id;
  }

  cancelIdle(handle: number): void {
    this.idles = this.idles.filter((slice) => slice.id !== handle);
  }

  frame(fn: () => void): void {
    this.frameCallbacks.push(fn);
  }

  /** Runs everything that falls due until `until`, then sets the clock there. */
  runUntil(until: number): void {
    if (!Number.isFinite(until)) throw new Error(`no end of time: ${until}`);
    for (;;) {
      const task = this.tasks.shift();
      if (task) {
        task();
        continue;
      }
      const timer = this.timers.reduce<(typeof this.timers)[number] | undefined>((a, b) => (!a || b.at < a.at ? b : a), undefined);
      const frameAt = this.frames && this.frameCallbacks.length ? Math.ceil((this.t + 0.001) / 16) * 16 : Infinity;
      const slice = this.idles[0];
      const idleAt = slice ? (this.idleRoom > 0 ? this.t : slice.due) : Infinity;
      const at = Math.min(timer?.at ?? Infinity, frameAt, idleAt);
      if (!(at <= until)) break;
      this.t = Math.max(this.t, at);
      if (timer && timer.at <= this.t) {
        this.timers.splice(this.timers.indexOf(timer), 1);
        timer.fn();
      } else if (frameAt <= this.t) {
        for (const fn of this.frameCallbacks.splice(0)) fn();
      } else {
        this.idles.shift();
        const start = this.t;
        const room = this.idleRoom;
        slice!.fn(room > 0 ? { didTimeout: false, timeRemaining: () => Math.max(0, start + room - this.t) } : { didTimeout: true, timeRemaining: () => 0 });
      }
    }
    this.t = Math.max(this.t, until);
  }
}

/** A changed node of the fake page: reading it takes `cost` ms, or `size` ms of walking when it is big. */
export interface Item {
  name: string;
  place?: boolean;
  cost?: number;
  size?: number;
  gone?: boolean;
}

export class FakeWalk implements Walk<Item> {
  constructor(
    readonly root: Item,
    public left: number,
  ) {}

  get done(): boolean {
    return this.left <= 0;
  }
}

type Kind = 'place' | 'queued' | 'walk' | 'page' | 'look';

/** What the fake page did, when, for how long. */
export interface Entry {
  kind: Kind;
  name: string;
  at: number;
  ms: number;
}

/**
 * The page side, faked: changes sorted by their `place` flag; reading takes the time each item says; a
 * busy region to watch around when asked (`region`), its look-overs answering `anchors` after `lookCost` ms.
 */
export class FakePage implements PageSide<Item, FakeWalk> {
  readonly log: Entry[] = [];
  readonly events: { what: string; at: number }[] = [];
  schedule!: Scheduler<Item, FakeWalk>;
  region: Item | null = null;
  anchors: string | null = '';
  lookCost = 0;
  sighted = false;
  readonly full = false;

  constructor(
    private readonly clock: FakeClock,
    private readonly pageSize = 0,
  ) {}

  sort(changes: Item[], isNew: boolean[]): void {
    changes.forEach((item, i) => (item.place ? this.schedule.readSoon(item) : this.schedule.queue(item, isNew[i])));
  }

  read(node: Item, deadline: number): FakeWalk | null {
    if (node.gone) return null;
    const at = this.clock.now();
    this.clock.spend(node.cost ?? 0.1);
    this.log.push({ kind: node.place ? 'place' : 'queued', name: node.name, at, ms: this.clock.now() - at });
    return node.size ? this.walkOn(new FakeWalk(node, node.size), deadline) : null;
  }

  match(): void {}

  readOn(walk: FakeWalk, end: number): void {
    this.walkOn(walk, end);
  }

  private walkOn(walk: FakeWalk, end: number): FakeWalk | null {
    const at = this.clock.now();
    const ms = Math.min(walk.left, Math.max(0, end - at));
    this.clock.spend(ms);
    walk.left -= ms;
    this.log.push({ kind: walk.root.name === 'page' ? 'page' : 'walk', name: walk.root.name, at, ms });
    return walk.done ? null : walk;
  }

  walk(root?: Item): FakeWalk {
    this.events.push({ what: `walk ${root?.name ?? 'page'}`, at: this.clock.now() });
    return new FakeWalk(root ?? { name: 'page' }, root ? (root.size ?? 1) : this.pageSize);
  }

  isConnected(node: Item): boolean {
    return !node.gone;
  }

  tick(): void {
    this.events.push({ what: 'tick', at: this.clock.now() });
  }

  recheck(): void {
    this.events.push({ what: 'recheck', at: this.clock.now() });
  }

  watchAround(): Item | null {
    if (this.region) this.events.push({ what: 'around', at: this.clock.now() });
    return this.region;
  }

  lookOver(region: Item): string | null {
    this.events.push({ what: 'look', at: this.clock.now() });
    this.clock.spend(this.lookCost);
    void region;
    return this.anchors;
  }

  watchAll(): void {
    this.events.push({ what: 'all', at: this.clock.now() });
  }

  /** When `what` happened. */
  times(what: string): number[] {
    return this.events.filter((e) => e.what === what).map((e) => e.at);
  }

  /** Milliseconds spent reading `kind` between `from` and `to`. */
  spent(kind: Kind, from = 0, to = Infinity): number {
    return this.log.filter((e) => e.kind === kind && e.at >= from && e.at < to).reduce((sum, e) => sum + e.ms, 0);
  }
}

/** A scheduler on a fake clock and a fake page. */
export function fakeWatch(pageSize = 0): { clock: FakeClock; page: FakePage; schedule: Scheduler<Item, FakeWalk> } {
  const clock = new FakeClock();
  const page = new FakePage(clock, pageSize);
  const schedule = new Scheduler<Item, FakeWalk>(clock, page);
  page.schedule = schedule;
  return { clock, page, schedule };
}
