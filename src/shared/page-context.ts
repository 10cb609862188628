import { globMatcher, type GlobMatcher } from './glob';
import type { DetectionTable } from './kb-types';

/**
 * Which articles a page's address makes relevant, and where a scoped error text counts: the one place that
 * reads the URL globs of the detection table, for the content script and the worker alike. Pure.
 */

/**
 * Longest address a glob is matched against, and kept for a tab: longer than any address the Adobe UIs
 * write (their longest, unified-shell hashes with a route's state, stay within a few hundred characters),
 * yet small enough that matching every glob of the knowledge base on it costs well under a millisecond and
 * that storing one per tab cannot fill the browser's session storage. A page can make its address as long
 * as it likes (megabytes, in its hash); past this only the start of it counts.
 */
export const MAX_ADDRESS = 8192;

export function boundAddress(url: string): string {
  return url.length > MAX_ADDRESS ? url.slice(0, MAX_ADDRESS) : url;
}

type Table = Pick<DetectionTable, 'articles' | 'patterns' | 'contexts'>;

export class PageContexts {
  /** Per pattern: the globs where it counts, or null for everywhere. */
  private readonly scopes: (GlobMatcher[] | null)[];
  private readonly contexts: { article: number; text?: number; matches: GlobMatcher }[];

  constructor(private readonly table: Table) {
    this.scopes = table.patterns.map((p) => p.u?.map(globMatcher) ?? null);
    this.contexts = table.contexts.map((c) => ({ article: c.a, text: c.text, matches: globMatcher(c.url) }));
  }

  /** Whether a pattern counts on a page at any of these addresses (the frame's, the tab's): its URL scope. */
  inScope(pattern: number, addresses: readonly string[]): boolean {
    const scope = this.scopes[pattern];
    return !scope || scope.some((matches) => some(addresses, matches));
  }

  /** Whether a page-context text counts: only on a page whose address one of its contexts names. */
  textCounts(pattern: number, addresses: readonly string[]): boolean {
    return this.contexts.some((c) => c.text === pattern && some(addresses, c.matches));
  }

  /** The articles (by index) that an address alone makes relevant, in table order, each once. */
  byAddress(addresses: readonly string[], allowed: (article: number) => boolean = () => true): number[] {
    const found = new Set<number>();
    for (const c of this.contexts) if (c.text === undefined && !found.has(c.article) && allowed(c.article) && some(addresses, c.matches)) found.add(c.article);
    return [...found];
  }

  /** The ids of the articles an address alone makes relevant: what a tab's list keeps after navigation. */
  idsByAddress(addresses: readonly string[]): Set<string> {
    return new Set(this.byAddress(addresses).map((a) => this.table.articles[a].id));
  }
}

function some(addresses: readonly string[], matches: GlobMatcher): boolean {
  return addresses.some((address) => address !== '' && matches(boundAddress(address)));
}
