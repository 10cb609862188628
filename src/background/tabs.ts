import type { DetectionTable } from '../shared/kb-types';
import type { PageItem, TabState } from '../shared/messages';
import { globToRegExp } from '../shared/glob';

/**
 * Per-tab detections, pure: what each tab has shown, which page-context articles apply to it, and the
 * badge count. The worker keeps these in storage.session, since it may be stopped at any time.
 */

export interface TabRecord {
  url: string;
  items: PageItem[];
  /** The top document the items belong to: the id its content script drew. */
  documentId?: string;
}

export function emptyTab(url = ''): TabRecord {
  return { url, items: [] };
}

/** Adds or refreshes an item; newest first. */
export function addItem(tab: TabRecord, item: PageItem): TabRecord {
  const rest = tab.items.filter((i) => i.id !== item.id);
  const earlier = tab.items.find((i) => i.id === item.id);
  // an error outranks a context for the same article
  const kind = earlier?.kind === 'error' ? 'error' : item.kind;
  return { ...tab, items: [{ ...earlier, ...item, kind, text: item.text ?? earlier?.text }, ...rest].slice(0, 100) };
}

/** A new address: context items that no longer apply go; errors stay (they happened in this tab). */
export function changeUrl(tab: TabRecord, url: string, table: Pick<DetectionTable, 'contexts' | 'articles'>): TabRecord {
  const stillRelevant = new Set(
    table.contexts.filter((c) => c.text === undefined && globToRegExp(c.url).test(url)).map((c) => table.articles[c.a].id),
  );
  return { url, items: tab.items.filter((i) => i.kind === 'error' || stillRelevant.has(i.id)) };
}

export function badgeText(tab: TabRecord | undefined): string {
  const count = new Set(tab?.items.map((i) => i.id)).size;
  return count === 0 ? '' : count > 99 ? '99+' : String(count);
}

export function tabState(tab: TabRecord | undefined): TabState {
  return { url: tab?.url ?? '', items: [...(tab?.items ?? [])].sort((a, b) => b.seenAt - a.seenAt) };
}
