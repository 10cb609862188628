import type { MessageName } from './messages';
import { MAX_ADDRESS } from './page-context';
import { ITEM_KINDS, MAX_ARTICLE_ID, MAX_DOCUMENT_ID, MAX_ITEM_TEXT, MAX_ITEMS, parseTabRecord } from './tab-records';
import { REPORTED } from './history';
import { MAX_LOOKUP } from './lookup-text';

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

const SHAPES: { [N in MessageName]: Record<string, Check> } = {
  'frame:hello': { url: string(MAX_ADDRESS), top: boolean, document: string(MAX_DOCUMENT_ID, 1) },
  'page:seen': { id: string(MAX_ARTICLE_ID, 1), kind: oneOf(ITEM_KINDS), text: optional(string(MAX_ITEM_TEXT)) },
  'article:get': { id: string(MAX_ARTICLE_ID, 1) },
  'article:open': { id: string(MAX_ARTICLE_ID, 1) },
  'tab:state': { tabId },
  'tab:url': { url: string(MAX_ADDRESS) },
  'tab:changed': { tabId, state: tabState },
  'history:record': { id: string(MAX_ARTICLE_ID, 1), event: oneOf(REPORTED) },
  'history:not-found': { text: string(MAX_LOOKUP, 1) },
  'history:clear': {},
  'article:others': { id: string(MAX_ARTICLE_ID, 1), text: string(MAX_LOOKUP) },
  'tip:shown': {},
  'tip:focus': {},
};

/**
 * Messages only the extension itself sends: the worker (to content scripts and to the extension's pages:
 * a tab's address, its list, the keyboard shortcut's focus), or the extension's own pages (a lookup that
 * found nothing, clearing the history), never a content script. A page's script cannot make a frame
 * take the focus.
 */
export const SENT_BY_EXTENSION: ReadonlySet<string> = new Set<MessageName>(['tab:url', 'tab:changed', 'tip:focus', 'history:not-found', 'history:clear']);

/** What is wrong with a message's payload, or null when it has the shape and sizes its name promises. */
export function requestProblem(name: string, payload: unknown): string | null {
  const shape = Object.hasOwn(SHAPES, name) ? SHAPES[name as MessageName] : undefined;
  if (!shape) return 'unknown message';
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return 'payload must be an object';
  for (const key of Object.keys(payload)) if (!Object.hasOwn(shape, key)) return `unexpected field "${key}"`;
  for (const [key, check] of Object.entries(shape)) {
    const value = (payload as Record<string, unknown>)[key];
    if (!check.test(value)) return `"${key}" must be ${check.expected}${check.got?.(value) ?? ''}`;
  }
  return null;
}
