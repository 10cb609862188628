import table from '@kb/table';
import browser from 'webextension-polyfill';
import { Matcher } from '../matcher/matcher';
import { MODE_CONTEXT } from '../shared/kb-types';
import { listen, send } from '../shared/messages';
import { DEFAULT_OPTIONS, type Options } from '../shared/options';
import { loadOptions, updateOptions, watchOptions } from '../shared/options-store';
import { supportDetails } from '../shared/details';
import { boundAddress, PageContexts } from '../shared/page-context';
import { MAX_ITEM_TEXT } from '../shared/tab-records';
import { copyText } from '../ui/clipboard';
import { TipHost } from './tips/host';
import { HOST_TAG } from './walk';
import { Watcher } from './watcher';

/**
 * The content script of one frame: watches the page for known errors, shows tips, tells the worker what
 * it saw. Everything hangs off one AbortController; when the extension is reloaded or updated, the old
 * copy notices its runtime is gone, removes its UI and stops.
 */
export function start(): void {
  if (!document.documentElement || document.contentType !== 'text/html') return;
  // Firefox injects a reloaded or updated extension into the pages already open, where the earlier copy
  // could not remove its UI: its tips are dead and this copy shows the page's errors again
  for (const stale of document.querySelectorAll(HOST_TAG)) stale.remove();
  const controller = new AbortController();
  const { signal } = controller;
  const stop = () => controller.abort();

  const top = window === window.top;
  let options: Options = { ...DEFAULT_OPTIONS };
  let topUrl = top ? location.href : '';
  let url = location.href;
  const documentId = crypto.randomUUID();
  const contexts = new PageContexts(table);
  /** When each (kind, article, address) was last told to the worker: a re-rendered error is told once a second at most. */
  const reported = new Map<string, number>();
  const alive = () => {
    try {
      return !!browser.runtime?.id;
    } catch {
      return false; // Firefox throws once the extension is gone
    }
  };

  const productOk = (article: number) => table.articles[article].products.some((p) => options.products.includes(p));

  /** Talks to the worker; once the extension is gone (reloaded, updated, removed), stops quietly. */
  const tell = <T>(promise: () => Promise<T>): Promise<T | undefined> => {
    if (signal.aborted) return Promise.resolve(undefined);
    if (!alive()) {
      stop();
      return Promise.resolve(undefined);
    }
    return promise().catch((error: unknown) => {
      // only a gone extension stops us; a worker that is restarting just loses this one message
      if (!alive() || /context invalidated/i.test(String(error))) stop();
      return undefined;
    });
  };

  const report = (id: string, kind: 'error' | 'context', text?: string) => {
    const key = `${kind}:${id}:${url}`;
    const now = Date.now();
    const last = reported.get(key);
    if (last !== undefined && (kind === 'context' || now - last < 1000)) return;
    reported.set(key, now);
    void tell(() => send('page:seen', { id, kind, text }));
  };

  const tips = new TipHost(
    {
      loadArticle: async (id) => (await tell(() => send('article:get', { id }))) ?? null,
      open: (id) => void tell(() => send('article:open', { id })),
      copyDetails: (tip, article) => copyText(() => supportDetails({ ...tip.article, errorText: tip.text, url: topUrl || url, source: article?.source, seenAt: tip.seenAt })),
      mute: (id) => {
        void tell(() => updateOptions((o) => ({ muted: [...o.muted, id] })));
      },
    },
    signal,
  );

  const checkPageContexts = () => {
    for (const article of contexts.byAddress([url, topUrl], productOk)) report(table.articles[article].id, 'context');
  };

  const matcher = new Matcher(table);
  const watcher = new Watcher(
    matcher,
    {
      allowed: (pattern) => productOk(table.patterns[pattern].a) && (table.patterns[pattern].m === MODE_CONTEXT ? contexts.textCounts(pattern, [url, topUrl]) : contexts.inScope(pattern, [url, topUrl])),
      found: ({ pattern, article, element }) => {
        const entry = table.articles[article];
        if (table.patterns[pattern].m === MODE_CONTEXT) return report(entry.id, 'context');
        const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_ITEM_TEXT);
        report(entry.id, 'error', text);
        if (options.tips && !options.muted.includes(entry.id)) tips.show(entry, element, text);
      },
      tick: () => {
        if (location.href !== url) routeChanged();
        if (!alive()) stop();
      },
    },
    signal,
  );

  function routeChanged() {
    url = location.href;
    if (top) topUrl = url;
    void tell(() => send('frame:hello', { url: boundAddress(url), top, document: documentId })).then((answer) => {
      if (answer?.topUrl) topUrl = answer.topUrl;
      checkPageContexts();
    });
  }

  addEventListener('hashchange', () => location.href !== url && routeChanged(), { signal });
  addEventListener('popstate', () => location.href !== url && routeChanged(), { signal });

  const removeListener = listen({
    'tab:url': ({ url: next }) => {
      topUrl = next;
      checkPageContexts();
    },
  });
  signal.addEventListener('abort', removeListener);
  const unwatch = watchOptions((next) => {
    const widened = next.products.some((p) => !options.products.includes(p)) || (next.tips && !options.tips);
    options = next;
    tips.setTheme(next.theme);
    tips.retain((id) => next.tips && !next.muted.includes(id) && table.articles.some((a) => a.id === id && a.products.some((p) => next.products.includes(p))));
    if (widened) watcher.rescan();
  });
  signal.addEventListener('abort', unwatch);

  void Promise.all([loadOptions(), tell(() => send('frame:hello', { url: boundAddress(url), top, document: documentId }))]).then(([stored, hello]) => {
    if (signal.aborted) return;
    options = stored;
    if (hello?.topUrl) topUrl = hello.topUrl;
    tips.setTheme(options.theme);
    checkPageContexts();
    watcher.start();
  });
}
