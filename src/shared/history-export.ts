import { COUNTS, type Count, type History, type NotFound } from './history';
import { PRODUCT_NAMES, type ProductKey } from './products';

/**
 * The history as a table (the options page), as CSV and as JSON (the exports a knowledge-base team can
 * gather: which articles help, which do not, which errors have none). Pure: tested in Node.
 */

export interface HistoryRow extends Record<Count, number> {
  id: string;
  /** The article's title, or '' when this knowledge base no longer has it. */
  title: string;
  products: ProductKey[];
  first: number;
  last: number;
}

export type SortKey = Count | 'last';
export type SortDirection = 'asc' | 'desc';

export function historyRows(history: History, info: (id: string) => { title: string; products: ProductKey[] } | undefined): HistoryRow[] {
  return Object.entries(history.articles).map(([id, stats]) => {
    const article = info(id);
    return { id, title: article?.title ?? '', products: article?.products ?? [], ...stats };
  });
}

/** Rows by one column; ties by the latest seen, then by id, so the order never depends on storage. */
export function sortRows(rows: readonly HistoryRow[], key: SortKey, direction: SortDirection): HistoryRow[] {
  const sign = direction === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => sign * (a[key] - b[key]) || b.last - a.last || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What each count is called in the exports' headers and the options page's table. */
export const COUNT_LABELS: Record<Count, { column: string; heading: string }> = {
  shown: { column: 'tip_shown', heading: 'Tip shown' },
  listed: { column: 'listed', heading: 'Listed' },
  opened: { column: 'opened', heading: 'Opened' },
  yes: { column: 'helped_yes', heading: 'Helped' },
  no: { column: 'helped_no', heading: 'Didn’t help' },
  muted: { column: 'muted', heading: 'Muted' },
};

const iso = (ms: number): string => (ms > 0 ? new Date(ms).toISOString() : '');

/**
 * One CSV field. Quoted when it holds a comma, quote or line break; a text that a spreadsheet would read as
 * a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe, since looked-up texts come
 * from web pages.
 */
export function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_HEADER = ['kind', 'article_id', 'title', 'products', ...COUNTS.map((c) => COUNT_LABELS[c].column), 'looked_up', 'text', 'first_seen', 'last_seen'];

/** One table: a row per article (kind "article"), then a row per looked-up text that found none ("not-found"). */
export function toCSV(rows: readonly HistoryRow[], notFound: readonly NotFound[]): string {
  const lines = [CSV_HEADER];
  for (const row of rows) {
    lines.push(['article', row.id, row.title, row.products.map((p) => PRODUCT_NAMES[p]).join('; '), ...COUNTS.map((c) => String(row[c])), '', '', iso(row.first), iso(row.last)]);
  }
  for (const entry of notFound) {
    lines.push(['not-found', '', '', '', ...COUNTS.map(() => ''), String(entry.count), entry.text, iso(entry.first), iso(entry.last)]);
  }
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export interface ExportAbout {
  exportedAt: number;
  extensionVersion: string;
  /** When the knowledge base the titles come from was built. */
  knowledgeBuiltAt: string;
}

export const EXPORT_FORMAT = 'xc-troubleshooter-history';

export function toJSON(rows: readonly HistoryRow[], notFound: readonly NotFound[], about: ExportAbout): string {
  return JSON.stringify(
    {
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: iso(about.exportedAt),
      extensionVersion: about.extensionVersion,
      knowledgeBaseBuiltAt: about.knowledgeBuiltAt,
      articles: rows.map((row) => ({
        id: row.id,
        title: row.title,
        products: row.products,
        ...Object.fromEntries(COUNTS.map((c) => [COUNT_LABELS[c].column, row[c]])),
        firstSeen: iso(row.first),
        lastSeen: iso(row.last),
      })),
      notFound: notFound.map((entry) => ({ text: entry.text, lookedUp: entry.count, firstSeen: iso(entry.first), lastSeen: iso(entry.last) })),
    },
    null,
    2,
  );
}

/** A file name for an export: "xc-troubleshooter-history-2025-06-15.csv". */
export function exportName(extension: 'csv' | 'json', at: number): string {
  return `${EXPORT_FORMAT}-${new Date(at).toISOString().slice(0, 10)}.${extension}`;
}
