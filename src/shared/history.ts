import { migrate, type Migrations, type Stored } from './migrate';
import { isArticleId } from './article-id';

/**
 * The local history: per article, how often its tip was shown, it was listed on a page, it was opened, it
 * helped or not, it was muted, and when it was first and last seen; and the looked-up texts that found no
 * article. Kept in storage.local, never sent anywhere. Its schema's version and migrations live here, as
 * the options' do in options.ts; reading never throws: what is not valid is dropped entry by entry.
 * Pure: tested in Node.
 */

export const HISTORY_KEY = 'history';
export const HISTORY_VERSION = 1;

/**
 * Articles kept. More than the whole knowledge base with the imported corpus (about 1,200 articles), so
 * nobody loses an article in practice; past it, the article seen longest ago goes. At about 110 bytes an
 * article the history stays under 200 KB, a small part of storage.local's quota, and each write (the
 * worker rewrites the whole object) stays a matter of milliseconds.
 */
export const MAX_ARTICLES = 1500;
/** Looked-up texts that found nothing: the 200 most recent (at most 40 KB of text). */
export const MAX_NOT_FOUND = 200;
/** A looked-up text is kept cut to this many characters: enough for an error line, not a page. */
export const MAX_KEPT_TEXT = 200;

/** What is counted per article, in the order the options page and the exports show them. */
export const COUNTS = ['shown', 'listed', 'opened', 'yes', 'no', 'muted'] as const;
export type Count = (typeof COUNTS)[number];

export type ArticleStats = Record<Count, number> & {
  /** Epoch milliseconds of the first and the latest event. */
  first: number;
  last: number;
};

export interface NotFound {
  text: string;
  /** How many times it was looked up. */
  count: number;
  first: number;
  last: number;
}

export interface History {
  articles: Record<string, ArticleStats>;
  /** Most recent first. */
  notFound: NotFound[];
}

export type HistoryEvent = { id: string; count: Count; at: number } | { notFound: string; at: number };

/** What the extension's pages and tips report; "listed" and "muted" the worker sees for itself. */
export const REPORTED = ['shown', 'opened', 'yes', 'no'] as const satisfies readonly Count[];
export type HistoryCount = (typeof REPORTED)[number];

/** Each migration takes a stored object of its version to the next; version 1 is the first. */
const MIGRATIONS: Migrations = {};

export function emptyHistory(): History {
  return { articles: {}, notFound: [] };
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0);
const time = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);

function parseStats(raw: unknown): ArticleStats | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const stored = raw as Stored;
  const stats = Object.fromEntries(COUNTS.map((key) => [key, count(stored[key])])) as Record<Count, number>;
  const last = time(stored.last) || time(stored.first);
  const first = Math.min(time(stored.first) || last, last);
  return { ...stats, first, last };
}

function parseNotFound(raw: unknown): NotFound | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const stored = raw as Stored;
  const text = typeof stored.text === 'string' ? clipText(stored.text) : '';
  if (!text) return null;
  const last = time(stored.last) || time(stored.first);
  return { text, count: Math.max(1, count(stored.count)), first: Math.min(time(stored.first) || last, last), last };
}

export function parseHistory(raw: unknown): History {
  const stored = migrate(raw, HISTORY_VERSION, MIGRATIONS);
  const articles: Record<string, ArticleStats> = {};
  if (stored.articles && typeof stored.articles === 'object' && !Array.isArray(stored.articles)) {
    for (const [id, value] of Object.entries(stored.articles as Stored)) {
      const stats = isArticleId(id) ? parseStats(value) : null;
      if (stats) articles[id] = stats;
    }
  }
  const notFound = Array.isArray(stored.notFound) ? stored.notFound.map(parseNotFound).filter((entry) => entry !== null) : [];
  return bound({ articles, notFound: mergeTexts(notFound) });
}

export function serializeHistory(history: History): Stored {
  return { version: HISTORY_VERSION, articles: history.articles, notFound: history.notFound };
}

/** A looked-up text as kept: whitespace folded, cut to MAX_KEPT_TEXT characters (code points: never inside one). */
export function clipText(text: string): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  return folded.length <= MAX_KEPT_TEXT ? folded : Array.from(folded).slice(0, MAX_KEPT_TEXT).join('');
}

/** Texts that differ only in case are one text: the latest spelling, counts added up. Most recent first. */
function mergeTexts(entries: NotFound[]): NotFound[] {
  const byKey = new Map<string, NotFound>();
  for (const entry of entries) {
    const key = entry.text.toLowerCase();
    const known = byKey.get(key);
    if (!known) byKey.set(key, { ...entry });
    else byKey.set(key, { text: entry.last > known.last ? entry.text : known.text, count: known.count + entry.count, first: Math.min(known.first, entry.first), last: Math.max(known.last, entry.last) });
  }
  return [...byKey.values()].sort((a, b) => b.last - a.last);
}

/** Within the limits: past them, the articles and texts seen longest ago go. */
export function bound(history: History): History {
  let { articles } = history;
  const ids = Object.keys(articles);
  if (ids.length > MAX_ARTICLES) {
    const kept = ids.sort((a, b) => articles[b].last - articles[a].last || (a < b ? -1 : 1)).slice(0, MAX_ARTICLES);
    articles = Object.fromEntries(kept.map((id) => [id, history.articles[id]]));
  }
  return { articles, notFound: history.notFound.slice(0, MAX_NOT_FOUND) };
}

/** The history with `events` counted, within its limits. Does not change `history`. */
export function applyEvents(history: History, events: readonly HistoryEvent[]): History {
  const articles = { ...history.articles };
  let notFound = history.notFound;
  for (const event of events) {
    if ('notFound' in event) {
      const text = clipText(event.notFound);
      if (text) notFound = mergeTexts([{ text, count: 1, first: event.at, last: event.at }, ...notFound]);
      continue;
    }
    if (!isArticleId(event.id)) continue;
    const known = articles[event.id] ?? { ...Object.fromEntries(COUNTS.map((key) => [key, 0])), first: event.at, last: event.at };
    articles[event.id] = { ...known, [event.count]: known[event.count] + 1, first: Math.min(known.first || event.at, event.at), last: Math.max(known.last, event.at) } as ArticleStats;
  }
  return bound({ articles, notFound });
}

export function isEmpty(history: History): boolean {
  return Object.keys(history.articles).length === 0 && history.notFound.length === 0;
}
