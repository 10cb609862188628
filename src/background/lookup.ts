import browser, { type Menus, type Omnibox, type Tabs } from 'webextension-polyfill';
import { isArticleId } from '../shared/article-id';
import { articleInfo, type ArticleInfo } from '../shared/kb-types';
import { smallSearchIndex } from '../shared/kb-load';
import { lookupText } from '../shared/lookup-text';
import { loadOptions } from '../shared/options-store';
import { POPUP_PAGE, readerPath, searchPath } from '../shared/popup-address';
import { KnowledgeSearch } from '../shared/search';
import { listenAdmitted, type WorkerHandlers } from './gate';
import { suggestion } from './omnibox';

/**
 * Looking up a text that is not an error on a watched page: a selection through the page menu ("Look up
 * in XC Troubleshooter"), or the address bar's keyword `xc`. Also the articles offered when a tip did not
 * help. The search index is read on the first lookup, not when the worker starts.
 */

export const MENU_ID = 'xc-lookup';
/** Address-bar suggestions: what fits in the drop-down without scrolling in both browsers. */
export const SUGGESTIONS = 5;
/** Other articles offered when one did not help: a short list to pick from, not a second search. */
export const OTHERS = 3;

let index: Promise<KnowledgeSearch> | null = null;

/** The small search index (titles, error texts, keywords), read and built on first use; a failed read is tried again next time. */
export function searchIndex(): Promise<KnowledgeSearch> {
  index ??= smallSearchIndex().then((json) => {
    // "the index was read": one mark per read, for the tests and anyone profiling the worker
    performance.mark('xc:lookup-index');
    return KnowledgeSearch.fromJSON(json);
  });
  index.catch(() => {
    index = null;
  });
  return index;
}

/** The best articles for `text`: in the picked products first; when none of those match, in all. */
async function best(text: string, limit: number): Promise<ArticleInfo[]> {
  if (!text) return [];
  const [search, options] = await Promise.all([searchIndex(), loadOptions()]);
  const run = (products: typeof options.products | null) => search.search({ text, products, limit }).hits.map(articleInfo);
  const picked = options.products.length > 0 ? run(options.products) : [];
  return picked.length > 0 ? picked : run(null);
}

/** Firefox alone has runtime.getBrowserInfo; its omnibox descriptions are plain text, Chrome's are XML. */
const plainDescriptions = () => typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';

async function openPage(path: string, disposition: Omnibox.OnInputEnteredDisposition = 'newForegroundTab'): Promise<void> {
  const url = browser.runtime.getURL(path);
  if (disposition === 'currentTab') await browser.tabs.update({ url });
  else await browser.tabs.create({ url, active: disposition !== 'newBackgroundTab' });
}

/**
 * A selection looked up: the popup opens with it where the browser lets the worker open it
 * (`action.openPopup()`), otherwise the search opens in a tab. Answers which of the two opened.
 * Firefox allows openPopup only while handling the click, so nothing is awaited before it.
 */
export function menuClicked(info: Pick<Menus.OnClickData, 'menuItemId' | 'selectionText'>, tab?: Pick<Tabs.Tab, 'id' | 'windowId'>): Promise<'popup' | 'tab' | null> {
  const text = lookupText(info.selectionText);
  if (info.menuItemId !== MENU_ID || !text) return Promise.resolve(null);
  const target = tab?.id !== undefined && tab.id >= 0 ? { tabId: tab.id } : {};
  let opened: Promise<unknown>;
  try {
    void browser.action.setPopup({ ...target, popup: searchPath(text, { inTab: false }) }).catch(() => undefined);
    opened = browser.action.openPopup(tab?.windowId !== undefined ? { windowId: tab.windowId } : undefined);
  } catch (error) {
    opened = Promise.reject(error);
  }
  return opened.then(
    () => 'popup' as const,
    () => openPage(searchPath(text, { tabId: tab?.id, inTab: true })).then(() => 'tab' as const),
  ).finally(() => browser.action.setPopup({ ...target, popup: POPUP_PAGE }).catch(() => undefined));
}

/** Address bar, as the person types after `xc `: the best articles, title and products. */
export async function omniboxChanged(text: string, suggest: (suggestions: Omnibox.SuggestResult[]) => void): Promise<void> {
  const found = await best(lookupText(text), SUGGESTIONS);
  const xml = !plainDescriptions();
  suggest(found.map((article) => suggestion(article, xml)));
}

/** Address bar, Enter: a picked suggestion (its id) or the best article for the text, in the reader; with none, the search. */
export async function omniboxEntered(text: string, disposition?: Omnibox.OnInputEnteredDisposition): Promise<string> {
  const query = lookupText(text);
  const named = isArticleId(query) && (await searchIndex()).info(query) ? query : undefined;
  const id = named ?? (await best(query, 1))[0]?.id;
  const path = id ? readerPath(id) : searchPath(query, { inTab: true });
  await openPage(path, disposition);
  return path;
}

/** Articles related to `text` other than `without`: in the picked products first; when none there, in all. */
async function related(text: string, without: string): Promise<ArticleInfo[]> {
  if (!text) return [];
  const [search, options] = await Promise.all([searchIndex(), loadOptions()]);
  const picked = options.products.length > 0 ? search.related(text, without, OTHERS, options.products) : [];
  return (picked.length > 0 ? picked : search.related(text, without, OTHERS)).map(articleInfo);
}

export const lookupHandlers: WorkerHandlers = {
  'article:others': async ({ id, text }) => {
    return { articles: await related(lookupText(text), id) };
  },
};

function createMenu(): void {
  void browser.contextMenus
    .removeAll()
    .then(() => browser.contextMenus.create({ id: MENU_ID, title: 'Look up in XC Troubleshooter', contexts: ['selection'] }))
    .catch(() => undefined);
}

/**
 * The page menu (made once per install or browser start), the address bar and the tip's other articles.
 * The handlers are also reachable as `xcLookup` in the worker: browsers give no way to click a menu or type
 * in the address bar headless, so the browser tests call them there.
 */
export function startLookup(): void {
  browser.runtime.onInstalled.addListener(createMenu);
  browser.runtime.onStartup.addListener(createMenu);
  browser.contextMenus.onClicked.addListener((info, tab) => void menuClicked(info, tab));
  browser.omnibox.setDefaultSuggestion({ description: 'XC Troubleshooter: Enter opens the best article for what you type' });
  browser.omnibox.onInputChanged.addListener((text, suggest) => void omniboxChanged(text, suggest).catch(() => suggest([])));
  browser.omnibox.onInputEntered.addListener((text, disposition) => void omniboxEntered(text, disposition).catch(() => undefined));
  listenAdmitted(lookupHandlers);
  Object.assign(globalThis, { xcLookup: { menuClicked, omniboxChanged, omniboxEntered } });
}
