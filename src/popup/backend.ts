import browser from 'webextension-polyfill';
import { articleStore, bodySearchIndex, smallSearchIndex } from '../shared/kb-load';
import type { StoredArticle } from '../shared/kb-types';
import { listen, send, type TabState } from '../shared/messages';
import type { Options } from '../shared/options';
import { loadOptions, watchOptions } from '../shared/options-store';
import { clipText, type HistoryCount } from '../shared/history';
import { lookupText } from '../shared/lookup-text';
import type { ArticleInfo, KnowledgeSearch } from '../shared/search';
import { copyText } from '../ui/clipboard';
import { openShortcutSettings, readShortcuts } from '../ui/shortcuts';

/**
 * Everything the popup needs from the browser, in one place: the knowledge base files, the tab's
 * detections (through the worker), the options, the clipboard. The components only see this interface.
 */
export interface PopupBackend {
  /** kb/search-small.json, ready to search. */
  smallIndex(): Promise<KnowledgeSearch>;
  /** kb/search-body.json, parsed: loaded after first paint. */
  bodyIndex(): Promise<object>;
  /** The tab the popup is about (`?tab=` or the active tab), what it has shown, and those articles' titles. */
  tab(requested: number | null): Promise<{ id: number; state: TabState; info: Map<string, ArticleInfo> } | null>;
  article(id: string): Promise<StoredArticle | null>;
  /** Calls back with a tab's state, and its articles' titles, whenever the worker records something new for it. */
  watchTab(id: number, callback: (state: TabState, info: ArticleInfo[]) => void): () => void;
  options(): Promise<Options>;
  watchOptions(callback: (options: Options) => void): () => void;
  /** The keys of each keyboard shortcut by command name, e.g. { _execute_action: 'Alt+Shift+X' } ('' when none is set). */
  shortcuts(): Promise<Record<string, string>>;
  openOptions(): void;
  /** The browser's page for extension keyboard shortcuts. */
  openShortcuts(): void;
  /** Opens the reader on an article in a tab of its own. */
  openInTab(id: string): void;
  copy(text: string): Promise<boolean>;
  /** Counts an event in the local history (kept by the worker). */
  record(id: string, event: HistoryCount): void;
  /** A looked-up text that found no article, for the local history. */
  notFound(text: string): void;
  /** The next best articles for an error text, leaving out `id`. */
  others(id: string, text: string): Promise<ArticleInfo[]>;
}

export function browserBackend(): PopupBackend {
  return {
    // the search code (MiniSearch) loads beside the index, off the path to the first paint
    smallIndex: async () => {
      const [{ KnowledgeSearch }, json] = await Promise.all([import('../shared/search'), smallSearchIndex()]);
      return KnowledgeSearch.fromJSON(json);
    },
    bodyIndex: bodySearchIndex,
    async tab(requested) {
      const id = requested ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (id === undefined) return null;
      const reply = await send('tab:state', { tabId: id }).catch(() => null);
      const info = new Map((reply?.info ?? []).map((a) => [a.id, a]));
      return { id, state: reply ? { url: reply.url, items: reply.items } : { url: '', items: [] }, info };
    },
    async article(id) {
      const fromWorker = await send('article:get', { id }).catch(() => null);
      // the article store read directly when the worker does not answer
      return fromWorker ?? (await articleStore()).get(id) ?? null;
    },
    watchTab(id, callback) {
      return listen({ 'tab:changed': ({ tabId, state, info }) => void (tabId === id && callback(state, info)) });
    },
    options: loadOptions,
    watchOptions,
    shortcuts: readShortcuts,
    openOptions: () => void browser.runtime.openOptionsPage(),
    openShortcuts: openShortcutSettings,
    openInTab: (id) => void send('article:open', { id }).catch(() => undefined),
    copy: copyText,
    record: (id, event) => void send('history:record', { id, event }).catch(() => undefined),
    notFound: (text) => void send('history:not-found', { text: clipText(text) }).catch(() => undefined),
    others: async (id, text) => (await send('article:others', { id, text: lookupText(text) }).catch(() => null))?.articles ?? [],
  };
}
