import { describe, expect, it } from 'vitest';
import { fakeWatch, type Item } from './fake-watch';

/**
 * The watcher's policies on fake time: a fake clock and a fake page (fake-watch.ts) drive the real
 * scheduler, and every figure below is exact: no wall clock, no tolerance for a slow machine.
 */

/** A change of `item`, noted by an observer callback, sorted in the same task. */
function change(watch: ReturnType<typeof fakeWatch>, item: Item, isNew = false): void {
  watch.schedule.note(item, isNew);
  watch.schedule.flush();
}

const reads = (watch: ReturnType<typeof fakeWatch>, name: string) => watch.page.log.filter((e) => e.name === name && (e.kind === 'queued' || e.kind === 'place')).map((e) => e.at);

describe('reading changes: error places at once, the rest in idle time', () => {
  it('an error place is read in the task that notes it, before a backlog of ordinary changes', () => {
    const watch = fakeWatch();
    for (let i = 0; i < 50; i++) change(watch, { name: `cell${i}` });
    const toast = { name: 'toast', place: true };
    change(watch, toast, true);
    expect(watch.page.log.map((e) => e.name)).toEqual(['toast']); // nothing else ran yet: the backlog waits for idle time
    watch.clock.runUntil(1000);
    expect(watch.page.log).toHaveLength(51);
    expect(watch.page.log[0]).toMatchObject({ name: 'toast', at: 0 });
  });

  it('queued changes: new content before content changed in place; newest first, every fourth the oldest', () => {
    const watch = fakeWatch();
    change(watch, { name: 'edited' }, false);
    for (let i = 0; i < 8; i++) change(watch, { name: `new${i}` }, true);
    watch.clock.runUntil(100);
    expect(watch.page.log.map((e) => e.name)).toEqual(['new7', 'new6', 'new5', 'new0', 'new4', 'new3', 'new2', 'new1', 'edited']);
  });

  it('a node queued again 100 ms after it was read waits the other 150 ms', () => {
    const watch = fakeWatch();
    const cell = { name: 'cell' };
    change(watch, cell);
    watch.clock.runUntil(100);
    expect(reads(watch, 'cell')).toEqual([0]);
    change(watch, cell);
    watch.clock.runUntil(1000);
    expect(reads(watch, 'cell')).toEqual([0, 250]);
  });

  it('a node changed every frame is read four times a second', () => {
    const watch = fakeWatch();
    const chart = { name: 'chart' };
    for (let t = 0; t < 1000; t += 16) {
      watch.clock.runUntil(t);
      change(watch, chart);
    }
    watch.clock.runUntil(999);
    expect(reads(watch, 'chart')).toEqual([0, 250, 500, 750]);
  });
});

describe('budgets per rolling second', () => {
  it('idle reading takes 8 ms a second, in slices of at most 4 ms: 30 ms of reading takes four seconds', () => {
    const watch = fakeWatch();
    change(watch, { name: 'table', size: 30, cost: 0 });
    watch.clock.runUntil(10_000);
    const slices = watch.page.log.filter((e) => e.kind === 'walk');
    expect(Math.max(...slices.map((e) => e.ms))).toBeLessThanOrEqual(4);
    expect([0, 1, 2, 3].map((s) => watch.page.spent('walk', s * 1000, (s + 1) * 1000))).toEqual([8, 8, 8, 6]);
  });

  it('error places take up to 15 ms a second while idle reading is quiet, and places never read before 4 more; the rest waits for the next second', () => {
    const watch = fakeWatch();
    for (let i = 0; i < 100; i++) watch.schedule.note({ name: `alert${i}`, place: true, cost: 0.5 }, true);
    watch.schedule.flush();
    watch.clock.runUntil(3000);
    const perSecond = [0, 1, 2].map((s) => watch.page.spent('place', s * 1000, (s + 1) * 1000));
    // 15 and the read under way when it ran out, then 4 and the read under way: 50 ms of reading in all
    expect(perSecond).toEqual([20, 20, 10]);
  });

  it('a place read again and again spends the budget; a toast shown then is still read in the task that notes it', () => {
    const watch = fakeWatch();
    const live = { name: 'live', place: true, cost: 1 };
    for (let t = 0; t < 500; t += 20) {
      watch.clock.runUntil(t);
      change(watch, live);
    }
    // the live region took its 15 ms, then waited: never the overdraft
    watch.clock.runUntil(500);
    expect(watch.page.spent('place', 0, 500)).toBe(15);
    const shownAt = watch.clock.now();
    change(watch, { name: 'toast', place: true, cost: 0.5 }, true);
    expect(reads(watch, 'toast')).toEqual([shownAt]);
  });

  it('error places keep 7 ms a second of their own when idle reading took its 8', () => {
    const watch = fakeWatch();
    change(watch, { name: 'table', size: 100, cost: 0 });
    watch.clock.runUntil(500);
    expect(watch.page.spent('walk', 0, 500)).toBe(8);
    for (let i = 0; i < 100; i++) watch.schedule.note({ name: `alert${i}`, place: true, cost: 0.5 }, true);
    watch.schedule.flush();
    watch.clock.runUntil(1000);
    expect(watch.page.spent('place', 500, 1000)).toBe(12); // 7 and the read under way, then the first reads' 4 and one under way
  });
});

