import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TabState } from '../shared/messages';
import type { Options } from '../shared/options';
import type { ArticleInfo, KnowledgeSearch, Results } from '../shared/search';
import type { PopupBackend } from './backend';
import { afterPaint, marked, type Loads } from './loading';

/** The popup's state, one hook per source: the tab, the options, the shortcut, the search index, the query. */

export type LoadedTab = { id: number; state: TabState } | null;

/** The tab's detections (undefined while loading, null for no tab), followed live while the popup is open. */
export function useTab(backend: PopupBackend, loads: Loads): { tab: LoadedTab | undefined; pageInfo: Map<string, ArticleInfo> | null } {
  const [tab, setTab] = useState<LoadedTab | undefined>(undefined);
  const [pageInfo, setPageInfo] = useState<Map<string, ArticleInfo> | null>(null);
  useEffect(() => {
    let stopped = false;
    let unwatch = () => {};
    loads.tab.then(setTab, () => setTab(null));
    loads.pageInfo.then(setPageInfo, () => setPageInfo(new Map()));
    // errors the page shows while the popup is open join the list
    loads.tab.then((loaded) => {
      if (!loaded || stopped) return;
      unwatch = backend.watchTab(loaded.id, (state, info) => {
        setTab({ id: loaded.id, state });
        setPageInfo((known) => new Map([...(known ?? []), ...info.map((article) => [article.id, article] as const)]));
      });
    }, () => undefined);
    return () => {
      stopped = true;
      unwatch();
    };
  }, [backend, loads]);
  return { tab, pageInfo };
}

/** The options (null while loading), followed live; each one's theme is applied as it arrives. */
export function useOptions(backend: PopupBackend, loads: Loads, applyTheme: (theme: Options['theme']) => void): Options | null {
  const [options, setOptions] = useState<Options | null>(null);
  useEffect(() => {
    const show = (next: Options) => {
      setOptions(next);
      applyTheme(next.theme);
    };
    loads.options.then(show, () => undefined);
    return backend.watchOptions(show);
  }, [backend, loads, applyTheme]);
  return options;
}

/** The keys of the extension's keyboard shortcuts by command name ('' or absent when none is set). */
export function useShortcuts(backend: PopupBackend): Record<string, string> {
  const [shortcuts, setShortcuts] = useState<Record<string, string>>({});
  useEffect(() => {
    backend.shortcuts().then(setShortcuts, () => undefined);
  }, [backend]);
  return shortcuts;
}

/** A loaded search index; a new object once the bodies are added, so what depends on it searches again. */
export interface LoadedIndex {
  search: KnowledgeSearch;
  withBody: boolean;
}

interface IndexSteps {
  loaded(search: KnowledgeSearch): void;
  failed(): void;
  bodyAdded(search: KnowledgeSearch): void;
}

/**
 * Reads the small index (or awaits the one started at open), builds it, then loads the body index: each
 * step in a task of its own after a paint, so nothing on screen waits for them. Search works without the
 * bodies; they only add matches.
 */
async function loadIndexes(backend: PopupBackend, early: Promise<KnowledgeSearch> | undefined, steps: IndexSteps): Promise<void> {
  let search: KnowledgeSearch;
  try {
    search = await (early ?? afterPaint().then(() => marked(backend.smallIndex(), 'xc:index')));
  } catch {
    steps.failed();
    return;
  }
  steps.loaded(search);
  await afterPaint();
  search.prepare();
  const body = await backend.bodyIndex().catch(() => null);
  if (!body) return;
  await afterPaint();
  search.addBody(body);
  performance.mark('xc:body-index');
  steps.bodyAdded(search);
}

/**
 * The search index, loaded once the first list is on screen ("On this page" needs neither index); marks
 * that moment ("xc:first-results") for the benchmark.
 */
export function useSearchIndex(backend: PopupBackend, early: Promise<KnowledgeSearch> | undefined, ready: boolean): { index: LoadedIndex | null; failed: boolean } {
  const [index, setIndex] = useState<LoadedIndex | null>(null);
  const [failed, setFailed] = useState(false);
  const startedRef = useRef(false);
  useLayoutEffect(() => {
    if (!ready || startedRef.current) return;
    startedRef.current = true;
    performance.mark('xc:first-results');
    void loadIndexes(backend, early, {
      loaded: (search) => setIndex({ search, withBody: false }),
      failed: () => setFailed(true),
      bodyAdded: (search) => setIndex({ search, withBody: true }),
    });
  }, [ready, backend, early]);
  return { index, failed };
}

const NO_RESULTS: Results = { hits: [], hidden: 0, total: 0 };
/** Rows rendered for a search: enough to pick from, few enough to render within a keystroke. */
export const SHOWN = 30;

/** Runs a search and records its duration as a performance measure ("xc:search"), for the benchmark. */
function timedSearch(search: KnowledgeSearch, text: string, products: Options['products'] | null): Results {
  const start = performance.now();
  const results = search.search({ text, products, limit: SHOWN });
  performance.measure('xc:search', { start, end: performance.now() });
  return results;
}

/** The results of `query` (none while the index loads or the query is blank); marks the first on screen. */
export function useResults(index: LoadedIndex | null, query: string, filter: Options['products'] | null): Results {
  const searching = query.trim() !== '';
  const results = useMemo(() => (index && searching ? timedSearch(index.search, query, filter) : NO_RESULTS), [index, searching, query, filter]);
  // the first search results on screen, for the benchmark (a popup opened with a query)
  const searchedRef = useRef(false);
  useLayoutEffect(() => {
    if (searching && index && !searchedRef.current) {
      searchedRef.current = true;
      performance.mark('xc:first-search');
    }
  }, [searching, index]);
  return results;
}

/**
 * What the person typed and picked in the list: the query, "All products", the active row. A query is
 * "looked up" when it came whole (opened with `?q=` from the page menu or the address bar, or pasted),
 * not while it is being typed.
 */
export function useListState(initialQuery: string) {
  const [query, setQuery] = useState(initialQuery);
  const [lookedUp, setLookedUp] = useState(initialQuery.trim() !== '');
  const [allProducts, setAllProducts] = useState(false);
  const [active, setActive] = useState(0);
  return {
    query,
    lookedUp,
    allProducts,
    active,
    setActive,
    // one render per change: the new query (or filter) and the first row active together
    type(next: string, pasted = false) {
      setQuery(next);
      setLookedUp(pasted);
      setActive(0);
    },
    showAllProducts(on: boolean) {
      setAllProducts(on);
      setActive(0);
    },
  };
}

/** Calls `handler` on Escape while `on`. */
export function useEscape(on: boolean, handler: () => void): void {
  useEffect(() => {
    if (!on) return;
    const onEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        handler();
      }
    };
    addEventListener('keydown', onEscape);
    return () => removeEventListener('keydown', onEscape);
  }, [on, handler]);
}

/**
 * A looked-up text that found no article in any product, once every index is in: counted in the local
 * history (what the knowledge base lacks). Each text once per popup.
 */
export function useNotFound(backend: PopupBackend, index: LoadedIndex | null, query: string, lookedUp: boolean, results: Results): void {
  const recordedRef = useRef('');
  const text = query.trim();
  const none = results.total + results.hidden === 0;
  const complete = index?.withBody === true;
  useEffect(() => {
    if (!complete || !lookedUp || !text || !none || recordedRef.current === text) return;
    recordedRef.current = text;
    backend.notFound(text);
  }, [backend, complete, lookedUp, text, none]);
}
