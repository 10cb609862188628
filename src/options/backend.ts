import meta from '@kb/meta';
import browser from 'webextension-polyfill';
import type { KnowledgeBaseMeta, StoredArticle } from '../shared/kb-types';
import type { Options } from '../shared/options';
import { loadOptions, updateOptions, watchOptions, type OptionsChange } from '../shared/options-store';

/** What the options page needs from the browser, and its implementation over the extension's APIs. */
export interface OptionsBackend {
  load(): Promise<Options>;
  /** Applies a change to the stored options (storage.sync, through the store's one write queue) and resolves with the result. */
  update(change: OptionsChange): Promise<Options>;
  watch(callback: (options: Options) => void): () => void;
  /** Article titles by id, from the article store. */
  titles(): Promise<Map<string, string>>;
  meta: KnowledgeBaseMeta;
  version: string;
}

export function browserOptionsBackend(): OptionsBackend {
  return {
    load: loadOptions,
    update: updateOptions,
    watch: watchOptions,
    async titles() {
      const response = await fetch(browser.runtime.getURL('kb/articles.json'));
      const articles = (await response.json()) as StoredArticle[];
      return new Map(articles.map((a) => [a.id, a.title]));
    },
    meta,
    version: browser.runtime.getManifest().version,
  };
}
