import type { PageContexts } from '../shared/page-context';
import { MAX_ITEMS, MAX_ITEM_TEXT, type PageItem, type TabRecord } from '../shared/tab-records';

/**
 * What the worker does to a tab's record, pure: add what a page showed, follow the tab to a new address,
 * count the badge. The record's shape, bounds and storage key live in shared/tab-records.
 */

/** Adds or refreshes an item; newest first. */
export function addItem(tab: TabRecord, item: PageItem): TabRecord {
  const rest = tab.items.filter((i) => i.id !== item.id);
  const earlier = tab.items.find((i) => i.id === item.id);
  // an error outranks a context for the same article
  const kind = earlier?.kind === 'error' ? 'error' : item.kind;
  const text = (item.text ?? earlier?.text)?.slice(0, MAX_ITEM_TEXT);
  const next: PageItem = { ...earlier, ...item, kind };
  if (text === undefined) delete next.text;
  else next.text = text;
  return { ...tab, items: [next, ...rest].slice(0, MAX_ITEMS) };
}

/** A new address: context items that no longer apply go; errors stay (they happened in this tab). */
export function changeUrl(tab: TabRecord, url: string, contexts: PageContexts): TabRecord {
  const stillRelevant = contexts.idsByAddress([url]);
  return { ...tab, url, items: tab.items.filter((i) => i.kind === 'error' || stillRelevant.has(i.id)) };
}

export function badgeText(tab: TabRecord | undefined): string {
  const count = new Set(tab?.items.map((i) => i.id)).size;
  return count === 0 ? '' : count > 99 ? '99+' : String(count);
}
