import { describe, expect, it } from 'vitest';
import { Budget } from '../../src/content/budget';
import { namedErrorIds, namesErrorText } from '../../src/content/places';
import { ChangeQueue } from '../../src/content/queue';

describe('Budget: work over a rolling second', () => {
  it('adds up what was spent in the last second and forgets older work', () => {
    const budget = new Budget();
    budget.spend(1000, 5);
    budget.spend(1400, 7);
    expect(budget.spent(1500)).toBe(12);
    expect(budget.left(1500, 20)).toBe(8);
    expect(budget.spent(2060)).toBe(7); // the first entry left the window
    expect(budget.spent(2500)).toBe(0);
  });

  it('says how long until enough is free again', () => {
    const budget = new Budget();
    budget.spend(1000, 15);
    budget.spend(1600, 5);
    expect(budget.waitFor(1700, 20, 1)).toBeGreaterThan(0);
    const wait = budget.waitFor(1700, 20, 10);
    // the 15 ms spent at 1000 leave the window a second later
    expect(1700 + wait).toBeGreaterThanOrEqual(2000);
    expect(1700 + wait).toBeLessThanOrEqual(2050);
    expect(budget.spent(1700 + wait)).toBeLessThanOrEqual(10);
    expect(budget.waitFor(1700, 40, 10)).toBe(0);
  });

  it('costs the same however much is recorded: many entries fold into its buckets', () => {
    const budget = new Budget();
    for (let t = 0; t < 100_000; t++) budget.spend(5000 + t / 101, 0.001);
    expect(budget.spent(5990)).toBeCloseTo(100, 0);
  });
});

describe('ChangeQueue: coalesced, newest first, never dropped', () => {
  it('reads a node changed many times once, and the newest change first', () => {
    const queue = new ChangeQueue<string>(100);
    for (let i = 0; i < 50; i++) queue.add('cell');
    queue.add('old');
    queue.add('error');
    expect(queue.size).toBe(3);
    expect(queue.takeNewest()).toBe('error');
    queue.add('cell'); // changed again: now the newest
    expect(queue.takeNewest()).toBe('cell');
    expect(queue.takeNewest()).toBe('old');
    expect(queue.takeNewest()).toBeUndefined();
  });

  it('takes the oldest too, so a steady stream of new changes starves nothing', () => {
    const queue = new ChangeQueue<number>(1000);
    queue.add(-1); // the first change, then a stream
    const read: number[] = [];
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 5; i++) queue.add(round * 10 + i);
      // a reader that keeps up with only part of the stream: three newest, one oldest
      read.push(queue.takeNewest()!, queue.takeNewest()!, queue.takeNewest()!, queue.takeOldest()!);
    }
    expect(read).toContain(-1);
    expect(read.indexOf(-1)).toBe(3);
  });

  it('past its bound it collapses into "read everything" instead of dropping', () => {
    const queue = new ChangeQueue<number>(10);
    for (let i = 0; i <= 10; i++) queue.add(i);
    expect(queue.overflowed).toBe(true);
    expect(queue.size).toBe(0);
    queue.add(99); // while collapsed, a full read covers it
    expect(queue.size).toBe(0);
    expect(queue.takeOverflow()).toBe(true);
    expect(queue.takeOverflow()).toBe(false);
    queue.add(1);
    expect(queue.takeOldest()).toBe(1);
  });

  it('keeps its memory bounded by the live entries under endless repeats', () => {
    const queue = new ChangeQueue<number>(100);
    for (let i = 0; i < 200_000; i++) queue.add(i % 50);
    expect(queue.size).toBe(50);
    const internal = (queue as unknown as { items: number[] }).items.length;
    expect(internal).toBeLessThanOrEqual(2 * 50 + 64 + 1);
    const seen = new Set<number>();
    for (let n = queue.takeOldest(); n !== undefined; n = queue.takeOldest()) seen.add(n);
    expect(seen.size).toBe(50);
  });
});

describe('fields that name their error text', () => {
  const field = (attrs: Record<string, string>) => ({ getAttribute: (name: string) => attrs[name] ?? null });

  it('aria-errormessage always; aria-describedby only when the field is invalid', () => {
    expect(namedErrorIds(field({ 'aria-errormessage': 'e1' }))).toEqual(['e1']);
    expect(namedErrorIds(field({ 'aria-invalid': 'true', 'aria-describedby': 'help err' }))).toEqual(['help', 'err']);
    expect(namedErrorIds(field({ 'aria-invalid': 'false', 'aria-describedby': 'help' }))).toEqual([]);
    expect(namedErrorIds(field({ 'aria-describedby': 'help' }))).toEqual([]);
  });

  it('a field met on a walk is one that names its error text: an invalid field without aria-describedby is not', () => {
    expect(namesErrorText(field({ 'aria-errormessage': 'e1' }))).toBe(true);
    expect(namesErrorText(field({ 'aria-invalid': 'true', 'aria-describedby': 'help' }))).toBe(true);
    expect(namesErrorText(field({ 'aria-invalid': 'true' }))).toBe(false);
    expect(namesErrorText(field({ 'aria-invalid': 'false', 'aria-describedby': 'help' }))).toBe(false);
    expect(namesErrorText(field({ 'aria-describedby': 'help' }))).toBe(false);
  });

  it('a field naming thousands of ids is held to a few', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `id${i}`).join(' ');
    expect(namedErrorIds(field({ 'aria-invalid': 'true', 'aria-describedby': many })).length).toBeLessThanOrEqual(8);
  });
});
