import { ext } from '../shared/ext';
import { Matcher } from '../matcher/matcher';
import { supportDetails } from '../shared/details';
import { MODE_CONTEXT, type DetectionTable } from '../shared/kb-types';
import { lookupText } from '../shared/lookup-text';
import { extensionOrigin, fromExtension, listen, send } from '../shared/messages';
import { DEFAULT_OPTIONS, parseOptions, reparseOptions, type Options } from '../shared/options';
import { updateOptions } from '../shared/options-store';
import { boundAddress } from '../shared/page-context';
import { MAX_ITEM_TEXT } from '../shared/tab-records';
import { copyText } from '../ui/clipboard';
import { requestIdle } from './idle';
import { PageScope } from './scope';
import { ReportThrottle, type ReportKind } from './throttle';
import { HOST_TAG, TipHost } from './tips/host';
import { Watcher, type Found } from './watcher';

/**
 * The content script of one frame: watches the page for known errors, shows tips, tells the worker what
 * it saw. main.iife.ts starts it once the page has loaded and the browser is idle (a page load pays nothing
 * for it); it reads the errors already shown then. Its detection table comes from the worker with the
 * frame's first hello (carried in the script, it would grow every frame's script with the knowledge base),
 * and so do the options, with their changes after: the storage API is never set up in a frame at its start.
 * Everything hangs off one AbortController; when the extension is reloaded or updated, the old copy
 * notices its runtime is gone, removes its UI and stops.
 */

/** Longest wait before warming the tip's code, once there is a reason to. */
const WARM_TIMEOUT = 1000;
/** What tells that a person is using a frame, and errors may follow: the tip's code is warmed then. */
const USE_EVENTS = ['pointerdown', 'keydown'];
/** Hellos sent before a frame gives up waiting for its table (a worker restarting loses one message). */
const HELLO_TRIES = 3;
const HELLO_RETRY_MS = 500;

/** This document's id for the worker: a reload or a link starts a fresh list for the tab. */
const DOCUMENT_ID = crypto.randomUUID();
const IS_TOP = window === window.top;

/** What a frame says to the worker at its start (asking for the table) and at each route change. */
const helloOf = (url: string, table?: true) => ({ url: boundAddress(url), top: IS_TOP, document: DOCUMENT_ID, ...(table && { table }) });

/** One frame's content script, in named steps. */
class ContentScript {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  private readonly top = IS_TOP;
  private options: Options = { ...DEFAULT_OPTIONS };
  private readonly throttle = new ReportThrottle();
  /** The tips' element and its observers: made at the first tip, so a frame without errors never pays for them. */
  private tipHost: TipHost | null = null;
  private readonly scope: PageScope;
  private readonly watcher: Watcher;

  constructor(private readonly table: DetectionTable) {
    this.scope = new PageScope(table);
    this.scope.url = location.href;
    if (this.top) this.scope.topUrl = location.href;
    this.scope.products = this.options.products;
    this.watcher = new Watcher(
      new Matcher(table),
      { allowed: (pattern) => this.scope.allowed(pattern), found: (found) => this.found(found), tick: () => this.tick() },
      this.signal,
    );
  }

  stop(): void {
    this.controller.abort();
  }

  /** Whether the extension is still there (reloaded, updated or removed: it is not). */
  private alive(): boolean {
    try {
      return !!ext.runtime?.id;
    } catch {
      return false; // Firefox throws once the extension is gone
    }
  }

  /** Talks to the worker; once the extension is gone, stops quietly. */
  tell<T>(promise: () => Promise<T>): Promise<T | undefined> {
    if (this.signal.aborted) return Promise.resolve(undefined);
    if (!this.alive()) {
      this.stop();
      return Promise.resolve(undefined);
    }
    return promise().catch((error: unknown) => {
      // only a gone extension stops us; a worker that is restarting just loses this one message
      if (!this.alive() || /context invalidated/i.test(String(error))) this.stop();
      return undefined;
    });
  }

  private report(id: string, kind: ReportKind, text?: string): void {
    if (this.throttle.admit(kind, id, boundAddress(this.scope.url), Date.now())) void this.tell(() => send('page:seen', { id, kind, text }));
  }

  private get tips(): TipHost {
    if (!this.tipHost) {
      this.tipHost = this.createTips();
      this.tipHost.setTheme(this.options.theme);
    }
    return this.tipHost;
  }

  private createTips(): TipHost {
    return new TipHost(
      {
        loadArticle: async (id) => (await this.tell(() => send('article:get', { id }))) ?? null,
        open: (id) => void this.tell(() => send('article:open', { id })),
        copyDetails: async (tip, article) => {
          const { url, topUrl } = this.scope;
          return copyText(() => supportDetails({ ...tip.article, errorText: tip.text, url: topUrl || url, source: article?.source, seenAt: tip.seenAt }));
        },
        mute: (id) => void this.tell(() => updateOptions((o) => ({ muted: [...o.muted, id] }))),
        record: (id, event) => void this.tell(() => send('history:record', { id, event })),
        others: async (id, text) => (await this.tell(() => send('article:others', { id, text: lookupText(text) })))?.articles ?? [],
        pageUrl: () => this.scope.topUrl || this.scope.url,
        shown: () => void this.tell(() => send('tip:shown', {})),
      },
      this.signal,
    );
  }

