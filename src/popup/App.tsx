import meta from '@kb/meta';
import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { TabState } from '../shared/messages';
import type { Options } from '../shared/options';
import type { ArticleInfo, KnowledgeSearch, Results } from '../shared/search';
import { ArticleList, optionId } from './ArticleList';
import type { PopupBackend } from './backend';
import { countText, moveActive, pageEntries, pageHeading, pageHost, productFilter, resultEntries, shortcutKeys, watchedHosts, type Entry, type PopupParams } from './model';
import { PRODUCT_NAMES } from '../shared/products';
import { Reader } from './Reader';

type View = { kind: 'list' } | { kind: 'article'; entry: Pick<Entry, 'id' | 'item'> };

const LIST_ID = 'articles';
const NO_RESULTS: Results = { hits: [], hidden: 0, total: 0 };
/** Rows rendered for a search: enough to pick from, few enough to render within a keystroke. */
const SHOWN = 30;

/** Names in bold, as English prose: "a, b and c". */
function Prose({ items }: { items: string[] }) {
  return (
    <>
      {items.map((item, i) => (
        <Fragment key={item}>
          {i === 0 ? '' : i === items.length - 1 ? ' and ' : ', '}
          <strong>{item}</strong>
        </Fragment>
      ))}
    </>
  );
}

/** Runs a search and records its duration as a performance measure ("xc:search"), for the benchmark. */
function timedSearch(search: KnowledgeSearch, text: string, products: Options['products'] | null): Results {
  const start = performance.now();
  const results = search.search({ text, products, limit: SHOWN });
  performance.measure('xc:search', { start, end: performance.now() });
  return results;
}

/** What the popup needs before it can show anything; started before the first render so no frame is lost. */
export interface Loads {
  tab: Promise<{ id: number; state: TabState } | null>;
  /** Titles and products of the articles listed on this page, from the worker. */
  pageInfo: Promise<Map<string, ArticleInfo>>;
  options: Promise<Options>;
  /** The small index, started at once when the popup opens with a query; otherwise after first paint. */
  index?: Promise<KnowledgeSearch>;
}

/** Marks a promise's arrival, for the benchmark's breakdown of the time to first results. */
function marked<T>(promise: Promise<T>, name: string): Promise<T> {
  return promise.then((value) => {
    performance.mark(name);
    return value;
  });
}

export function startLoading(backend: PopupBackend, params: PopupParams): Loads {
  const tab = marked(backend.tab(params.tab), 'xc:tab');
  return {
    tab,
    pageInfo: marked(
      tab.then((loaded) => backend.articleInfo([...new Set(loaded?.state.items.map((item) => item.id))])),
      'xc:page-info',
    ),
    options: marked(backend.options(), 'xc:options'),
    index: params.query ? marked(backend.smallIndex(), 'xc:index') : undefined,
  };
}

