import type { DetectionTable } from '../shared/kb-types';
import { MODE_CONTEXT } from '../shared/kb-types';
import { globToRegExp } from '../shared/glob';
import type { ProductKey } from '../shared/products';

/**
 * Which patterns of the detection table count on a page: the article's products must be picked, and the
 * pattern's address scope (or, for a page-context text, its context's address) must match the frame's
 * address or its top page's. Pure: tested in Node.
 */

type Test = (url: string) => boolean;
const compile = (glob: string): Test => {
  const re = globToRegExp(glob);
  return (url) => re.test(url);
};

export class PageScope {
  private readonly scopes: (Test[] | null)[];
  private readonly contexts: { article: number; text?: number; test: Test }[];
  /** The frame's own address. */
  url = '';
  /** The tab's address (the top frame's), when known; '' until the worker tells. */
  topUrl = '';
  products: readonly ProductKey[] = [];

  constructor(private readonly table: Pick<DetectionTable, 'patterns' | 'contexts' | 'articles'>) {
    this.scopes = table.patterns.map((p) => p.u?.map(compile) ?? null);
    this.contexts = table.contexts.map((c) => ({ article: c.a, text: c.text, test: compile(c.url) }));
  }

  private matches(test: Test): boolean {
    return test(this.url) || (this.topUrl !== '' && test(this.topUrl));
  }

  /** Is the article in one of the picked products? */
  productOk(article: number): boolean {
    return this.table.articles[article].products.some((p) => this.products.includes(p));
  }

  /** May this pattern count here (product, address scope; a context text needs its context's address)? */
  allowed(pattern: number): boolean {
    const entry = this.table.patterns[pattern];
    if (!this.productOk(entry.a)) return false;
    if (entry.m === MODE_CONTEXT) return this.contexts.some((c) => c.text === pattern && this.matches(c.test));
    const scope = this.scopes[pattern];
    return !scope || scope.some((test) => this.matches(test));
  }

  /** Articles the address alone makes relevant (contexts without a text), in the picked products. */
  contextArticles(): number[] {
    const out: number[] = [];
    for (const context of this.contexts) {
      if (context.text !== undefined || !this.productOk(context.article)) continue;
      if (this.matches(context.test) && !out.includes(context.article)) out.push(context.article);
    }
    return out;
  }
}
