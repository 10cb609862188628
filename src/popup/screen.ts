import { PRODUCT_KEYS } from '../shared/products';
import { countText, pageHost } from './model';

/** What the list screen shows, decided from plain state: no DOM, no browser. Tested in Node. */

export interface ScreenState {
  /** The tab, its titles and the options have arrived: "On this page" can show. */
  ready: boolean;
  /** The query is not blank. */
  searching: boolean;
  /** The search index is loaded (searching needs it). */
  indexLoaded: boolean;
  /** The search index could not be loaded. */
  failed: boolean;
  /** Rows in the list. */
  count: number;
}

/** The status line: a sentence, or "On this page" with the tab's host. */
export type Status = { kind: 'text'; text: string } | { kind: 'page'; host: string };

export function listStatus(state: ScreenState, results: { total: number; hidden: number }, filtered: boolean, url: string): Status {
  if (!state.ready) return { kind: 'text', text: 'Loading…' };
  if (state.searching && !state.indexLoaded) return { kind: 'text', text: state.failed ? 'The knowledge base could not be loaded' : 'Loading the knowledge base…' };
  if (state.searching) return { kind: 'text', text: countText(results.total, results.hidden, filtered) };
  return { kind: 'page', host: pageHost(url) };
}

/** What fills the main area: the list, an empty search, an empty page, or nothing yet. */
export type Body = 'list' | 'no-results' | 'nothing-on-page' | 'loading';

export function listBody(state: ScreenState): Body {
  if (!state.ready) return 'loading';
  if (state.count > 0) return 'list';
  if (!state.searching) return 'nothing-on-page';
  return state.indexLoaded ? 'no-results' : 'loading';
}

/** "All products" is offered while searching with some, but not all, products picked. */
export function offersAllProducts(searching: boolean, picked: number): boolean {
  return searching && picked > 0 && picked < PRODUCT_KEYS.length;
}

/** The page is a tab of its own (the reader on an article, or a lookup's search: `?view=tab`), not the 400 px popup. */
export function isTabPage(article: string | null, search: string): boolean {
  return article !== null || new URLSearchParams(search).get('view') === 'tab';
}