  private found({ pattern, article, element }: Found): void {
    const { table } = this;
    const entry = table.articles[article];
    if (table.patterns[pattern].m === MODE_CONTEXT) return this.report(entry.id, 'context');
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_ITEM_TEXT);
    // the tip first: telling the worker can wait for the frame after
    if (this.options.tips && !this.options.muted.includes(entry.id)) this.tips.show(entry, element, text);
    setTimeout(() => this.report(entry.id, 'error', text), 0);
  }

  private tick(): void {
    if (location.href !== this.scope.url) this.routeChanged();
    if (!this.alive()) this.stop();
  }

  private checkPageContexts(): void {
    for (const article of this.scope.contextArticles()) this.report(this.table.articles[article].id, 'context');
  }

  private hello(): Promise<{ topUrl: string } | undefined> {
    return this.tell(() => send('frame:hello', helloOf(this.scope.url)));
  }

  private routeChanged(): void {
    this.scope.url = location.href;
    if (this.top) this.scope.topUrl = location.href;
    void this.hello().then((answer) => {
      if (answer?.topUrl) this.scope.topUrl = answer.topUrl;
      this.checkPageContexts();
    });
  }

  /** Route changes of single-page apps (the tab's address and the options come from the worker: see start). */
  listenForRoutes(): void {
    const { signal } = this;
    const changed = () => location.href !== this.scope.url && this.routeChanged();
    addEventListener('hashchange', changed, { signal });
    addEventListener('popstate', changed, { signal });
  }

  /** The worker says the tab's address changed. */
  tabMoved(url: string): void {
    this.scope.topUrl = url;
    this.checkPageContexts();
  }

  /** The keyboard shortcut: the focus goes to this frame's newest tip. */
  focusTip(): boolean {
    return this.tipHost?.focusNewest() ?? false;
  }

  /** Options apply at once: theme, muted articles, products (a wider choice reads the page again). */
  optionsChanged(next: Options): void {
    if (this.signal.aborted) return;
    const widened = next.products.some((p) => !this.options.products.includes(p)) || (next.tips && !this.options.tips);
    this.applyOptions(next);
    this.tipHost?.retain((id) => next.tips && !next.muted.includes(id) && this.table.articles.some((a) => a.id === id && a.products.some((p) => next.products.includes(p))));
    if (widened) this.watcher.rescan();
  }

  private applyOptions(next: Options): void {
    this.options = next;
    this.scope.products = next.products;
    this.tipHost?.setTheme(next.theme);
  }

  /**
   * A tip's first render runs cold code (compiled on first use, per frame) and makes the tips' element and
   * style sheet: about as long again as the tip itself. That is done ahead, in idle time, in the top frame
   * (the page a person looks at) and in any other frame once a person acts in it (a click or a key: what
   * errors follow); a frame no one uses never pays for it.
   */
  private warmTipSoon(): void {
    const { table } = this;
    if (!table.articles.length) return;
    const { signal } = this;
    let warmed = false;
    const warm = () => {
      if (warmed || signal.aborted) return;
      warmed = true;
      requestIdle(() => !signal.aborted && !this.tipHost && this.tips.warm(table.articles[0]), WARM_TIMEOUT);
    };
    if (this.top) return warm();
    for (const type of USE_EVENTS) addEventListener(type, warm, { capture: true, passive: true, once: true, signal });
  }

  /** Options and the tab's address first, then the page is read; the tip's first render is warmed after. */
  begin(stored: Options, topUrl: string): void {
    if (this.signal.aborted) return;
    this.applyOptions(stored);
    if (topUrl) this.scope.topUrl = topUrl;
    this.checkPageContexts();
    this.watcher.start();
    this.warmTipSoon();
  }
}

/** The frame's first hello, which brings the detection table and the options; tried again while the worker restarts. */
async function firstHello(): Promise<{ topUrl: string; table?: DetectionTable; options?: Options } | undefined> {
  const hello = helloOf(location.href, true);
  for (let attempt = 1; ; attempt++) {
    const answer = await send('frame:hello', hello).catch(() => undefined);
    if (answer?.table || attempt >= HELLO_TRIES) return answer;
    await new Promise((done) => setTimeout(done, HELLO_RETRY_MS));
  }
}

export async function start(): Promise<void> {
  // Firefox injects a reloaded or updated extension into the pages already open, where the earlier copy
  // could not remove its UI: its tips are dead and this copy shows the page's errors again
  for (const stale of document.querySelectorAll(HOST_TAG)) stale.remove();
  // the worker's messages are heard from before the hello, so options changed while it is answered are not lost
  let script: ContentScript | null = null;
  let changed: Options | null = null;
  const removeListener = listen({
    'tab:url': ({ url }) => script?.tabMoved(url),
    'tip:focus': () => ({ focused: script?.focusTip() ?? false }),
    'options:changed': ({ options }) => {
      const next = reparseOptions(options);
      if (script) script.optionsChanged(next);
      else changed = next;
    },
  }, fromExtension(extensionOrigin()));
  const hello = await firstHello();
  // no table: the extension is gone or its worker never answered; there is nothing to recognise errors by
  if (!hello?.table) return removeListener();
  script = new ContentScript(hello.table);
  script.signal.addEventListener('abort', removeListener);
  script.listenForRoutes();
  script.begin(changed ?? (hello.options ? reparseOptions(hello.options) : parseOptions(undefined)), hello.topUrl);
}
