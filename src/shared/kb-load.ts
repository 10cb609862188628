import { ext } from './ext';
import type { StoredArticle } from './kb-types';

/**
 * Reading the knowledge base files the build writes into the extension (kb/*.json): the one place that
 * fetches them, for the worker, the popup and the options page: the article store and the search indexes.
 */

/** An extension file, parsed as JSON; rejects with the file's name when it cannot be read. */
export async function extensionJson<T>(path: string): Promise<T> {
  const response = await fetch(ext.runtime.getURL(path));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** The small search index (titles, error texts, keywords, summaries), parsed: kb/search-small.json. */
export function smallSearchIndex(): Promise<object> {
  return extensionJson<object>('kb/search-small.json');
}

/** The index of article bodies, parsed: kb/search-body.json. */
export function bodySearchIndex(): Promise<object> {
  return extensionJson<object>('kb/search-body.json');
}

let store: Promise<Map<string, StoredArticle>> | null = null;

/** Every article, by id: kb/articles.json, read once per page or worker (again after a failed read). */
export function articleStore(): Promise<Map<string, StoredArticle>> {
  store ??= extensionJson<StoredArticle[]>('kb/articles.json').then(
    (list) => new Map(list.map((a) => [a.id, a])),
    (error: unknown) => {
      store = null;
      throw error;
    },
  );
  return store;
}
