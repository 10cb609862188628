import meta from '@kb/meta';
import browser from 'webextension-polyfill';
import { HISTORY_KEY, parseHistory, type History } from '../shared/history';
import { articleStore } from '../shared/kb-load';
import type { KnowledgeBaseMeta } from '../shared/kb-types';
import { send } from '../shared/messages';
import type { Options } from '../shared/options';
import { loadOptions, updateOptions, watchOptions, type OptionsChange } from '../shared/options-store';
import type { ProductKey } from '../shared/products';
import { openShortcutSettings, readShortcuts, shortcutHelp } from '../ui/shortcuts';

/** What the options page needs from the browser, and its implementation over the extension's APIs. */
export interface OptionsBackend {
  load(): Promise<Options>;
  /** Applies a change to the stored options (storage.sync, through the store's one write queue) and resolves with the result. */
  update(change: OptionsChange): Promise<Options>;
  watch(callback: (options: Options) => void): () => void;
  /** Article titles and products by id, from the article store. */
  articles(): Promise<Map<string, { title: string; products: ProductKey[] }>>;
  /** The local history (storage.local), and its changes as the worker records them. */
  history(): Promise<History>;
  watchHistory(callback: (history: History) => void): () => void;
  /** Empties the history: the worker, its one writer, does it. */
  clearHistory(): Promise<void>;
  /** Saves `text` as a file through the browser's downloads, without the "downloads" permission. */
  download(name: string, type: string, text: string): void;
  /** The keys of each keyboard shortcut by command name ('' when none is set). */
  shortcuts(): Promise<Record<string, string>>;
  /** The browser's page for extension keyboard shortcuts. */
  openShortcuts(): void;
  /** Where this browser lets people change the shortcuts, in words. */
  shortcutHelp: string;
  meta: KnowledgeBaseMeta;
  version: string;
}

/** How long a download's object URL lives: long enough for the browser to start saving it. */
const DOWNLOAD_URL_MS = 60_000;

export function browserOptionsBackend(): OptionsBackend {
  return {
    load: loadOptions,
    update: updateOptions,
    watch: watchOptions,
    async articles() {
      return new Map([...(await articleStore()).values()].map((a) => [a.id, { title: a.title, products: a.products }]));
    },
    history: async () => parseHistory((await browser.storage.local.get(HISTORY_KEY))[HISTORY_KEY]),
    watchHistory(callback) {
      const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
        if (area === 'local' && HISTORY_KEY in changes) callback(parseHistory(changes[HISTORY_KEY].newValue));
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
    clearHistory: () => send('history:clear', {}),
    download(name, type, text) {
      const url = URL.createObjectURL(new Blob([text], { type }));
      const link = Object.assign(document.createElement('a'), { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_MS);
    },
    shortcuts: readShortcuts,
    openShortcuts: openShortcutSettings,
    shortcutHelp: shortcutHelp(),
    meta,
    version: browser.runtime.getManifest().version,
  };
}
