import type { SortDirection, SortKey } from '../shared/history-export';
import { THEME_KEYS, type Theme } from '../shared/options';
import { PRODUCT_KEYS, type ProductKey } from '../shared/products';

/** The options page's plain logic: no DOM, no browser. Tested in Node. */

const THEME_LABELS: Record<Theme, string> = { auto: 'Match the browser', light: 'Light', dark: 'Dark' };

/** The theme choices, in the options' order. */
export const THEMES: { value: Theme; label: string }[] = THEME_KEYS.map((value) => ({ value, label: THEME_LABELS[value] }));

/** Products with `key` picked or not, in the registry's order. */
export function toggleProduct(products: readonly ProductKey[], key: ProductKey, on: boolean): ProductKey[] {
  return PRODUCT_KEYS.filter((p) => (p === key ? on : products.includes(p)));
}

/** Muted article ids with their titles; an id the knowledge base no longer has keeps a plain label. */
export function mutedEntries(muted: readonly string[], articles: ReadonlyMap<string, { title: string }>): { id: string; title: string }[] {
  return muted.map((id) => ({ id, title: articles.get(id)?.title ?? (articles.size ? 'No longer in the knowledge base' : id) }));
}

/** "23 Nov 2025, 13:02" from an ISO date; the raw text when it does not parse. */
export function builtText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso || 'at an unknown date';
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

/** The history table at first: the articles seen most recently on top. */
export const FIRST_SORT: Sort = { key: 'last', direction: 'desc' };

/** A click on a column's heading: the largest first; a second click on the same column turns the order round. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key !== key) return { key, direction: 'desc' };
  return { key, direction: current.direction === 'desc' ? 'asc' : 'desc' };
}
