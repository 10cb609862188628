import table from '@kb/table';
import { articleInfo, type ArticleInfo } from '../shared/kb-types';
import type { TabState } from '../shared/tab-records';

/**
 * The articles the worker knows without reading the article store: those of the detection table it carries
 * (every article a page can raise). The one list the worker checks reported ids against.
 */
export const KNOWN_ARTICLES: ReadonlyMap<string, ArticleInfo> = new Map(table.articles.map((article) => [article.id, articleInfo(article)]));

/** The titles and products of the articles a tab lists, once each: what the popup shows beside the state. */
export function tabInfo(state: TabState): ArticleInfo[] {
  return [...new Set(state.items.map((item) => item.id))].flatMap((id) => {
    const info = KNOWN_ARTICLES.get(id);
    return info ? [info] : [];
  });
}
