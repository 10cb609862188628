import table from '@kb/table';
import browser from 'webextension-polyfill';
import type { StoredArticle } from '../shared/kb-types';
import { listen, send } from '../shared/messages';
import { startHistory } from './history';
import { startLookup } from './lookup';
import { addItem, badgeText, changeUrl, emptyTab, tabState, type TabRecord } from './tabs';

/**
 * The background worker: keeps each tab's detections for the badge and the popup, serves articles to the
 * tips, opens the reader. Stateless between wake-ups except for storage.session.
 */

const KEY = (tabId: number) => `tab:${tabId}`;
let articles: Promise<Map<string, StoredArticle>> | null = null;

function loadArticles(): Promise<Map<string, StoredArticle>> {
  articles ??= fetch(browser.runtime.getURL('kb/articles.json'))
    .then((r) => r.json() as Promise<StoredArticle[]>)
    .then((list) => new Map(list.map((a) => [a.id, a])));
  return articles;
}

async function readTab(tabId: number): Promise<TabRecord | undefined> {
  const stored = await browser.storage.session.get(KEY(tabId));
  return stored[KEY(tabId)] as TabRecord | undefined;
}

/** Tab updates are serialised per tab, so two frames reporting at once cannot lose an item. */
const queues = new Map<number, Promise<unknown>>();
function updateTab(tabId: number, change: (tab: TabRecord) => TabRecord): Promise<TabRecord> {
  const run = (queues.get(tabId) ?? Promise.resolve()).then(async () => {
    const next = change((await readTab(tabId)) ?? emptyTab());
    await browser.storage.session.set({ [KEY(tabId)]: next });
    await browser.action.setBadgeText({ tabId, text: badgeText(next) }).catch(() => undefined);
    return next;
  });
  queues.set(tabId, run.catch(() => undefined));
  return run;
}

void browser.action.setBadgeBackgroundColor({ color: '#1461d6' }).catch(() => undefined);

listen({
  'frame:hello': async ({ url, top, document }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { topUrl: url };
    if (!top) return { topUrl: (await readTab(tabId))?.url || sender.tab?.url || '' };
    // a new document in the tab (a reload, a link) starts a fresh list; a route change in the same
    // document keeps its errors and re-judges its page contexts
    const next = await updateTab(tabId, (tab) => {
      if (tab.documentId && document !== tab.documentId) return { ...emptyTab(url), documentId: document };
      const moved = tab.url && tab.url !== url ? changeUrl(tab, url, table) : { ...tab, url };
      return { ...moved, documentId: document };
    });
    void send('tab:url', { url: next.url }, tabId).catch(() => undefined);
    return { topUrl: next.url };
  },
  'page:seen': async ({ id, kind, text }, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined || !table.articles.some((a) => a.id === id)) return;
    await updateTab(tabId, (tab) => addItem(tab, { id, kind, text, seenAt: Date.now() }));
  },
  'article:get': async ({ id }) => (await loadArticles()).get(id) ?? null,
  'article:open': async ({ id }) => {
    await browser.tabs.create({ url: browser.runtime.getURL(`src/popup/index.html?article=${encodeURIComponent(id)}`) });
  },
  'tab:state': async ({ tabId }) => tabState(await readTab(tabId)),
});

browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(KEY(tabId)));

// the local history, and looking up a selection or the address bar's `xc`
startHistory();
startLookup();
