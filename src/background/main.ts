import table from '@kb/table';
import browser from 'webextension-polyfill';
import { articleStore } from '../shared/kb-load';
import { send } from '../shared/messages';
import { PageContexts } from '../shared/page-context';
import { serialBy } from '../shared/serial';
import { readerPath } from '../shared/popup-address';
import { emptyTab, parseTabRecord, recordSize, recordsToEvict, tabKey, tabState, type TabRecord } from '../shared/tab-records';
import { KNOWN_ARTICLES, tabInfo } from './articles';
import { forgetTab, listenAdmitted } from './gate';
import { startCommands, tipShown } from './commands';
import { startHistory } from './history';
import { startLookup } from './lookup';
import { mayReadTab } from './senders';
import { addItem, badgeText, changeUrl } from './tabs';

/**
 * The background worker: keeps each tab's detections for the badge and the popup, serves articles to the
 * tips, opens the reader. Stateless between wake-ups except for storage.session. Every message is checked
 * (shape and sizes, sender and rate: see gate.ts) before it is acted on; refusals go back as errors.
 */

const contexts = new PageContexts(table);

async function readTab(tabId: number): Promise<TabRecord> {
  const key = tabKey(tabId);
  return parseTabRecord((await browser.storage.session.get(key))[key]);
}

/**
 * Times storage may be made room in before a write is given up: each round lets the least recently written
 * tabs' records go, freeing twice what the round before asked for; four rounds free 15 times the record.
 */
const ROOM_ROUNDS = 4;

/** Writes a tab's record; when storage is full, older tabs' records give way (their badges go with them). */
async function writeTab(tabId: number, record: TabRecord): Promise<void> {
  const key = tabKey(tabId);
  let need = recordSize(key, record);
  for (let round = 0; ; round++) {
    try {
      await browser.storage.session.set({ [key]: record });
      return;
    } catch (error) {
      if (round >= ROOM_ROUNDS || !/quota/i.test(String(error))) throw error;
      const evicted = recordsToEvict(await browser.storage.session.get(null), tabId, need);
      if (!evicted.length) throw error;
      await browser.storage.session.remove(evicted.map(tabKey));
      for (const other of evicted) void browser.action.setBadgeText({ tabId: other, text: '' }).catch(() => undefined);
      need *= 2;
    }
  }
}

/** Tab updates are serialised per tab, so two frames reporting at once cannot lose an item. */
const perTab = serialBy<number>();
function updateTab(tabId: number, change: (tab: TabRecord) => TabRecord): Promise<TabRecord> {
  return perTab(tabId, async () => {
    const next = { ...change(await readTab(tabId)), touched: Date.now() };
    await writeTab(tabId, next);
    await browser.action.setBadgeText({ tabId, text: badgeText(next) }).catch(() => undefined);
    // an open popup follows the tab live; with none open, nobody answers
    const state = tabState(next);
    void send('tab:changed', { tabId, state, info: tabInfo(state) }).catch(() => undefined);
    return next;
  });
}

void browser.action.setBadgeBackgroundColor({ color: '#1461d6' }).catch(() => undefined);

listenAdmitted({
  'frame:hello': async ({ url, top, document, table: wanted }, { tabId, frameId }, raw) => {
    if (top !== (frameId === 0)) throw new Error(`frame:hello: frame ${frameId} says it is ${top ? '' : 'not '}the top frame`);
    // the content script's detection table, once per document (it carries none of its own)
    const withTable = (answer: { topUrl: string }) => (wanted ? { ...answer, table } : answer);
    if (!top) return withTable({ topUrl: (await readTab(tabId)).url || raw.tab?.url || '' });
    // a new document in the tab (a reload, a link) starts a fresh list; a route change in the same
    // document keeps its errors and re-judges its page contexts
    const next = await updateTab(tabId, (tab) => {
      if (tab.documentId && document !== tab.documentId) return { ...emptyTab(url), documentId: document };
      const moved = tab.url && tab.url !== url ? changeUrl(tab, url, contexts) : { ...tab, url };
      return { ...moved, documentId: document };
    });
    void send('tab:url', { url: next.url }, tabId).catch(() => undefined);
    return withTable({ topUrl: next.url });
  },
  'page:seen': async ({ id, kind, text }, { tabId }) => {
    if (!KNOWN_ARTICLES.has(id)) throw new Error(`page:seen: no detectable article ${id}`);
    await updateTab(tabId, (tab) => addItem(tab, { id, kind, text, seenAt: Date.now() }));
  },
  'article:get': async ({ id }) => {
    return (await articleStore()).get(id) ?? null;
  },
  'article:open': async ({ id }) => {
    if (!(await articleStore()).has(id)) throw new Error(`article:open: no article ${id}`);
    await browser.tabs.create({ url: browser.runtime.getURL(readerPath(id)) });
  },
  'tab:state': async ({ tabId }, sender) => {
    if (!mayReadTab(sender, tabId)) throw new Error('tab:state: a content script may only ask about its own tab');
    const state = tabState(await readTab(tabId));
    return { ...state, info: tabInfo(state) };
  },
  'tip:shown': (_, _sender, raw) => {
    tipShown(raw);
  },
});

browser.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId);
  void browser.storage.session.remove(tabKey(tabId));
});

// the local history, and looking up a selection or the address bar's `xc`
startHistory();
startLookup();
// the keyboard shortcut to the newest tip
startCommands();
