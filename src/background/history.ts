import table from '@kb/table';
import browser, { type Runtime } from 'webextension-polyfill';
import { applyEvents, HISTORY_KEY, parseHistory, REPORTED, serializeHistory, type HistoryCount, type HistoryEvent } from '../shared/history';
import { listen, type Handlers } from '../shared/messages';
import { loadOptions } from '../shared/options-store';
import { historyFromChanges } from './history-events';

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

/** Whether a message comes from one of the extension's own pages (the popup, the options page), not a tab's content script. */
function fromOwnPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL(''));
}

export const historyHandlers: Handlers = {
  'history:record': async ({ id, event }) => {
    if (!KNOWN.has(id) || !(REPORTED as readonly string[]).includes(event)) throw new Error(`not a history event: ${String(id)} ${String(event)}`);
    await record([{ id, count: event as HistoryCount, at: Date.now() }]);
  },
  'history:not-found': async ({ text }, sender) => {
    if (!fromOwnPage(sender) || typeof text !== 'string') throw new Error('looked-up texts come from the extension’s own pages');
    await record([{ notFound: text, at: Date.now() }]);
  },
  'history:clear': async (_request, sender) => {
    if (!fromOwnPage(sender)) throw new Error('the history is cleared from the extension’s own pages');
    await clearHistory();
  },
};

/** Answers the history's messages and counts what the worker's storage tells. */
export function startHistory(): void {
  listen(historyHandlers);
  browser.storage.onChanged.addListener((changes, area) => {
    const { events, clear } = historyFromChanges(changes, area, Date.now());
    void record(events);
    if (clear) void clearHistory();
  });
}
