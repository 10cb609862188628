import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_OPTIONS, OPTIONS_KEY, OPTIONS_VERSION } from '../../src/shared/options';

/**
 * A storage area like storage.sync, whose reads and writes take a while: long enough for a second change to
 * start while the first is still reading or writing, as two quick clicks (or a click here and a tip's
 * "Don't show again") do in the browser.
 */
class SlowArea {
  data: Record<string, unknown> = {};
  writes = 0;
  constructor(private readonly delayMs: number) {}
  private later<T>(value: () => T): Promise<T> {
    return new Promise((done) => setTimeout(() => done(value()), this.delayMs));
  }
  get(key: string): Promise<Record<string, unknown>> {
    return this.later(() => (key in this.data ? { [key]: structuredClone(this.data[key]) } : {}));
  }
  set(items: Record<string, unknown>): Promise<void> {
    this.writes++;
    return this.later(() => void Object.assign(this.data, structuredClone(items)));
  }
}

const sync = new SlowArea(15);
// the store reaches storage through the browser's own API, which exists only inside an extension
vi.mock('../../src/shared/ext', () => ({ ext: { storage: { sync, onChanged: { addListener() {}, removeListener() {} } } } }));

const { optionsStore, updateOptions, loadOptions } = await import('../../src/shared/options-store');

beforeEach(() => {
  sync.data = {};
  sync.writes = 0;
});

describe('the options store serialises writes', () => {
  it('keeps two quick changes from two places: the options page and a tip', async () => {
    // the options page unpicks a product while a tip's "Don't show again" mutes an article
    const fromOptionsPage = updateOptions((o) => ({ products: o.products.filter((p) => p !== 'cja') }));
    const fromTip = updateOptions((o) => ({ muted: [...o.muted, 'KA-21790'] }));
    await Promise.all([fromOptionsPage, fromTip]);
    const stored = await loadOptions();
    expect(stored.products).toEqual(['aam', 'aep', 'analytics', 'target']);
    expect(stored.muted).toEqual(['KA-21790']);
    expect(sync.data[OPTIONS_KEY]).toMatchObject({ version: OPTIONS_VERSION, muted: ['KA-21790'] });
    expect(sync.writes).toBe(2);
  });

  it('applies each change to the result of the one before, in the order they were asked for', async () => {
    const results = await Promise.all(['KA-20057', 'KA-21790', 'KA-21705'].map((id) => updateOptions((o) => ({ muted: [...o.muted, id] }))));
    expect(results.map((r) => r.muted)).toEqual([['KA-20057'], ['KA-20057', 'KA-21790'], ['KA-20057', 'KA-21790', 'KA-21705']]);
  });

  it('goes on after a change that throws, and reports that change failed', async () => {
    const broken = updateOptions(() => {
      throw new Error('broken change');
    });
    const next = updateOptions(() => ({ tips: false }));
    await expect(broken).rejects.toThrow('broken change');
    expect((await next).tips).toBe(false);
    expect((await loadOptions()).tips).toBe(false);
  });

  it('holds the lock it is given around each read and write', async () => {
    const area = new SlowArea(5);
    const held: string[] = [];
    const store = optionsStore(area, async (run) => {
      held.push('take');
      const result = await run();
      held.push('release');
      return result;
    });
    await Promise.all([store.update(() => ({ theme: 'dark' })), store.update(() => ({ tips: false }))]);
    expect(held).toEqual(['take', 'release', 'take', 'release']);
    expect(await store.load()).toEqual({ ...DEFAULT_OPTIONS, theme: 'dark', tips: false });
  });

  it('the same two changes without a queue lose one: the stub is slow enough to show the race', async () => {
    const area = new SlowArea(15);
    const unqueued = async (change: (muted: string[]) => string[]) => {
      const current = ((await area.get(OPTIONS_KEY))[OPTIONS_KEY] as { muted?: string[] } | undefined)?.muted ?? [];
      await area.set({ [OPTIONS_KEY]: { version: OPTIONS_VERSION, muted: change(current) } });
    };
    await Promise.all([unqueued((m) => [...m, 'KA-20057']), unqueued((m) => [...m, 'KA-21790'])]);
    expect((await optionsStore(area).load()).muted).toHaveLength(1);
  });
});

describe('reading', () => {
  it('falls back to the defaults when storage fails', async () => {
    const failing = { get: () => Promise.reject(new Error('quota')), set: () => Promise.resolve() };
    expect(await optionsStore(failing).load()).toEqual(DEFAULT_OPTIONS);
  });
});
