import type { Theme } from '../shared/options';
import { PRODUCT_KEYS, type ProductKey } from '../shared/products';

/** The options page's plain logic: no DOM, no browser. Tested in Node. */

export const THEMES: { value: Theme; label: string }[] = [
  { value: 'auto', label: 'Match the browser' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** Products with `key` picked or not, in the registry's order. */
export function toggleProduct(products: readonly ProductKey[], key: ProductKey, on: boolean): ProductKey[] {
  return PRODUCT_KEYS.filter((p) => (p === key ? on : products.includes(p)));
}

/** Muted article ids with their titles; an id the knowledge base no longer has keeps a plain label. */
export function mutedEntries(muted: readonly string[], titles: ReadonlyMap<string, string>): { id: string; title: string }[] {
  return muted.map((id) => ({ id, title: titles.get(id) ?? (titles.size ? 'No longer in the knowledge base' : id) }));
}

/** "23 Nov 2025, 13:02" from an ISO date; the raw text when it does not parse. */
export function builtText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso || 'at an unknown date';
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}
