import browser from 'webextension-polyfill';
import { applyEvents, HISTORY_KEY, parseHistory, serializeHistory, type HistoryEvent } from '../shared/history';
import { loadOptions } from '../shared/options-store';
import { serial } from '../shared/serial';
import { KNOWN_ARTICLES } from './articles';
import { listenAdmitted, type WorkerHandlers } from './gate';
import { historyFromChanges } from './history-events';

/**
 * The local history, kept by the worker: the one writer of storage.local's "history", so two events never
 * lose each other. Tips and the extension's pages report what only they see (a tip shown, an article
 * opened, an answer to "Did this help?", a lookup that found nothing); the worker counts for itself what
 * its storage already tells (see history-events.ts). Nothing here is ever sent anywhere.
 */

let pending: HistoryEvent[] = [];
const enqueue = serial();

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

export const historyHandlers: WorkerHandlers = {
  'history:record': async ({ id, event }) => {
    if (!KNOWN_ARTICLES.has(id)) throw new Error(`history:record: no article ${id}`);
    await record([{ id, count: event, at: Date.now() }]);
  },
  'history:not-found': async ({ text }) => {
    await record([{ notFound: text, at: Date.now() }]);
  },
  'history:clear': async () => {
    await clearHistory();
  },
};

/** Answers the history's messages and counts what the worker's storage tells. */
export function startHistory(): void {
  listenAdmitted(historyHandlers);
  browser.storage.onChanged.addListener((changes, area) => {
    const { events, clear } = historyFromChanges(changes, area, Date.now());
    void record(events);
    if (clear) void clearHistory();
  });
}
