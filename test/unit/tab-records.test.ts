import { describe, expect, it } from 'vitest';
import { addItem } from '../../src/background/tabs';
import { MAX_ADDRESS } from '../../src/shared/page-context';
import { emptyTab, MAX_ITEM_TEXT, MAX_ITEMS, newestFirst, parseTabRecord, recordSize, recordsToEvict, tabIdOfKey, tabKey, tabState } from '../../src/shared/tab-records';

describe('tab records', () => {
  it('are stored under one key per tab, and only such keys read back as tabs', () => {
    expect(tabKey(17)).toBe('tab:17');
    expect(tabIdOfKey(tabKey(17))).toBe(17);
    expect(tabIdOfKey('tab:x')).toBeNull();
    expect(tabIdOfKey('tab:-1')).toBeNull();
    expect(tabIdOfKey('options')).toBeNull();
  });

  it('list newest first, everywhere', () => {
    const items = [
      { id: 'KA-1', kind: 'error' as const, seenAt: 1 },
      { id: 'KA-2', kind: 'context' as const, seenAt: 3 },
      { id: 'KA-3', kind: 'error' as const, seenAt: 2 },
    ];
    expect(newestFirst(items).map((i) => i.id)).toEqual(['KA-2', 'KA-3', 'KA-1']);
    expect(items.map((i) => i.id)).toEqual(['KA-1', 'KA-2', 'KA-3']); // the input is left alone
    expect(tabState({ url: 'u', items }).items.map((i) => i.id)).toEqual(['KA-2', 'KA-3', 'KA-1']);
  });

  it('keep a well-formed record as it is', () => {
    const record = { url: 'https://experience.adobe.com/#/x', items: [{ id: 'KA-1', kind: 'error' as const, seenAt: 5, text: 'boom' }], documentId: 'd', touched: 9 };
    expect(parseTabRecord(record)).toEqual(record);
    expect(parseTabRecord(structuredClone(emptyTab('u')))).toEqual(emptyTab('u'));
  });

  it('repair a record of the wrong shape instead of keeping it', () => {
    expect(parseTabRecord(undefined)).toEqual(emptyTab());
    expect(parseTabRecord('tab')).toEqual(emptyTab());
    expect(parseTabRecord([1, 2])).toEqual(emptyTab());
    expect(parseTabRecord({ url: 42, items: 'junk', documentId: 7, touched: 'now' })).toEqual(emptyTab());
    const repaired = parseTabRecord({
      url: `https://experience.adobe.com/#/${'x'.repeat(3 * 1024 * 1024)}`,
      documentId: 'd'.repeat(1000),
      items: [
        null,
        'KA-1',
        { id: 'KA-1', kind: 'error', seenAt: 5, text: 'y'.repeat(1024 * 1024) },
        { id: 'KA-2', kind: 'virus', seenAt: 6 },
        { id: 'KA-3', kind: 'context', seenAt: Number.NaN },
        { id: '', kind: 'context', seenAt: 1 },
        { id: 'K'.repeat(1000), kind: 'context', seenAt: 1 },
        { id: 'KA-4', kind: 'context', seenAt: 8, text: 12 },
        { id: 'KA-1', kind: 'context', seenAt: 3 },
      ],
    });
    expect(repaired.url).toHaveLength(MAX_ADDRESS);
    expect(repaired.documentId).toBeUndefined();
    expect(repaired.items.map((i) => [i.id, i.kind, i.text?.length])).toEqual([
      ['KA-4', 'context', undefined],
      ['KA-1', 'error', MAX_ITEM_TEXT],
    ]);
  });

  it('hold at most MAX_ITEMS items, the newest', () => {
    const items = Array.from({ length: MAX_ITEMS + 50 }, (_, i) => ({ id: `KA-${1000 + i}`, kind: 'error', seenAt: i }));
    const repaired = parseTabRecord({ url: '', items });
    expect(repaired.items).toHaveLength(MAX_ITEMS);
    expect(repaired.items[0].id).toBe(`KA-${1000 + MAX_ITEMS + 49}`);
    let tab = emptyTab();
    for (const item of items) tab = addItem(tab, { id: item.id, kind: 'error', seenAt: item.seenAt, text: 'z'.repeat(MAX_ITEM_TEXT * 3) });
    expect(tab.items).toHaveLength(MAX_ITEMS);
    expect(tab.items.every((i) => i.text?.length === MAX_ITEM_TEXT)).toBe(true);
    // so a full record stays small enough for storage.session (10 MB) to hold well over a hundred tabs
    expect(recordSize(tabKey(1), { ...tab, url: 'u'.repeat(MAX_ADDRESS) })).toBeLessThan(64 * 1024);
  });

  it('give way oldest first when storage is full, never the tab being written', () => {
    const stored = {
      'tab:1': { url: 'a', items: [], touched: 300 },
      'tab:2': { url: 'b'.repeat(1000), items: [], touched: 100 },
      'tab:3': { url: 'c', items: [], touched: 200 },
      'tab:4': 'not a record', // the wrong shape counts as oldest
      options: { touched: 0 },
    };
    expect(recordsToEvict(stored, 3, 1)).toEqual([4]);
    expect(recordsToEvict(stored, 3, 100)).toEqual([4, 2]);
    expect(recordsToEvict(stored, 3, 10_000)).toEqual([4, 2, 1]);
    expect(recordsToEvict(stored, 1, 10_000)).toEqual([4, 2, 3]);
    expect(recordsToEvict({ 'tab:1': {} }, 1, 10)).toEqual([]);
  });
});
