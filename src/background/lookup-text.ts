import type { ArticleInfo } from '../shared/search';
import { PRODUCT_NAMES } from '../shared/products';

/** The plain parts of looking up a text from the page menu or the address bar. Pure: tested in Node. */

/** The popup page: the list and the search, or the reader with `?article=`. */
export const POPUP_PAGE = 'src/popup/index.html';
/** The reader on one article, as a page of its own. */
export function readerPath(id: string): string {
  return `${POPUP_PAGE}?article=${encodeURIComponent(id)}`;
}

/** The search with `text`: in the popup, or as a page of its own (`view=tab`) about the tab it came from. */
export function searchPath(text: string, page: { tabId?: number; inTab: boolean }): string {
  const params = new URLSearchParams({ q: text });
  if (page.tabId !== undefined && page.tabId >= 0) params.set('tab', String(page.tabId));
  if (page.inTab) params.set('view', 'tab');
  return `${POPUP_PAGE}?${params}`;
}

/** Chrome reads an omnibox description as XML: its five special characters must be escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * One address-bar suggestion: the article's id as what is entered, its title and products as what is shown.
 * Chrome's description is XML (the title, then the products dimmed); Firefox's is plain text.
 */
export function suggestion(article: ArticleInfo, xml: boolean): { content: string; description: string } {
  const products = article.products.map((p) => PRODUCT_NAMES[p]).join(' · ');
  const tail = `${products ? `${products} · ` : ''}${article.id}`;
  return { content: article.id, description: xml ? `${escapeXml(article.title)} <dim>— ${escapeXml(tail)}</dim>` : `${article.title} — ${tail}` };
}
