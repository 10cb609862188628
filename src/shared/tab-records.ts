import { MAX_LOOKUP } from './lookup-text';
import { boundAddress } from './page-context';

/**
 * A tab's record: what its pages have shown, kept by the worker in storage.session (the worker may be
 * stopped at any time) and read by the popup. The one place that knows the storage key, the shape and its
 * bounds, and the order the list is shown in. Pure.
 */

/** One entry of a tab's "On this page" list. */
export interface PageItem {
  id: string;
  kind: 'error' | 'context';
  /** Epoch milliseconds of the latest sighting. */
  seenAt: number;
  /** The text the page showed, for errors. */
  text?: string;
}

export const ITEM_KINDS: readonly PageItem['kind'][] = ['error', 'context'];

export interface TabState {
  url: string;
  items: PageItem[];
}

export interface TabRecord extends TabState {
  /** The top document the items belong to: the id its content script drew. */
  documentId?: string;
  /** Epoch milliseconds of the last write: the oldest records give way first when storage is full. */
  touched?: number;
}

/**
 * Items kept per tab: one per article, and no page shows anywhere near this many known errors at once; it
 * bounds a record to about 60 KB, so storage.session (10 MB) holds the records of well over a hundred tabs.
 */
export const MAX_ITEMS = 100;
/**
 * Characters kept of an error's text: a toast or a field message, with room for the ids in it. As many as
 * a lookup takes, so a tip's text is looked up whole when it asks for other articles.
 */
export const MAX_ITEM_TEXT = MAX_LOOKUP;
/** Longest article id accepted (`KA-21790` is eight). */
export const MAX_ARTICLE_ID = 32;
/** Longest document id accepted: the content script draws a UUID (36 characters). */
export const MAX_DOCUMENT_ID = 64;

const PREFIX = 'tab:';

export function tabKey(tabId: number): string {
  return `${PREFIX}${tabId}`;
}

/** The tab id a storage key belongs to, or null for a key that is not a tab record's. */
export function tabIdOfKey(key: string): number | null {
  if (!key.startsWith(PREFIX)) return null;
  const id = Number(key.slice(PREFIX.length));
  return Number.isSafeInteger(id) && id >= 0 ? id : null;
}

export function emptyTab(url = ''): TabRecord {
  return { url, items: [] };
}

/** Newest sighting first: the order of every "On this page" list. */
export function newestFirst<T extends Pick<PageItem, 'seenAt'>>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.seenAt - a.seenAt);
}

export function tabState(record: TabRecord | undefined): TabState {
  return { url: record?.url ?? '', items: newestFirst(record?.items ?? []) };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An item as stored, or null when it cannot be one; an over-long text is cut, not refused. */
export function parsePageItem(value: unknown): PageItem | null {
  if (!isRecord(value)) return null;
  const { id, kind, seenAt, text } = value;
  if (typeof id !== 'string' || id === '' || id.length > MAX_ARTICLE_ID) return null;
  if (!ITEM_KINDS.includes(kind as PageItem['kind'])) return null;
  if (typeof seenAt !== 'number' || !Number.isFinite(seenAt)) return null;
  const item: PageItem = { id, kind: kind as PageItem['kind'], seenAt };
  if (typeof text === 'string') item.text = text.slice(0, MAX_ITEM_TEXT);
  return item;
}

/**
 * A record read back from storage, repaired: whatever wrote it (an older version, a bug, a hand in the
 * developer tools), what comes out has the shape and the bounds above. Items that cannot be read are
 * dropped, one per article (the newest), at most MAX_ITEMS; nothing usable gives an empty record.
 */
export function parseTabRecord(value: unknown): TabRecord {
  if (!isRecord(value)) return emptyTab();
  const items = new Map<string, PageItem>();
  for (const raw of Array.isArray(value.items) ? value.items : []) {
    const item = parsePageItem(raw);
    const kept = item && items.get(item.id);
    if (item && (!kept || kept.seenAt < item.seenAt)) items.set(item.id, item);
  }
  const record: TabRecord = { url: typeof value.url === 'string' ? boundAddress(value.url) : '', items: newestFirst([...items.values()]).slice(0, MAX_ITEMS) };
  if (typeof value.documentId === 'string' && value.documentId.length <= MAX_DOCUMENT_ID) record.documentId = value.documentId;
  if (typeof value.touched === 'number' && Number.isFinite(value.touched)) record.touched = value.touched;
  return record;
}

/** The size storage is charged for a record, near enough: its key and its JSON. */
export function recordSize(key: string, value: unknown): number {
  return key.length + (JSON.stringify(value) ?? '').length;
}

/**
 * Which tab records give way when a write does not fit: the least recently written first (a record of the
 * wrong shape counts as oldest), until at least `need` characters are freed. `keep` is the tab being written.
 */
export function recordsToEvict(stored: Record<string, unknown>, keep: number, need: number): number[] {
  const candidates = Object.entries(stored)
    .map(([key, value]) => ({ tabId: tabIdOfKey(key), touched: isRecord(value) && typeof value.touched === 'number' ? value.touched : 0, size: recordSize(key, value) }))
    .filter((c): c is { tabId: number; touched: number; size: number } => c.tabId !== null && c.tabId !== keep)
    .sort((a, b) => a.touched - b.touched);
  const evicted: number[] = [];
  let freed = 0;
  for (const c of candidates) {
    if (freed >= need) break;
    evicted.push(c.tabId);
    freed += c.size;
  }
  return evicted;
}
