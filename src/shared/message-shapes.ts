import { extensionOrigin, type Guard, type MessageName } from './messages';
import { MAX_ADDRESS } from './page-context';
import { ITEM_KINDS, MAX_ARTICLE_ID, MAX_DOCUMENT_ID, MAX_ITEM_TEXT, MAX_ITEMS, parseTabRecord } from './tab-records';
import { REPORTED } from './history';
import { isProductKey } from './products';
import { MAX_LOOKUP } from './lookup-text';
import { reparseOptions, type Options } from './options';

/**
 * What each message's payload must look like, checked by every listener before a handler sees it: the
 * other side is our own code, but it runs beside pages that may be hostile, so nothing is taken on trust.
 * Pure: tested in Node.
 */

interface Check {
  test(value: unknown): boolean;
  /** What the field must be, for the error sent back. */
  expected: string;
  /** What it was instead, when that helps. */
  got?(value: unknown): string;
}

const string = (max: number, min = 0): Check => ({
  test: (value) => typeof value === 'string' && value.length >= min && value.length <= max,
  expected: `a ${min ? 'non-empty ' : ''}string of at most ${max} characters`,
  got: (value) => (typeof value === 'string' ? ` (got ${value.length} characters)` : ''),
});
const boolean: Check = { test: (value) => typeof value === 'boolean', expected: 'true or false' };
const tabId: Check = { test: (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0, expected: 'a tab id' };
const oneOf = (allowed: readonly string[]): Check => ({ test: (value) => allowed.includes(value as string), expected: `one of ${allowed.join(', ')}` });
const optional = (check: Check): Check => ({ ...check, test: (value) => value === undefined || check.test(value), expected: `absent or ${check.expected}` });
/** A tab's state as the worker sends it: already in shape, so reading it back changes nothing. */
const tabState: Check = {
  test(value) {
    if (typeof value !== 'object' || value === null) return false;
    const { url, items } = value as { url?: unknown; items?: unknown };
    if (typeof url !== 'string' || !Array.isArray(items) || items.length > MAX_ITEMS) return false;
    const repaired = parseTabRecord(value);
    return repaired.url === url && repaired.items.length === items.length;
  },
  expected: `a tab's state (an address and at most ${MAX_ITEMS} items)`,
};
/** The titles and products of a tab's articles, as the worker sends them beside its state. */
const articleInfos: Check = {
  test(value) {
    if (!Array.isArray(value) || value.length > MAX_ITEMS) return false;
    return value.every((info: unknown) => {
      if (typeof info !== 'object' || info === null) return false;
      const { id, title, summary, products } = info as Record<string, unknown>;
      return typeof id === 'string' && id.length <= MAX_ARTICLE_ID && typeof title === 'string' && typeof summary === 'string' && Array.isArray(products) && products.every(isProductKey);
    });
  },
  expected: `the titles and products of at most ${MAX_ITEMS} articles`,
};

/** The options as the worker sends them: already parsed, so parsing them again changes nothing. */
const storedOptions: Check = {
  test: (value) => typeof value === 'object' && value !== null && JSON.stringify(reparseOptions(value as Options)) === JSON.stringify(value),
  expected: 'the options, as parsed',
};

/** How often a content script may send a message, per tab: a token bucket (see background/limits.ts). */
export interface Limit {
  /** Requests allowed at once. */
  burst: number;
  /** Milliseconds for one more to become allowed. */
  every: number;
}

/**
 * Who may send a message: only a content script (`page`), which speaks for its own tab and frame; only the
 * extension itself (`extension`: the worker, to content scripts and to the extension's pages, or the
 * extension's own pages); or either (`any`).
 */
export type Senders = 'page' | 'extension' | 'any';

export interface MessageRule {
  /** The payload's fields, each with its check. */
  shape: Record<string, Check>;
  from: Senders;
  /** How often one tab's content script may send it; absent: content scripts do not send it, or need no limit. */
  rate?: Limit;
}

/**
 * Every message: its payload's shape, who may send it, and how often a tab may. A person's clicks and a
 * page's real errors stay well inside these rates; a page that manages to make our script ask in a loop
 * gets an error back instead of tabs, storage writes or work.
 */
export const MESSAGES = {
  // a frame says hello when it loads or changes route; 30 at once covers a shell and its frames loading
  'frame:hello': { from: 'page', rate: { burst: 30, every: 100 }, shape: { url: string(MAX_ADDRESS), top: boolean, document: string(MAX_DOCUMENT_ID, 1), table: optional(boolean) } },
  // a tab's list holds at most 100 articles and each is told once a second at most: a burst of 100 and
  // 20 a second hold any real page
  'page:seen': { from: 'page', rate: { burst: 100, every: 50 }, shape: { id: string(MAX_ARTICLE_ID, 1), kind: oneOf(ITEM_KINDS), text: optional(string(MAX_ITEM_TEXT)) } },
  // each tip asks once for its steps
  'article:get': { from: 'any', rate: { burst: 40, every: 100 }, shape: { id: string(MAX_ARTICLE_ID, 1) } },
  // a person opens articles a click at a time; three at once covers the tips of a page with several errors
  'article:open': { from: 'any', rate: { burst: 3, every: 2000 }, shape: { id: string(MAX_ARTICLE_ID, 1) } },
  // content scripts do not ask today
  'tab:state': { from: 'any', rate: { burst: 10, every: 1000 }, shape: { tabId } },
  'tab:url': { from: 'extension', shape: { url: string(MAX_ADDRESS) } },
  'options:changed': { from: 'extension', shape: { options: storedOptions } },
  'tab:changed': { from: 'extension', shape: { tabId, state: tabState, info: articleInfos } },
  // each tip is counted once when shown, and a person answers "Did this help?" a click at a time; 40 at
  // once and 4 a second more hold a page whose errors all raise tips at once
  'history:record': { from: 'any', rate: { burst: 40, every: 250 }, shape: { id: string(MAX_ARTICLE_ID, 1), event: oneOf(REPORTED) } },
  'history:not-found': { from: 'extension', shape: { text: string(MAX_LOOKUP, 1) } },
  'history:clear': { from: 'extension', shape: {} },
  // asked for after a person's "No": a click at a time, three at once for a page of tips
  'article:others': { from: 'any', rate: { burst: 3, every: 2000 }, shape: { id: string(MAX_ARTICLE_ID, 1), text: string(MAX_LOOKUP) } },
  // a frame notes each tip it shows, as many as a page's errors, so the keyboard shortcut finds the newest
  'tip:shown': { from: 'page', rate: { burst: 100, every: 50 }, shape: {} },
  // the keyboard shortcut: only the worker moves a frame's focus, never a page's script
  'tip:focus': { from: 'extension', shape: {} },
} satisfies { [N in MessageName]: MessageRule };

/** Who may send message `N`. */
export type SendersOf<N extends MessageName> = (typeof MESSAGES)[N]['from'];

const rule = (name: string): MessageRule | undefined => (Object.hasOwn(MESSAGES, name) ? MESSAGES[name as MessageName] : undefined);

/** True for a message only the extension itself sends, never a content script. */
export function sentByExtension(name: string): boolean {
  return rule(name)?.from === 'extension';
}

/** What is wrong with a message's payload, or null when it has the shape and sizes its name promises. */
export function requestProblem(name: string, payload: unknown): string | null {
  const shape = rule(name)?.shape;
  if (!shape) return 'unknown message';
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'payload must be an object';
  for (const key of Object.keys(payload)) if (!Object.hasOwn(shape, key)) return `unexpected field "${key}"`;
  for (const [key, check] of Object.entries(shape)) {
    const value = (payload as Record<string, unknown>)[key];
    if (!check.test(value)) return `"${key}" must be ${check.expected}${check.got?.(value) ?? ''}`;
  }
  return null;
}

/**
 * The worker's and the extension's pages' guard (messages.ts `listen`): a payload of the wrong shape or
 * size, or a message only the extension sends that comes from a content script, is refused.
 */
export const checkRequest: Guard = (name, payload, sender) => {
  if (sentByExtension(name) && !sender.url?.startsWith(extensionOrigin())) throw new Error(`${name}: only the extension's own pages may send this`);
  const problem = requestProblem(name, payload);
  if (problem) throw new Error(`${name}: ${problem}`);
};