/** Drives the page: every 10 ms an observer callback with `records` changes whose noting costs `cost` ms. */
function churn(watch: ReturnType<typeof fakeWatch>, until: number, records: number, cost = 0): void {
  const { clock, schedule } = watch;
  for (let t = Math.ceil(clock.now() / 10) * 10; t < until; t += 10) {
    clock.runUntil(t);
    const started = clock.now();
    schedule.count(started, records);
    clock.spend(cost);
    schedule.noted(started);
  }
  clock.runUntil(until);
}

describe('a page too busy to observe: watched around its busiest region', () => {
  const grid = (): Item => ({ name: 'grid', size: 1 });

  it('more than 5,000 changes a second: watched around after the first second; 4,000 a second: never', () => {
    const busy = fakeWatch();
    busy.page.region = grid();
    churn(busy, 3000, 60);
    expect(busy.page.times('around')).toEqual([1010]);
    const calm = fakeWatch();
    calm.page.region = grid();
    churn(calm, 3000, 40);
    expect(calm.page.times('around')).toEqual([]);
  });

  it('noting that costs more than 5 ms a second: watched around; 4 ms a second: never', () => {
    const costly = fakeWatch();
    costly.page.region = grid();
    churn(costly, 3000, 1, 0.06);
    expect(costly.page.times('around').map(Math.round)).toEqual([1010]);
    const cheap = fakeWatch();
    cheap.page.region = grid();
    churn(cheap, 3000, 1, 0.04);
    expect(cheap.page.times('around')).toEqual([]);
  });

  it('full watching is tried again after 10 s, then after twice as long each time, up to 160 s', () => {
    const watch = fakeWatch();
    watch.page.region = grid();
    const { page } = watch;
    // the page stays busy; watched around, its changes no longer reach the observer
    for (let until = 1000; until <= 600_000 && page.times('around').length < 7; until += 1000) {
      if (page.times('around').length > page.times('all').length) watch.clock.runUntil(until);
      else churn(watch, until, 60);
    }
    const around = page.times('around');
    const all = page.times('all');
    expect(all.map((t, i) => t - around[i])).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 160_000]);
  });

  it('looked over every 300 ms; a look that costs 3 ms every second (0.3 % of the main thread)', () => {
    const watch = fakeWatch();
    watch.page.region = grid();
    churn(watch, 1011, 60);
    const aroundAt = watch.page.times('around')[0];
    watch.clock.runUntil(aroundAt + 1000);
    expect(watch.page.times('look').map((t) => t - aroundAt)).toEqual([300, 600, 900]);
    const costly = fakeWatch();
    costly.page.region = grid();
    costly.page.lookCost = 3;
    churn(costly, 1011, 60);
    const costlyAt = costly.page.times('around')[0];
    costly.clock.runUntil(costlyAt + 4000);
    expect(costly.page.times('look').map((t) => t - costlyAt)).toEqual([300, 1303, 2306, 3309]);
  });

  it('one slow look does not space the next ones out: they follow the usual cost', () => {
    const watch = fakeWatch();
    watch.page.region = grid();
    churn(watch, 1011, 60);
    const aroundAt = watch.page.times('around')[0];
    watch.page.lookCost = 0;
    watch.clock.runUntil(aroundAt + 700);
    watch.page.lookCost = 30; // the third look, at 900
    watch.clock.runUntil(aroundAt + 901);
    watch.page.lookCost = 0;
    watch.clock.runUntil(aroundAt + 2000);
    expect(watch.page.times('look').map((t) => t - aroundAt)).toEqual([300, 600, 900, 1230, 1530, 1830]);
  });

  it('an error text appearing in the region: read at the look that sees it, then whole every 6 s while it holds one', () => {
    const watch = fakeWatch();
    const region = grid();
    watch.page.region = region;
    churn(watch, 1011, 60);
    const aroundAt = watch.page.times('around')[0];
    watch.clock.runUntil(aroundAt + 500);
    watch.page.anchors = 'relation';
    watch.clock.runUntil(aroundAt + 9999);
    expect(reads(watch, 'grid').map((t) => t - aroundAt)).toEqual([600]);
    expect(watch.page.times('walk grid').map((t) => t - aroundAt)).toEqual([6000]);
  });

  it('a region holding none is never read whole; one too long to look over is read whole every 6 s', () => {
    const quiet = fakeWatch();
    quiet.page.region = grid();
    churn(quiet, 1011, 60);
    quiet.clock.runUntil(10_000);
    expect(quiet.page.times('walk grid')).toEqual([]);
    const long = fakeWatch();
    long.page.region = grid();
    long.page.anchors = null;
    churn(long, 1011, 60);
    const aroundAt = long.page.times('around')[0];
    long.clock.runUntil(aroundAt + 9999);
    expect(long.page.times('look').map((t) => t - aroundAt)).toEqual([300]); // and no more
    expect(long.page.times('walk grid').map((t) => t - aroundAt)).toEqual([6000]);
  });
});

