import { useCallback, useMemo, useState } from 'preact/hooks';
import type { Options } from '../shared/options';
import type { PopupBackend } from './backend';
import { useEscape, useListState, useNotFound, useOptions, useResults, useSearchIndex, useShortcuts, useTab } from './hooks';
import { ListScreen } from './ListScreen';
import type { Loads } from './loading';
import { pageEntries, productFilter, resultEntries, type Entry, type PopupParams } from './model';
import { Reader } from './Reader';

type View = { kind: 'list' } | { kind: 'article'; entry: Pick<Entry, 'id' | 'item'> };

export interface AppProps {
  backend: PopupBackend;
  params: PopupParams;
  loads: Loads;
  applyTheme(theme: Options['theme']): void;
}

/** The popup: the list screen (On this page, or search results) and the reader, one at a time. */
export function App({ backend, params, loads, applyTheme }: AppProps) {
  const { tab, pageInfo } = useTab(backend, loads);
  const options = useOptions(backend, loads, applyTheme);
  const shortcuts = useShortcuts(backend);
  // "On this page" needs neither index: the tab's detections, their titles from the worker, the options
  const ready = tab !== undefined && pageInfo !== null && options !== null;
  const { index, failed } = useSearchIndex(backend, loads.index, ready);
  const list = useListState(params.query);
  const filter = useMemo(() => productFilter(options, list.allProducts), [options, list.allProducts]);
  const results = useResults(index, list.query, filter);
  useNotFound(backend, index, list.query, list.lookedUp, results);
  const searching = list.query.trim() !== '';
  const muted = options?.muted;
  const entries: Entry[] = useMemo(() => {
    if (searching) return resultEntries(results.hits);
    return pageEntries(tab?.state.items ?? [], (id) => index?.search.info(id) ?? pageInfo?.get(id), muted);
  }, [searching, results, tab, index, pageInfo, muted]);

  const [view, setView] = useState<View>(params.article ? { kind: 'article', entry: { id: params.article } } : { kind: 'list' });
  const back = useCallback(() => setView({ kind: 'list' }), []);
  const read = useCallback((id: string) => setView({ kind: 'article', entry: { id } }), []);
  useEscape(view.kind === 'article', back);

  if (view.kind === 'article') {
    return (
      <main class="app">
        <Reader id={view.entry.id} item={view.entry.item} backend={backend} pageUrl={tab?.state.url ?? ''} canOpenInTab={!params.article} query={searching ? list.query : undefined} onOpen={read} onBack={back} />
      </main>
    );
  }
  return (
    <ListScreen
      backend={backend}
      screen={{ ready, searching, indexLoaded: index !== null, failed, count: entries.length }}
      list={list}
      entries={entries}
      results={results}
      filtered={filter !== null}
      options={options}
      url={tab?.state.url ?? ''}
      shortcuts={shortcuts}
      onOpen={(entry) => setView({ kind: 'article', entry: { id: entry.id, item: entry.item } })}
    />
  );
}
