import { useState } from 'preact/hooks';
import { COUNTS, isEmpty, MAX_ARTICLES, MAX_NOT_FOUND, type History, type NotFound } from '../shared/history';
import { COUNT_LABELS, exportName, historyRows, sortRows, toCSV, toJSON, type HistoryRow, type SortKey } from '../shared/history-export';
import type { Options } from '../shared/options';
import { timeAgo } from '../ui/time';
import type { OptionsBackend } from './backend';
import type { Articles, Change } from './hooks';
import { FIRST_SORT, nextSort, type Sort } from './model';

/**
 * The local history on the options page: one row per article with its counts (sortable by each), the
 * looked-up texts that found nothing, the exports and "Clear history"; and the option that keeps it.
 */

interface HistoryCardProps {
  options: Options;
  change: Change;
  history: History | null;
  articles: Articles;
  backend: OptionsBackend;
  say(message: string): void;
}

export function HistoryCard({ options, change, history, articles, backend, say }: HistoryCardProps) {
  const [sort, setSort] = useState<Sort>(FIRST_SORT);
  const rows = history ? sortRows(historyRows(history, (id) => articles.get(id)), sort.key, sort.direction) : [];
  const exportAs = (kind: 'csv' | 'json') => {
    if (!history) return;
    const now = Date.now();
    const text = kind === 'csv' ? `\ufeff${toCSV(rows, history.notFound)}` : toJSON(rows, history.notFound, { exportedAt: now, extensionVersion: backend.version, knowledgeBuiltAt: backend.meta.builtAt });
    backend.download(exportName(kind, now), kind === 'csv' ? 'text/csv;charset=utf-8' : 'application/json', text);
  };
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <p class="hint">
        Kept in this browser only, never sent anywhere: per article, how often its tip was shown, it was listed on a page, you opened it, it helped or not, you muted it; and
        what you looked up that found no article. Up to {MAX_ARTICLES.toLocaleString('en')} articles and the {MAX_NOT_FOUND} latest texts; older ones make room.
      </p>
      <label class="check">
        <input type="checkbox" name="history" checked={options.history} onChange={(event) => {
          const on = event.currentTarget.checked;
          change(() => ({ history: on }), on ? 'History on' : 'History off and cleared');
        }} />
        <span class="check-text">
          <span class="check-name">Keep a local history</span>
          <span class="check-hint">Turning it off clears what it holds.</span>
        </span>
      </label>
      {options.history && history && isEmpty(history) && <p class="hint history-empty">Nothing recorded yet.</p>}
      {options.history && history && !isEmpty(history) && (
        <>
          {rows.length > 0 && <HistoryTable rows={rows} sort={sort} titlesLoaded={articles.size > 0} onSort={(key) => setSort((current) => nextSort(current, key))} />}
          {history.notFound.length > 0 && <NotFoundList entries={history.notFound} />}
          <HistoryActions history={history} onExport={exportAs} onClear={() => backend.clearHistory().then(() => say('History cleared'), () => say('Could not clear the history'))} />
        </>
      )}
    </section>
  );
}

const SORTED = { asc: 'ascending', desc: 'descending' } as const;

function HistoryTable({ rows, sort, titlesLoaded, onSort }: { rows: HistoryRow[]; sort: Sort; titlesLoaded: boolean; onSort(key: SortKey): void }) {
  const heading = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? SORTED[sort.direction] : undefined}>
      <button type="button" class="sort" data-sort={key} onClick={() => onSort(key)}>
        {label}
        <span class="sort-mark" aria-hidden="true">
          {sort.key === key ? (sort.direction === 'desc' ? '↓' : '↑') : ''}
        </span>
      </button>
    </th>
  );
  return (
    <div class="table-wrap">
      <table id="history">
        <caption class="sr-only">Articles in your history; each column heading sorts by it</caption>
        <thead>
          <tr>
            <th scope="col">Article</th>
            {COUNTS.map((count) => heading(count, COUNT_LABELS[count].heading))}
            {heading('last', 'Last seen')}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-article-id={row.id}>
              <th scope="row">
                <span class="history-title">{row.title || (titlesLoaded ? 'No longer in the knowledge base' : row.id)}</span>
                <span class="history-id">{row.id}</span>
              </th>
              {COUNTS.map((count) => (
                <td key={count} data-count={count}>
                  {row[count]}
                </td>
              ))}
              <td data-count="last">
                <time dateTime={new Date(row.last).toISOString()} title={`First seen ${new Date(row.first).toLocaleString('en-GB')}`}>
                  {timeAgo(row.last)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NotFoundList({ entries }: { entries: NotFound[] }) {
  return (
    <>
      <h3 class="history-sub">Looked up, no article found</h3>
      <ul id="not-found" class="not-found">
        {entries.map((entry) => (
          <li key={entry.text}>
            <span class="not-found-text">{entry.text}</span>
            <span class="not-found-meta">
              {entry.count > 1 ? `${entry.count} times · ` : ''}
              {timeAgo(entry.last)}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function HistoryActions({ history, onExport, onClear }: { history: History; onExport(kind: 'csv' | 'json'): void; onClear(): void }) {
  const [confirming, setConfirming] = useState(false);
  const articles = Object.keys(history.articles).length;
  const texts = history.notFound.length;
  return (
    <div class="history-actions">
      <button type="button" data-export="csv" onClick={() => onExport('csv')}>
        Export CSV
      </button>
      <button type="button" data-export="json" onClick={() => onExport('json')}>
        Export JSON
      </button>
      <span class="spacer" />
      {confirming ? (
        <span class="confirm" role="alert">
          Clear {articles} {articles === 1 ? 'article' : 'articles'} and {texts} {texts === 1 ? 'text' : 'texts'}?{' '}
          <button type="button" class="danger" data-history="confirm-clear" onClick={() => (setConfirming(false), onClear())}>
            Clear
          </button>
          <button type="button" data-history="keep" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </span>
      ) : (
        <button type="button" class="quiet" data-history="clear" onClick={() => setConfirming(true)}>
          Clear history
        </button>
      )}
    </div>
  );
}
