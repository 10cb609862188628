import { isArticleId } from '../shared/article-id';
import type { Options } from '../shared/options';
import { PRODUCT_KEYS, WATCHED_HOSTS, type ProductKey } from '../shared/products';
import { articleInfo, type ArticleInfo } from '../shared/kb-types';
import type { SearchHit } from '../shared/search';
import { newestFirst, type PageItem } from '../shared/tab-records';
import { timeAgo } from '../ui/time';

/** What the popup shows, worked out from plain data: no DOM, no browser. Tested in Node. */

export interface PopupParams {
  /** `?tab=`: the tab whose detections to show instead of the active one. */
  tab: number | null;
  /** `?article=`: open the reader on this article (the reader in a tab of its own). */
  article: string | null;
  /** `?q=`: start with this search. */
  query: string;
}

export function parseParams(search: string): PopupParams {
  const params = new URLSearchParams(search);
  const tab = params.get('tab') ?? '';
  const article = params.get('article');
  return {
    tab: /^\d{1,15}$/.test(tab) ? Number(tab) : null,
    article: isArticleId(article) ? article : null,
    query: params.get('q') ?? '',
  };
}

/** One row of a list: a detection on this page or a search result. */
export interface Entry extends ArticleInfo {
  kind: 'error' | 'context' | 'result';
  /** Under the title: the page's text for an error, the summary otherwise. */
  detail: string;
  /** "2 min ago" for a detection. */
  when?: string;
  /** The person asked not to see this article's tips again. */
  muted?: boolean;
  item?: PageItem;
}

export function pageEntries(items: readonly PageItem[], info: (id: string) => ArticleInfo | undefined, muted: readonly string[] = [], now = Date.now()): Entry[] {
  return newestFirst(items).map((item) => {
    const article = info(item.id) ?? { id: item.id, title: item.id, summary: '', products: [] };
    return {
      ...article,
      kind: item.kind,
      detail: item.kind === 'error' && item.text ? item.text : article.summary,
      when: timeAgo(item.seenAt, now),
      muted: muted.includes(item.id),
      item,
    };
  });
}

export function resultEntries(hits: readonly SearchHit[]): Entry[] {
  return hits.map((hit) => ({ ...articleInfo(hit), kind: 'result', detail: hit.summary }));
}

/** The products a search is limited to, or null for all: no filter when everything (or nothing) is picked. */
export function productFilter(options: Pick<Options, 'products'> | null, allProducts: boolean): ProductKey[] | null {
  if (allProducts || !options) return null;
  const picked = options.products;
  return picked.length === 0 || picked.length === PRODUCT_KEYS.length ? null : [...picked];
}

/** The watched pages, as people write them: experience.adobe.com, *.experience.adobe.net, bank.demdex.com. */
export function watchedHosts(): string[] {
  return WATCHED_HOSTS.map((pattern) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, ''));
}

/** "3 results", "1 result", with the ones the product filter hides. */
export function countText(shown: number, hidden: number, filtered: boolean): string {
  const results = `${shown === 0 ? 'No' : shown} result${shown === 1 ? '' : 's'}`;
  if (!filtered) return results;
  return hidden ? `${results} in your products, ${hidden} more in others` : `${results} in your products`;
}

/** Next active row for ArrowUp / ArrowDown; stays within the list. */
export function moveActive(active: number, delta: number, length: number): number {
  if (length === 0) return 0;
  return Math.min(length - 1, Math.max(0, active + delta));
}

export { shortcutKeys } from '../shared/commands';

/** An error text with its variable parts marked: "Invalid id {id}" → ["Invalid id ", {variable: "id"}]. */
export function errorTextParts(text: string): (string | { variable: string })[] {
  return text
    .split(/(\{[^{}]*\})/)
    .filter(Boolean)
    .map((piece) => (/^\{[^{}]*\}$/.test(piece) ? { variable: piece.slice(1, -1) || '…' } : piece));
}

/** An article's "updated" date for people: "2023-03-29" → "29 Mar 2023". */
export function updatedText(date: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime())) return date;
  return parsed.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** The host of the tab's page, or '' when it has no (valid) address. */
export function pageHost(url: string): string {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
}

/** "On this page", with the page's host when the tab has one: "On this page · bank.demdex.com". */
export function pageHeading(url: string): string {
  const host = pageHost(url);
  return host ? `On this page · ${host}` : 'On this page';
}
