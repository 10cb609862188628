import { MODE_CONTEXT, type DetectionTable } from '../shared/kb-types';
import { PageContexts } from '../shared/page-context';
import type { ProductKey } from '../shared/products';

/**
 * Which patterns of the detection table count in this frame: the article's products must be picked, and
 * the pattern's address scope (or, for a page-context text, its context's address) must match the frame's
 * address or its top page's (PageContexts reads the globs). Pure: tested in Node.
 */
export class PageScope {
  private readonly contexts: PageContexts;
  /** The frame's own address. */
  url = '';
  /** The tab's address (the top frame's), when known; '' until the worker tells. */
  topUrl = '';
  products: readonly ProductKey[] = [];

  constructor(private readonly table: Pick<DetectionTable, 'patterns' | 'contexts' | 'articles'>) {
    this.contexts = new PageContexts(table);
  }

  private get addresses(): string[] {
    return [this.url, this.topUrl];
  }

  /** Is the article in one of the picked products? */
  productOk(article: number): boolean {
    return this.table.articles[article].products.some((p) => this.products.includes(p));
  }

  /** May this pattern count here (product, address scope; a context text needs its context's address)? */
  allowed(pattern: number): boolean {
    const entry = this.table.patterns[pattern];
    if (!this.productOk(entry.a)) return false;
    return entry.m === MODE_CONTEXT ? this.contexts.textCounts(pattern, this.addresses) : this.contexts.inScope(pattern, this.addresses);
  }

  /** Articles the address alone makes relevant (contexts without a text), in the picked products. */
  contextArticles(): number[] {
    return this.contexts.byAddress(this.addresses, (article) => this.productOk(article));
  }
}
