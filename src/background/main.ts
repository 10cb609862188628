import table from '@kb/table';
import browser from 'webextension-polyfill';
import { articleStore } from '../shared/kb-load';
import { send } from '../shared/messages';
import type { Options } from '../shared/options';
import { loadOptions, watchOptions } from '../shared/options-store';
import { PageContexts } from '../shared/page-context';
import { readerPath } from '../shared/popup-address';
import { emptyTab, tabState } from '../shared/tab-records';
import { KNOWN_ARTICLES, tabInfo } from './articles';
import { forgetTab, listenAdmitted } from './gate';
import { startCommands, tipShown } from './commands';
import { startHistory } from './history';
import { startLookup } from './lookup';
import { mayReadTab } from './senders';
import { TabStore } from './tab-store';
import { addItem, badgeText, changeUrl } from './tabs';

/**
 * The background worker: keeps each tab's detections for the badge and the popup, serves articles to the
 * tips, opens the reader. Stateless between wake-ups except for storage.session. Every message is checked
 * (shape and sizes, sender and rate: see gate.ts) before it is acted on; refusals go back as errors.
 */

const contexts = new PageContexts(table);

/** Each tab's record; every write updates the tab's badge and tells an open popup. */
const tabs = new TabStore(browser.storage.session, {
  cleared: (tabId) => void browser.action.setBadgeText({ tabId, text: '' }).catch(() => undefined),
  changed: async (tabId, record) => {
    await browser.action.setBadgeText({ tabId, text: badgeText(record) }).catch(() => undefined);
    // an open popup follows the tab live; with none open, nobody answers
    const state = tabState(record);
    void send('tab:changed', { tabId, state, info: tabInfo(state) }).catch(() => undefined);
  },
});

void browser.action.setBadgeBackgroundColor({ color: '#1461d6' }).catch(() => undefined);

listenAdmitted({
  'frame:hello': async ({ url, top, document, table: wanted }, { tabId, frameId }, raw) => {
    if (top !== (frameId === 0)) throw new Error(`frame:hello: frame ${frameId} says it is ${top ? '' : 'not '}the top frame`);
    // the content script's detection table, once per document (it carries none of its own)
    // and the options, which content scripts never read from storage themselves
    const options = wanted ? currentOptions() : null;
    const withTable = async (answer: { topUrl: string }) => (options ? { ...answer, table, options: await options } : answer);
    if (!top) return withTable({ topUrl: (await tabs.read(tabId)).url || raw.tab?.url || '' });
    // a new document in the tab (a reload, a link) starts a fresh list; a route change in the same
    // document keeps its errors and re-judges its page contexts
    const next = await tabs.update(tabId, (tab) => {
      if (tab.documentId && document !== tab.documentId) return { ...emptyTab(url), documentId: document };
      const moved = tab.url && tab.url !== url ? changeUrl(tab, url, contexts) : { ...tab, url };
      return { ...moved, documentId: document };
    });
    void send('tab:url', { url: next.url }, tabId).catch(() => undefined);
    return withTable({ topUrl: next.url });
  },
  'page:seen': async ({ id, kind, text }, { tabId }) => {
    if (!KNOWN_ARTICLES.has(id)) throw new Error(`page:seen: no detectable article ${id}`);
    await tabs.update(tabId, (tab) => addItem(tab, { id, kind, text, seenAt: Date.now() }));
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
    const state = tabState(await tabs.read(tabId));
    return { ...state, info: tabInfo(state) };
  },
  'tip:shown': (_, _sender, raw) => {
    tipShown(raw);
  },
});

/** The options as stored, read once per wake-up and kept up to date: each frame's first hello carries them. */
let known: Promise<Options> | null = null;
function currentOptions(): Promise<Options> {
  known ??= loadOptions();
  return known;
}

// every frame of every tab hears of an options change at once (no tab or frame is left out: the browser
// sends each tab's frames one message; tabs without our content script have nobody to answer)
watchOptions((options) => {
  known = Promise.resolve(options);
  void browser.tabs.query({}).then((all) => {
    for (const { id } of all) if (id !== undefined && id >= 0) void send('options:changed', { options }, id).catch(() => undefined);
  });
});

browser.tabs.onRemoved.addListener((tabId) => {
  forgetTab(tabId);
  void tabs.forget(tabId).catch(() => undefined);
});

// the local history, and looking up a selection or the address bar's `xc`
startHistory();
startLookup();
// the keyboard shortcut to the newest tip
startCommands();