describe('the rest of the timing', () => {
  it('route changes are looked for at most every 100 ms under ordinary changes, and always before an error place', () => {
    const watch = fakeWatch();
    for (let t = 0; t < 300; t += 30) {
      watch.clock.runUntil(t);
      change(watch, { name: `cell${t}` });
    }
    watch.clock.runUntil(301);
    change(watch, { name: 'toast', place: true });
    expect(watch.page.times('tick')).toEqual([0, 120, 240, 301]);
  });

  it('visibility is re-checked once, just before the next frame, however many changes came first', () => {
    const watch = fakeWatch();
    watch.page.sighted = true;
    for (let t = 1; t < 6; t++) {
      watch.clock.runUntil(t);
      watch.schedule.visibilityMayChange();
      change(watch, { name: 'panel' });
    }
    watch.clock.runUntil(200);
    expect(watch.page.times('recheck')).toEqual([16]);
  });

  it('a page in the background draws no frames: the re-check comes 100 ms later; nothing seen, nothing to re-check', () => {
    const watch = fakeWatch();
    watch.clock.frames = false;
    watch.page.sighted = true;
    watch.clock.runUntil(5);
    watch.schedule.visibilityMayChange();
    change(watch, { name: 'panel' });
    watch.clock.runUntil(300);
    expect(watch.page.times('recheck')).toEqual([105]);
    const none = fakeWatch();
    none.schedule.visibilityMayChange();
    change(none, { name: 'panel' });
    none.clock.runUntil(300);
    expect(none.page.times('recheck')).toEqual([]);
  });

  it('more than 20,000 changed nodes waiting: the queue becomes one re-read of the page, held to the 8 ms even when idle', () => {
    const watch = fakeWatch(100);
    for (let i = 0; i <= 20_000; i++) watch.schedule.note({ name: `cell${i}` }, false);
    watch.schedule.flush();
    watch.clock.runUntil(2999);
    expect(watch.page.log.filter((e) => e.kind === 'queued')).toEqual([]);
    expect([0, 1, 2].map((s) => watch.page.spent('page', s * 1000, (s + 1) * 1000))).toEqual([8, 8, 8]);
  });

  it('the first read of the page uses the idle time the browser offers; a page never idle shares the 8 ms', () => {
    const idle = fakeWatch(100);
    idle.schedule.readPage();
    idle.schedule.requestFlush();
    idle.clock.runUntil(200);
    expect(idle.page.spent('page')).toBe(100);
    const never = fakeWatch(100);
    never.clock.idleRoom = 0;
    never.schedule.readPage();
    never.schedule.requestFlush();
    never.clock.runUntil(3000);
    // slices of 4 ms, forced every 250 ms, two a second: at 250 and 500, 1500 and 1750, 2750 (and 3000)
    expect([0, 1, 2].map((s) => never.page.spent('page', s * 1000, (s + 1) * 1000))).toEqual([8, 8, 4]);
  });
});
