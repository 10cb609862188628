import type { TabState } from '../shared/messages';
import type { Options } from '../shared/options';
import type { ArticleInfo, KnowledgeSearch } from '../shared/search';
import type { PopupBackend } from './backend';
import type { PopupParams } from './model';

/**
 * What the popup loads, and the performance marks the benchmark reads ("xc:tab", "xc:page-info",
 * "xc:options", "xc:index", "xc:first-results", "xc:body-index", "xc:first-search", measures "xc:search").
 */

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
export function marked<T>(promise: Promise<T>, name: string): Promise<T> {
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
      tab.then((loaded) => loaded?.info ?? new Map<string, ArticleInfo>()),
      'xc:page-info',
    ),
    options: marked(backend.options(), 'xc:options'),
    index: params.query ? marked(backend.smallIndex(), 'xc:index') : undefined,
  };
}

/** Resolves in a task of its own after the next paint, so nothing on screen waits for what follows. */
export function afterPaint(): Promise<void> {
  return new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
}
