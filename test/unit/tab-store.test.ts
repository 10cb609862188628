import { describe, expect, it } from 'vitest';
import { TabStore, type RecordArea } from '../../src/background/tab-store';
import { addItem } from '../../src/background/tabs';
import { tabKey } from '../../src/shared/tab-records';

/** storage.session in memory; each call settles after `delay` turns of the event loop. */
function memoryArea(delay = 0, quota = Infinity): RecordArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const later = async () => {
    for (let i = 0; i < delay; i++) await new Promise((done) => setTimeout(done, 0));
  };
  return {
    data,
    async get(key) {
      await later();
      return key === null ? Object.fromEntries(data) : data.has(key) ? { [key]: data.get(key) } : {};
    },
    async set(items) {
      await later();
      const size = [...data.values(), ...Object.values(items)].reduce<number>((n, v) => n + JSON.stringify(v).length, 0);
      if (size > quota) throw new Error('Session storage quota bytes exceeded');
      for (const [k, v] of Object.entries(items)) data.set(k, v);
    },
    async remove(keys) {
      await later();
      for (const k of [].concat(keys as never)) data.delete(k);
    },
  };
}

const quiet = { cleared: () => undefined, changed: async () => undefined };

describe('the tab records', () => {
  it('a page that reports as its tab closes leaves no record behind', async () => {
    const area = memoryArea(3);
    const store = new TabStore(area, quiet);
    await store.update(7, (tab) => addItem(tab, { id: 'KA-1', kind: 'error', seenAt: 1 }));
    // the page's last report is still being written when the tab closes
    const last = store.update(7, (tab) => addItem(tab, { id: 'KA-2', kind: 'error', seenAt: 2 }));
    const gone = store.forget(7);
    await Promise.all([last, gone]);
    expect(area.data.has(tabKey(7))).toBe(false);
    // and a report arriving after the close writes nothing either
    await store.update(7, (tab) => addItem(tab, { id: 'KA-3', kind: 'error', seenAt: 3 }));
    expect(area.data.has(tabKey(7))).toBe(false);
  });

  it("two frames reporting at once both land, and other tabs' records stay", async () => {
    const area = memoryArea(2);
    const changed: number[] = [];
    const store = new TabStore(area, { cleared: () => undefined, changed: async (id) => void changed.push(id) });
    await Promise.all([
      store.update(1, (tab) => addItem(tab, { id: 'KA-1', kind: 'error', seenAt: 1 })),
      store.update(1, (tab) => addItem(tab, { id: 'KA-2', kind: 'error', seenAt: 2 })),
      store.update(2, (tab) => addItem(tab, { id: 'KA-3', kind: 'error', seenAt: 3 })),
    ]);
    expect((await store.read(1)).items.length).toBe(2);
    await store.forget(1);
    expect((await store.read(2)).items.length).toBe(1);
    expect(changed.sort()).toEqual([1, 1, 2]);
  });

  it('a full storage lets the least recently written tab go, and says so', async () => {
    const area = memoryArea(0, 400);
    const cleared: number[] = [];
    const store = new TabStore(area, { cleared: (id) => void cleared.push(id), changed: async () => undefined });
    await store.update(1, (tab) => addItem(tab, { id: 'KA-1', kind: 'error', seenAt: 1, text: 'a'.repeat(100) }));
    await store.update(2, (tab) => addItem(tab, { id: 'KA-2', kind: 'error', seenAt: 2, text: 'b'.repeat(100) }));
    await store.update(3, (tab) => addItem(tab, { id: 'KA-3', kind: 'error', seenAt: 3, text: 'c'.repeat(100) }));
    expect(cleared).toEqual([1]);
    expect([...area.data.keys()].sort()).toEqual([tabKey(2), tabKey(3)]);
  });
});
