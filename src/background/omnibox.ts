import type { ArticleInfo } from '../shared/kb-types';
import { productLine } from '../shared/products';

/** The address bar's suggestions (keyword `xc`), as plain text or as Chrome's XML. Pure: tested in Node. */

/** Chrome reads an omnibox description as XML: its five special characters must be escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * One address-bar suggestion: the article's id as what is entered, its title and products as what is shown.
 * Chrome's description is XML (the title, then the products dimmed); Firefox's is plain text.
 */
export function suggestion(article: ArticleInfo, xml: boolean): { content: string; description: string } {
  const products = productLine(article.products);
  const tail = `${products ? `${products} · ` : ''}${article.id}`;
  return { content: article.id, description: xml ? `${escapeXml(article.title)} <dim>— ${escapeXml(tail)}</dim>` : `${article.title} — ${tail}` };
}
