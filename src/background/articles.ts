import infos from '@kb/infos';
import type { ArticleInfo } from '../shared/kb-types';
import type { TabState } from '../shared/tab-records';

/**
 * The articles the worker knows without reading the article store: what a list shows of each, built with
 * the extension. The one list the worker checks reported ids against.
 */
export const KNOWN_ARTICLES: ReadonlyMap<string, ArticleInfo> = new Map(infos.map((article) => [article.id, article]));

/** The titles and products of the articles a tab lists, once each: what the popup shows beside the state. */
export function tabInfo(state: TabState): ArticleInfo[] {
  return [...new Set(state.items.map((item) => item.id))].flatMap((id) => {
    const info = KNOWN_ARTICLES.get(id);
    return info ? [info] : [];
  });
}