export function App({ backend, params, loads, applyTheme }: { backend: PopupBackend; params: PopupParams; loads: Loads; applyTheme(theme: Options['theme']): void }) {
  const [search, setSearch] = useState<KnowledgeSearch | null>(null);
  const [bodyLoaded, setBodyLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const [tab, setTab] = useState<{ id: number; state: TabState } | null | undefined>(undefined);
  const [pageInfo, setPageInfo] = useState<Map<string, ArticleInfo> | null>(null);
  const [options, setOptions] = useState<Options | null>(null);
  const [query, setQuery] = useState(params.query);
  const [allProducts, setAllProducts] = useState(false);
  const [view, setView] = useState<View>(params.article ? { kind: 'article', entry: { id: params.article } } : { kind: 'list' });
  const [active, setActive] = useState(0);
  const [shortcut, setShortcut] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const firstResults = useRef(false);

  useEffect(() => {
    loads.tab.then(setTab, () => setTab(null));
    loads.pageInfo.then(setPageInfo, () => setPageInfo(new Map()));
    loads.options.then((loaded) => {
      setOptions(loaded);
      applyTheme(loaded.theme);
    });
    backend.shortcut().then(setShortcut);
    let unwatchTab = () => {};
    // errors the page shows while the popup is open join the list
    loads.tab.then((loaded) => {
      if (!loaded) return;
      unwatchTab = backend.watchTab(loaded.id, (state) => {
        setTab({ id: loaded.id, state });
        void backend.articleInfo(state.items.map((item) => item.id)).then((info) => setPageInfo((known) => new Map([...(known ?? []), ...info])));
      });
    }, () => undefined);
    const unwatchOptions = backend.watchOptions((next) => {
      setOptions(next);
      applyTheme(next.theme);
    });
    return () => {
      unwatchTab();
      unwatchOptions();
    };
  }, []);

  // "On this page" needs neither index: the tab's detections, their titles from the worker, the options
  const ready = tab !== undefined && pageInfo !== null && options !== null;

  // first results are in the DOM: mark it (for the benchmark); then, each in a task of its own after the
  // paint so nothing on screen waits for them, read the small index, build it, and load the body index
  useLayoutEffect(() => {
    if (!ready || firstResults.current) return;
    firstResults.current = true;
    performance.mark('xc:first-results');
    const afterPaint = () => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    void (async () => {
      let index: KnowledgeSearch;
      try {
        index = await (loads.index ?? afterPaint().then(() => marked(backend.smallIndex(), 'xc:index')));
      } catch {
        setFailed(true);
        return;
      }
      setSearch(index);
      await afterPaint();
      index.prepare();
      // search works without the bodies; they only add matches
      const body = await backend.bodyIndex().catch(() => null);
      if (!body) return;
      await afterPaint();
      index.addBody(body);
      performance.mark('xc:body-index');
      setBodyLoaded(true);
    })();
  }, [ready]);

  const filter = productFilter(options, allProducts);
  const searching = query.trim() !== '';
  const results = useMemo(() => (search && searching ? timedSearch(search, query, filter) : NO_RESULTS), [search, bodyLoaded, query, filter?.join()]);
  const entries: Entry[] = useMemo(() => {
    if (searching) return resultEntries(results.hits);
    return pageEntries(tab?.state.items ?? [], (id) => search?.info(id) ?? pageInfo?.get(id), options?.muted);
  }, [search, searching, results, tab, pageInfo, options?.muted.join()]);

  // the first search results on screen, for the benchmark (a popup opened with a query)
  const searched = useRef(false);
  useLayoutEffect(() => {
    if (searching && search && !searched.current) {
      searched.current = true;
      performance.mark('xc:first-search');
    }
  }, [searching, search]);

  useEffect(() => {
    if (view.kind === 'list') input.current?.focus();
  }, [view]);

  const open = (entry: Pick<Entry, 'id' | 'item'>) => setView({ kind: 'article', entry: { id: entry.id, item: entry.item } });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current) => moveActive(current, event.key === 'ArrowDown' ? 1 : -1, entries.length));
    } else if (event.key === 'Enter' && entries[active]) {
      event.preventDefault();
      open(entries[active]);
    }
  };

  useEffect(() => {
    if (view.kind !== 'article') return;
    const onEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        setView({ kind: 'list' });
      }
    };
    addEventListener('keydown', onEscape);
    return () => removeEventListener('keydown', onEscape);
  }, [view]);

  if (view.kind === 'article') {
    return (
      <div class="app">
        <Reader
          id={view.entry.id}
          item={view.entry.item}
          backend={backend}
          pageUrl={tab?.state.url ?? ''}
          canOpenInTab={!params.article}
          onBack={() => setView({ kind: 'list' })}
        />
      </div>
    );
  }

  const activeEntry = entries[active];
  const picked = options?.products ?? [];

  return (
    <div class="app">
      <header class="top">
        <img class="logo" src="/icons/icon-32.png" alt="" width="20" height="20" />
        <span class="name">XC Troubleshooter</span>
        <button type="button" class="quiet settings" onClick={() => backend.openOptions()}>
          Options
        </button>
      </header>

      <div class="search" role="search">
        <label class="sr-only" for="q">
          Search the knowledge base
        </label>
        <svg class="search-icon" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="7" cy="7" r="4.75" fill="none" stroke="currentColor" stroke-width="1.6" />
          <path d="M10.5 10.5 14 14" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
        </svg>
        <input
          id="q"
          ref={input}
          type="search"
          value={query}
          placeholder="Search errors, settings, API fields…"
          autoComplete="off"
          spellcheck={false}
          autoFocus
          aria-controls={LIST_ID}
          aria-autocomplete="list"
          aria-activedescendant={activeEntry ? optionId(activeEntry.id) : undefined}
          onInput={(event) => {
            // one render per keystroke: the new query and the first row active together
            setQuery(event.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
      </div>

      <div class="status-row">
        <p class="status" role="status" aria-live="polite">
          {!ready ? 'Loading…' : searching && !search ? (failed ? 'The knowledge base could not be loaded' : 'Loading the knowledge base…') : searching ? countText(results.total, results.hidden, filter !== null) : (
            <>
              On this page
              {pageHost(tab?.state.url ?? '') && <span class="host"> · {pageHost(tab?.state.url ?? '')}</span>}
            </>
          )}
        </p>
        {searching && picked.length > 0 && picked.length < 5 && (
          <label class="toggle">
            <input type="checkbox" name="all-products" checked={allProducts} onChange={(event) => {
                setAllProducts(event.currentTarget.checked);
                setActive(0);
              }} />
            All products
          </label>
        )}
      </div>

      <main class="content">
        {ready && entries.length > 0 && <ArticleList id={LIST_ID} label={searching ? 'Search results' : pageHeading(tab?.state.url ?? '')} entries={entries} active={active} onActivate={setActive} onOpen={open} />}
        {ready && searching && search && entries.length === 0 && (
          <div class="empty">
            <p class="empty-title">Nothing matches “{query.trim()}”.</p>
            {results.hidden > 0 ? (
              <p>
                {results.hidden} {results.hidden === 1 ? 'article matches' : 'articles match'} in products you have not picked.{' '}
                <button type="button" class="link" onClick={() => {
                    setAllProducts(true);
                    setActive(0);
                  }}>
                  Search all products
                </button>
              </p>
            ) : (
              <p>Try fewer words, or paste the whole error message.</p>
            )}
          </div>
        )}
        {ready && !searching && entries.length === 0 && (
          <div class="empty">
            <p class="empty-title">No known errors on this page</p>
            {picked.length ? (
              <p>
                XC Troubleshooter watches <Prose items={watchedHosts()} /> for errors from <Prose items={picked.map((p) => PRODUCT_NAMES[p])} />. When one shows up, it is
                listed here.
              </p>
            ) : (
              <p>
                No products are picked, so no pages are watched.{' '}
                <button type="button" class="link" onClick={() => backend.openOptions()}>
                  Pick your products
                </button>
              </p>
            )}
            <p class="muted">Search above to browse all {meta.count} articles.</p>
          </div>
        )}
      </main>

      <footer class="bottom">
        {shortcut ? (
          <span class="shortcut">
            {shortcutKeys(shortcut).map((key) => (
              <kbd key={key}>{key}</kbd>
            ))}{' '}
            opens this
          </span>
        ) : (
          <button type="button" class="link" onClick={() => backend.openShortcuts()}>
            Set a keyboard shortcut
          </button>
        )}
        <span class="keys" aria-hidden="true">
          <kbd>↑</kbd>
          <kbd>↓</kbd> move · <kbd>Enter</kbd> open
        </span>
      </footer>
    </div>
  );
}
