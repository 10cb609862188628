import type { HistoryEvent } from '../shared/history';
import { OPTIONS_KEY, parseOptions } from '../shared/options';
import { parseTabRecord, tabIdOfKey } from '../shared/tab-records';

/**
 * What the worker counts for itself, from the storage changes it already makes or sees: an article that
 * joins a tab's list ("listed"; a new page in the tab starts a fresh list, so each page counts), an article
 * muted ("Don't show again", from a tip or anywhere else), and the history switched off (which clears it).
 * Pure: tested in Node.
 */

export interface StorageChange {
  oldValue?: unknown;
  newValue?: unknown;
}

const itemIds = (record: unknown): string[] => parseTabRecord(record).items.map((item) => item.id);

const added = (before: readonly string[], after: readonly string[]): string[] => [...new Set(after.filter((id) => !before.includes(id)))];

export function historyFromChanges(changes: Record<string, StorageChange>, area: string, at: number): { events: HistoryEvent[]; clear: boolean } {
  const events: HistoryEvent[] = [];
  let clear = false;
  if (area === 'session') {
    for (const [key, change] of Object.entries(changes)) {
      if (tabIdOfKey(key) !== null) for (const id of added(itemIds(change.oldValue), itemIds(change.newValue))) events.push({ id, count: 'listed', at });
    }
  }
  if (area === 'sync' && OPTIONS_KEY in changes) {
    const before = parseOptions(changes[OPTIONS_KEY].oldValue);
    const after = parseOptions(changes[OPTIONS_KEY].newValue);
    for (const id of added(before.muted, after.muted)) events.push({ id, count: 'muted', at });
    clear = before.history && !after.history;
  }
  return { events, clear };
}
