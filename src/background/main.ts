import table from '@kb/table';
import browser, { type Runtime } from 'webextension-polyfill';
import { articleStore } from '../shared/kb-load';
import { extensionOrigin, listen, send, type MessageName } from '../shared/messages';
import { PageContexts } from '../shared/page-context';
import { emptyTab, parseTabRecord, recordSize, recordsToEvict, tabKey, tabState, type TabRecord } from '../shared/tab-records';
import { startCommands, tipShown } from './commands';
import { startHistory } from './history';
import { RateLimiter } from './limits';
import { startLookup } from './lookup';
import { mayReadTab, senderOf, type Sender } from './senders';
import { addItem, badgeText, changeUrl } from './tabs';

/**
 * The background worker: keeps each tab's detections for the badge and the popup, serves articles to the
 * tips, opens the reader. Stateless between wake-ups except for storage.session. Every message is checked
 * (shape and sizes in `listen`, sender and rate here) before it is acted on; refusals go back as errors.
 */

const contexts = new PageContexts(table);
const detectable = new Set(table.articles.map((a) => a.id));

/**
 * What a content script may ask for, per tab (see limits.ts). Opening a tab: a person opens articles a
 * click at a time, three at once covers the tips of a page with several errors. Reports: a tab's list holds
 * at most 100 articles and each is told once a second at most, so a burst of 100 and 20 a second hold any
 * real page. Hellos: a frame says hello when it loads or changes route; 30 at once covers a shell and its
 * frames loading. Articles: each tip asks once for its steps. Tab state: content scripts do not ask today.
 * Tips shown: one note per tip, as many as a page's errors.
 */
const limiter = new RateLimiter({
  'article:open': { burst: 3, every: 2000 },
  'page:seen': { burst: 100, every: 50 },
  'frame:hello': { burst: 30, every: 100 },
  'article:get': { burst: 40, every: 100 },
  'tab:state': { burst: 10, every: 1000 },
  'tip:shown': { burst: 100, every: 50 },
});

/** Who is asking; throws (the error goes back to the sender) when the worker will not answer them. */
function check(name: MessageName, raw: Runtime.MessageSender): Sender {
  const sender = senderOf(raw, browser.runtime.id, extensionOrigin());
  if ('refused' in sender) throw new Error(`${name}: ${sender.refused}`);
  if (sender.from === 'page' && !limiter.take(name, String(sender.tabId), Date.now())) throw new Error(`${name}: too many requests from this tab; try again shortly`);
  return sender;
}

function fromPage(name: MessageName, raw: Runtime.MessageSender): Extract<Sender, { from: 'page' }> {
  const sender = check(name, raw);
  if (sender.from !== 'page') throw new Error(`${name}: only a content script sends this`);
  return sender;
}

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
const queues = new Map<number, Promise<unknown>>();
function updateTab(tabId: number, change: (tab: TabRecord) => TabRecord): Promise<TabRecord> {
  const run = (queues.get(tabId) ?? Promise.resolve()).then(async () => {
    const next = { ...change(await readTab(tabId)), touched: Date.now() };
    await writeTab(tabId, next);
    await browser.action.setBadgeText({ tabId, text: badgeText(next) }).catch(() => undefined);
    // an open popup follows the tab live; with none open, nobody answers
    void send('tab:changed', { tabId, state: tabState(next) }).catch(() => undefined);
    return next;
  });
  queues.set(tabId, run.catch(() => undefined));
  return run;
}

void browser.action.setBadgeBackgroundColor({ color: '#1461d6' }).catch(() => undefined);

listen({
  'frame:hello': async ({ url, top, document }, raw) => {
    const { tabId, frameId } = fromPage('frame:hello', raw);
    if (top !== (frameId === 0)) throw new Error(`frame:hello: frame ${frameId} says it is ${top ? '' : 'not '}the top frame`);
    if (!top) return { topUrl: (await readTab(tabId)).url || raw.tab?.url || '' };
    // a new document in the tab (a reload, a link) starts a fresh list; a route change in the same
    // document keeps its errors and re-judges its page contexts
    const next = await updateTab(tabId, (tab) => {
      if (tab.documentId && document !== tab.documentId) return { ...emptyTab(url), documentId: document };
      const moved = tab.url && tab.url !== url ? changeUrl(tab, url, contexts) : { ...tab, url };
      return { ...moved, documentId: document };
    });
    void send('tab:url', { url: next.url }, tabId).catch(() => undefined);
    return { topUrl: next.url };
  },
  'page:seen': async ({ id, kind, text }, raw) => {
    const { tabId } = fromPage('page:seen', raw);
    if (!detectable.has(id)) throw new Error(`page:seen: no detectable article ${id}`);
    await updateTab(tabId, (tab) => addItem(tab, { id, kind, text, seenAt: Date.now() }));
  },
  'article:get': async ({ id }, raw) => {
    check('article:get', raw);
    return (await articleStore()).get(id) ?? null;
  },
  'article:open': async ({ id }, raw) => {
    check('article:open', raw);
    if (!(await articleStore()).has(id)) throw new Error(`article:open: no article ${id}`);
    await browser.tabs.create({ url: browser.runtime.getURL(`src/popup/index.html?article=${encodeURIComponent(id)}`) });
  },
  'tab:state': async ({ tabId }, raw) => {
    if (!mayReadTab(check('tab:state', raw), tabId)) throw new Error('tab:state: a content script may only ask about its own tab');
    const [state, store] = await Promise.all([readTab(tabId).then(tabState), articleStore()]);
    const info = [...new Set(state.items.map((item) => item.id))].flatMap((id) => {
      const article = store.get(id);
      return article ? [{ id, title: article.title, summary: article.summary, products: article.products }] : [];
    });
    return { ...state, info };
  },
  'tip:shown': (_, raw) => {
    fromPage('tip:shown', raw);
    tipShown(raw);
  },
});

browser.tabs.onRemoved.addListener((tabId) => {
  limiter.forget(String(tabId));
  void browser.storage.session.remove(tabKey(tabId));
});

// the local history, and looking up a selection or the address bar's `xc`
startHistory();
startLookup();
// the keyboard shortcut to the newest tip
startCommands();
