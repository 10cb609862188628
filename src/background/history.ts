import table from '@kb/table';
import browser, { type Runtime } from 'webextension-polyfill';
import { applyEvents, HISTORY_KEY, parseHistory, serializeHistory, type HistoryEvent } from '../shared/history';
import { extensionOrigin, listen, type Handlers, type MessageName } from '../shared/messages';
import { loadOptions } from '../shared/options-store';
import { historyFromChanges } from './history-events';
import { RateLimiter } from './limits';
import { senderOf, type Sender } from './senders';

/**
 * The local history, kept by the worker: the one writer of storage.local's "history", so two events never
 * lose each other. Tips and the extension's pages report what only they see (a tip shown, an article
 * opened, an answer to "Did this help?", a lookup that found nothing); the worker counts for itself what
 * its storage already tells (see history-events.ts). Nothing here is ever sent anywhere.
 */

const KNOWN = new Set(table.articles.map((article) => article.id));

let pending: HistoryEvent[] = [];
let queue: Promise<unknown> = Promise.resolve();

function enqueue(job: () => Promise<void>): Promise<void> {
  const run = queue.then(job);
  queue = run.catch(() => undefined);
  return run;
}

/** Writes every event that arrived since the last write, in one read and one write. */
async function flush(): Promise<void> {
  if (pending.length === 0) return;
  const events = pending;
  pending = [];
  if (!(await loadOptions()).history) return;
  const stored = await browser.storage.local.get(HISTORY_KEY);
  await browser.storage.local.set({ [HISTORY_KEY]: serializeHistory(applyEvents(parseHistory(stored[HISTORY_KEY]), events)) });
}

export function record(events: readonly HistoryEvent[]): Promise<void> {
  if (events.length === 0) return Promise.resolve();
  pending.push(...events);
  return enqueue(flush);
}

export function clearHistory(): Promise<void> {
  return enqueue(() => browser.storage.local.remove(HISTORY_KEY));
}

/**
 * How often a tab's content script may report to the history: each tip is counted once when shown, and a
 * person answers "Did this help?" a click at a time; 40 at once and 4 a second more hold a page whose
 * errors all raise tips at once.
 */
const limiter = new RateLimiter({ 'history:record': { burst: 40, every: 250 } });

/** Who is asking (the shapes were checked by `listen`, and the pages-only messages by their sender's address). */
function check(name: MessageName, raw: Runtime.MessageSender): Sender {
  const sender = senderOf(raw, browser.runtime.id, extensionOrigin());
  if ('refused' in sender) throw new Error(`${name}: ${sender.refused}`);
  if (sender.from === 'page' && !limiter.take(name, String(sender.tabId), Date.now())) throw new Error(`${name}: too many requests from this tab; try again shortly`);
  return sender;
}

export const historyHandlers: Handlers = {
  'history:record': async ({ id, event }, raw) => {
    check('history:record', raw);
    if (!KNOWN.has(id)) throw new Error(`history:record: no article ${id}`);
    await record([{ id, count: event, at: Date.now() }]);
  },
  'history:not-found': async ({ text }, raw) => {
    check('history:not-found', raw);
    await record([{ notFound: text, at: Date.now() }]);
  },
  'history:clear': async (_request, raw) => {
    check('history:clear', raw);
    await clearHistory();
  },
};

/** Answers the history's messages and counts what the worker's storage tells. */
export function startHistory(): void {
  listen(historyHandlers);
  browser.tabs.onRemoved.addListener((tabId) => limiter.forget(String(tabId)));
  browser.storage.onChanged.addListener((changes, area) => {
    const { events, clear } = historyFromChanges(changes, area, Date.now());
    void record(events);
    if (clear) void clearHistory();
  });
}
