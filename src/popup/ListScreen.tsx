import meta from '@kb/meta';
import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { FOCUS_TIP, OPEN_POPUP } from '../shared/commands';
import type { Options } from '../shared/options';
import { PRODUCT_NAMES, type ProductKey } from '../shared/products';
import type { Results } from '../shared/search';
import { Keys } from '../ui/Keys';
import { ArticleList, optionId } from './ArticleList';
import type { PopupBackend } from './backend';
import { moveActive, pageHeading, watchedHosts, type Entry } from './model';
import { listBody, listStatus, offersAllProducts, type ScreenState } from './screen';

/** The popup's list screen: search box, status line, "On this page" or the results, and the footer. */

const LIST_ID = 'articles';

export interface ListState {
  query: string;
  allProducts: boolean;
  active: number;
  setActive(index: number): void;
  type(query: string, pasted?: boolean): void;
  showAllProducts(on: boolean): void;
}

export interface ListScreenProps {
  backend: PopupBackend;
  screen: ScreenState;
  list: ListState;
  entries: Entry[];
  results: Results;
  filtered: boolean;
  options: Options | null;
  url: string;
  /** The keys of the extension's shortcuts by command name. */
  shortcuts: Record<string, string>;
  onOpen(entry: Entry): void;
}

export function ListScreen({ backend, screen, list, entries, results, filtered, options, url, shortcuts, onOpen }: ListScreenProps) {
  const picked = options?.products ?? [];
  const body = listBody(screen);
  return (
    <div class="app">
      <TopBar onOptions={() => backend.openOptions()} />
      <SearchBox list={list} entries={entries} controls={body === 'list' ? LIST_ID : undefined} onOpen={onOpen} />
      <div class="status-row">
        <StatusLine screen={screen} results={results} filtered={filtered} url={url} />
        {offersAllProducts(screen.searching, picked.length) && (
          <label class="toggle">
            <input type="checkbox" name="all-products" checked={list.allProducts} onChange={(event) => list.showAllProducts(event.currentTarget.checked)} />
            All products
          </label>
        )}
      </div>
      {/* the list scrolls here: a keyboard reaches it with Tab (the rows themselves are not tab stops) */}
      <main class="content" tabIndex={0} aria-label={screen.searching ? 'Search results' : 'On this page'}>
        {body === 'list' && <ArticleList id={LIST_ID} label={screen.searching ? 'Search results' : pageHeading(url)} entries={entries} active={list.active} onActivate={list.setActive} onOpen={onOpen} />}
        {body === 'no-results' && <NoResults query={list.query} hidden={results.hidden} onAllProducts={() => list.showAllProducts(true)} />}
        {body === 'nothing-on-page' && <NothingOnPage picked={picked} onOptions={() => backend.openOptions()} />}
        {!screen.searching && screen.ready && <TipKeys shortcut={shortcuts[FOCUS_TIP] ?? ''} onShortcuts={() => backend.openShortcuts()} />}
      </main>
      <Footer shortcut={shortcuts[OPEN_POPUP] ?? ''} onShortcuts={() => backend.openShortcuts()} />
    </div>
  );
}

function TopBar({ onOptions }: { onOptions(): void }) {
  return (
    <header class="top">
      <img class="logo" src="/icons/icon-32.png" alt="" width="20" height="20" />
      <h1 class="name">XC Troubleshooter</h1>
      <button type="button" class="quiet settings" onClick={onOptions}>
        Options
      </button>
    </header>
  );
}

/**
 * The search box; it keeps the focus and drives the list with ↑ ↓ Enter. `controls` names the list while
 * there is one on screen (an id that is not in the page is an error for assistive technology).
 */
function SearchBox({ list, entries, controls, onOpen }: { list: ListState; entries: Entry[]; controls?: string; onOpen(entry: Entry): void }) {
  const input = useRef<HTMLInputElement>(null);
  // back from the reader, typing goes on where it was
  useEffect(() => {
    input.current?.focus();
  }, []);
  const activeEntry = entries[list.active];

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      list.setActive(moveActive(list.active, event.key === 'ArrowDown' ? 1 : -1, entries.length));
    } else if (event.key === 'Enter' && activeEntry) {
      event.preventDefault();
      onOpen(activeEntry);
    }
  };

  return (
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
        value={list.query}
        placeholder="Search errors, settings, API fields…"
        autoComplete="off"
        spellcheck={false}
        autoFocus
        aria-controls={controls}
        aria-autocomplete="list"
        aria-activedescendant={controls && activeEntry ? optionId(activeEntry.id) : undefined}
        onInput={(event) => list.type(event.currentTarget.value, (event as unknown as InputEvent).inputType === 'insertFromPaste')}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

function StatusLine({ screen, results, filtered, url }: { screen: ScreenState; results: Results; filtered: boolean; url: string }) {
  const status = listStatus(screen, results, filtered, url);
  return (
    <p class="status" role="status" aria-live="polite">
      {status.kind === 'text' ? (
        status.text
      ) : (
        <>
          On this page
          {status.host && <span class="host"> · {status.host}</span>}
        </>
      )}
    </p>
  );
}

function NoResults({ query, hidden, onAllProducts }: { query: string; hidden: number; onAllProducts(): void }) {
  return (
    <div class="empty">
      <p class="empty-title">Nothing matches “{query.trim()}”.</p>
      {hidden > 0 ? (
        <p>
          {hidden} {hidden === 1 ? 'article matches' : 'articles match'} in products you have not picked.{' '}
          <button type="button" class="link" onClick={onAllProducts}>
            Search all products
          </button>
        </p>
      ) : (
        <p>Try fewer words, or paste the whole error message.</p>
      )}
    </div>
  );
}

function NothingOnPage({ picked, onOptions }: { picked: readonly ProductKey[]; onOptions(): void }) {
  return (
    <div class="empty">
      <p class="empty-title">No known errors on this page</p>
      {picked.length ? (
        <p>
          XC Troubleshooter watches <Prose items={watchedHosts()} /> for errors from <Prose items={picked.map((p) => PRODUCT_NAMES[p])} />. When one shows up, it is listed
          here.
        </p>
      ) : (
        <p>
          No products are picked, so no pages are watched.{' '}
          <button type="button" class="link" onClick={onOptions}>
            Pick your products
          </button>
        </p>
      )}
      <p class="muted">Search above to browse all {meta.count} articles.</p>
    </div>
  );
}

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

/** Under "On this page": the shortcut that takes the focus to the page's newest tip, or how to set one. */
function TipKeys({ shortcut, onShortcuts }: { shortcut: string; onShortcuts(): void }) {
  return (
    <p class="tip-keys">
      {shortcut ? (
        <>
          <Keys shortcut={shortcut} /> on the page goes to its newest tip; <kbd>Esc</kbd> comes back.{' '}
        </>
      ) : (
        <>No shortcut goes to the page’s tips. </>
      )}
      <button type="button" class="link" onClick={onShortcuts}>
        {shortcut ? 'Change' : 'Set one'}
      </button>
    </p>
  );
}

function Footer({ shortcut, onShortcuts }: { shortcut: string; onShortcuts(): void }) {
  return (
    <footer class="bottom">
      {shortcut ? (
        <span class="shortcut">
          <Keys shortcut={shortcut} /> opens this
        </span>
      ) : (
        <button type="button" class="link" onClick={onShortcuts}>
          Set a keyboard shortcut
        </button>
      )}
      <span class="keys" aria-hidden="true">
        <kbd>↑</kbd>
        <kbd>↓</kbd> move · <kbd>Enter</kbd> open
      </span>
    </footer>
  );
}
