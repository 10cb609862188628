import { join } from 'node:path';
import type { Frame as PlaywrightFrame, Page as PlaywrightPage } from 'playwright-core';
import type { ElementHandle, Frame as PuppeteerFrame, Page as PuppeteerPage } from 'puppeteer-core';
import type { Browser } from 'webextension-polyfill';
import { ROOT } from '../paths';
import { launchChromium } from './drivers/chromium';
import { launchFirefox } from './drivers/firefox';

/**
 * One browser-test suite, two browsers. Each test file runs once in Chromium (Playwright over CDP, the
 * extension unpacked with its service worker) and once in Firefox ESR (puppeteer over WebDriver BiDi, the
 * add-on installed as a temporary add-on), chosen by the vitest project (`XC_BROWSER`). Tests talk to a
 * `TestPage`, whose selectors reach into open shadow roots the same way in both browsers, and to
 * `session.ext()`, which runs code with the extension's API: in Chromium's service worker, in Firefox in an
 * extension page (the driver cannot reach Firefox's background page).
 */

export type BrowserName = 'chromium' | 'firefox';
export const BROWSER: BrowserName = process.env.XC_BROWSER === 'firefox' ? 'firefox' : 'chromium';
export const SHELL = 'https://experience.adobe.com/';

/** What a test can do in a frame: read its address and run code in it. */
export interface TestFrame {
  url(): string;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
}

/** The driver-specific half of a page. */
interface RawPage {
  url(): string;
  evaluate<R>(expression: string): Promise<R>;
  evaluateFn<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  element(expression: string): Promise<RawElement | null>;
  press(key: string): Promise<void>;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  close(): Promise<void>;
  bringToFront(): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** Chromium only: WebDriver BiDi in Firefox ESR has no media emulation. */
  emulateColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /** Chromium only, as above: reduced motion and forced colours (Windows high contrast). */
  emulateMedia(features: MediaFeatures): Promise<void>;
  frames(): TestFrame[];
}

export interface MediaFeatures {
  reducedMotion?: 'reduce' | 'no-preference';
  forcedColors?: 'active' | 'none';
}

interface RawElement {
  click(): Promise<void>;
  type(text: string): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Finds elements in the page, through open shadow roots. A selector is CSS, or CSS parts joined by ` >> `:
 * each part is looked up inside the matches of the part before (their light and shadow trees). `hasText`
 * keeps elements whose text contains it. Runs in the page as source text, so it carries nothing of the test
 * runner's compiled code.
 */
const FIND = `((selector, hasText) => {
  const trees = (node) => {
    const out = [node];
    for (let i = 0; i < out.length; i++) {
      for (const el of out[i].querySelectorAll('*')) if (el.shadowRoot) out.push(el.shadowRoot);
    }
    return out;
  };
  let scopes = [document];
  for (const part of selector.split(' >> ')) {
    const next = [];
    for (const scope of scopes) {
      const starts = scope.shadowRoot ? [scope, scope.shadowRoot] : [scope];
      for (const start of starts) for (const tree of trees(start)) for (const el of tree.querySelectorAll(part)) if (!next.includes(el)) next.push(el);
    }
    scopes = next;
  }
  return hasText === undefined ? scopes : scopes.filter((el) => (el.textContent || '').includes(hasText));
})`;

const find = (selector: string, hasText?: string, pick = '[0] ?? null') => `${FIND}(${JSON.stringify(selector)}, ${JSON.stringify(hasText)})${pick}`;

interface Found {
  hasText?: string;
  timeout?: number;
}

export class TestPage implements TestFrame {
  /**
   * @param problems the page's own uncaught errors and console errors (not the extension's, which go to
   *   `Session.errors`), as they happen: a test that must leave the page unharmed expects none.
   */
  constructor(
    private readonly raw: RawPage,
    readonly problems: string[] = [],
  ) {}

  url(): string {
    return this.raw.url();
  }

  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.raw.evaluateFn(fn, arg as A);
  }

  /**
   * Runs script source text in the page, as the driver does (a page's or extension's CSP does not stop it,
   * where an eval() inside the page would be): how a test library such as axe-core is put into a page.
   */
  evaluateScript<R>(source: string): Promise<R> {
    return this.raw.evaluate<R>(source);
  }

  frames(): TestFrame[] {
    return this.raw.frames();
  }

  goto(url: string): Promise<void> {
    return this.raw.goto(url);
  }

  reload(): Promise<void> {
    return this.raw.reload();
  }

  close(): Promise<void> {
    return this.raw.close();
  }

  bringToFront(): Promise<void> {
    return this.raw.bringToFront();
  }

  setViewport(width: number, height: number): Promise<void> {
    return this.raw.setViewport(width, height);
  }

  press(key: string): Promise<void> {
    return this.raw.press(key);
  }

  /** Chromium only: WebDriver BiDi in Firefox ESR has no media emulation. */
  emulateColorScheme(scheme: 'light' | 'dark'): Promise<void> {
    return this.raw.emulateColorScheme(scheme);
  }

  /** Chromium only: WebDriver BiDi in Firefox ESR has no media emulation. */
  emulateMedia(features: MediaFeatures): Promise<void> {
    return this.raw.emulateMedia(features);
  }

  /** Polls `fn` in the page (plain timers: a hostile page may break requestAnimationFrame) until it is truthy. */
  async waitForFunction<A>(fn: (arg: A) => unknown, arg?: A, options: { timeout?: number; message?: string } = {}): Promise<void> {
    await until(() => this.evaluate(fn, arg as A), options.timeout, options.message ?? `page condition ${fn.toString().slice(0, 120)}`);
  }

  /** Waits until an element matches (or, with state 'detached', until none does). */
  async waitForSelector(selector: string, options: Found & { state?: 'attached' | 'detached' } = {}): Promise<void> {
    const gone = options.state === 'detached';
    await until(async () => (await this.count(selector, options.hasText)) > 0 !== gone, options.timeout, `${selector}${options.hasText ? ` with "${options.hasText}"` : ''} ${gone ? 'to go' : 'to appear'}`);
  }

  /** How many elements match now. */
  count(selector: string, hasText?: string): Promise<number> {
    return this.raw.evaluate<number>(find(selector, hasText, '.length'));
  }

  /** The text of every element that matches now. */
  texts(selector: string, hasText?: string): Promise<string[]> {
    return this.raw.evaluate<string[]>(find(selector, hasText, ".map((el) => el.textContent || '')"));
  }

  /** The values of an attribute on every element that matches now. */
  attributes(selector: string, name: string): Promise<string[]> {
    return this.raw.evaluate<string[]>(find(selector, undefined, `.map((el) => el.getAttribute(${JSON.stringify(name)}) ?? '')`));
  }

  async textContent(selector: string, options: Found = {}): Promise<string> {
    await this.waitForSelector(selector, options);
    return this.raw.evaluate<string>(find(selector, options.hasText, "[0].textContent || ''"));
  }

  async getAttribute(selector: string, name: string): Promise<string | null> {
    await this.waitForSelector(selector);
    return this.raw.evaluate<string | null>(find(selector, undefined, `[0].getAttribute(${JSON.stringify(name)})`));
  }

  async isChecked(selector: string): Promise<boolean> {
    await this.waitForSelector(selector);
    return this.raw.evaluate<boolean>(find(selector, undefined, '[0].checked === true'));
  }

  async inputValue(selector: string): Promise<string> {
    await this.waitForSelector(selector);
    return this.raw.evaluate<string>(find(selector, undefined, "[0].value ?? ''"));
  }

  /** A real (trusted) click in the middle of the first match, once it exists. */
  async click(selector: string, options: Found = {}): Promise<void> {
    await this.withElement(selector, options, (el) => el.click());
  }

  async focus(selector: string, options: Found = {}): Promise<void> {
    await this.waitForSelector(selector, options);
    await this.raw.evaluate(find(selector, options.hasText, '[0].focus()'));
  }

  /** Replaces a field's value by typing, as a person would. */
  async fill(selector: string, value: string): Promise<void> {
    await this.focus(selector);
    await this.raw.evaluate(find(selector, undefined, '[0].select()'));
    await this.withElement(selector, {}, (el) => (value ? el.type(value) : this.press('Backspace')));
  }

  async check(selector: string): Promise<void> {
    if (!(await this.isChecked(selector))) await this.click(selector);
  }

  async uncheck(selector: string): Promise<void> {
    if (await this.isChecked(selector)) await this.click(selector);
  }

  /**
   * Acts on the first match. A match the page replaced in the meantime (a tip re-rendered as it docks) is
   * looked up again, as a person's next click would find the button where it is now.
   */
  private async withElement(selector: string, options: Found, act: (el: RawElement) => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.waitForSelector(selector, options);
      const el = await this.raw.element(find(selector, options.hasText));
      if (!el) throw new Error(`${selector} went away before it could be used`);
      try {
        return await act(el);
      } catch (error) {
        if (attempt >= 3 || !REPLACED.test(String(error))) throw error;
      } finally {
        await el.dispose().catch(() => undefined);
      }
    }
  }
}

/** What the drivers say when an element left the document between being found and being used. */
const REPLACED = /not attached to the DOM|detached|stale element|no such (node|element)/i;

type Falsy = false | null | undefined | 0 | '';

/** Polls `check` every 25 ms until it returns a truthy value; the one waiting loop of the browser tests. */
export async function until<T>(check: () => Promise<T | Falsy> | T | Falsy, timeout = 5000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value as T;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

export interface Session {
  browser: BrowserName;
  /** The extension's base address: chrome-extension://<id> or moz-extension://<uuid>. */
  base: string;
  /** Requests refused because they went somewhere other than the fixtures: the extension must make none. */
  blocked: string[];
  /** Errors reported by the extension's own code (content scripts, extension pages) in any page opened. */
  errors: string[];
  /** A page served from the fixtures (or an extension page, by its full address). */
  open(url: string, options?: { viewport?: { width: number; height: number } }): Promise<TestPage>;
  /** One of the extension's pages, by its path inside the extension. */
  extensionPage(path: string, options?: { viewport?: { width: number; height: number } }): Promise<TestPage>;
  /** Runs `fn` where the extension's API is `chrome` (promise-based). */
  ext<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** An unpacked extension folder; defaults to this browser's dist folder. */
  extension?: string;
  headers?: Record<string, string>;
  headless?: boolean;
  browser?: BrowserName;
}

export async function launch(options: LaunchOptions = {}): Promise<Session> {
  const browser = options.browser ?? BROWSER;
  return browser === 'firefox' ? launchFirefoxSession(options) : launchChromiumSession(options);
}

async function launchChromiumSession(options: LaunchOptions): Promise<Session> {
  const chromium = await launchChromium({ extension: options.extension ?? join(ROOT, 'dist/chrome'), headers: options.headers, headless: options.headless });
  await chromium.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const base = `chrome-extension://${chromium.extensionId}`;
  const errors: string[] = [];
  const wrap = (page: PlaywrightPage): TestPage => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (message.location().url.startsWith(base)) errors.push(`${message.location().url}: ${message.text()}`);
      else problems.push(`console error: ${message.text()}`);
    });
    // an uncaught error of a content script or an extension page names our code in its stack
    page.on('pageerror', (error) => {
      if (page.url().startsWith(base) || error.stack?.includes(base)) errors.push(`${page.url()}: ${error.stack ?? error.message}`);
      else problems.push(`page error: ${error.stack ?? error.message}`);
    });
    return new TestPage(playwrightPage(page), problems);
  };
  const open = async (url: string, opts: { viewport?: { width: number; height: number } } = {}) => {
    const page = await chromium.context.newPage();
    if (opts.viewport) await page.setViewportSize(opts.viewport);
    const test = wrap(page);
    await test.goto(url);
    return test;
  };
  return {
    browser: 'chromium',
    base,
    blocked: chromium.blocked,
    errors,
    open,
    extensionPage: (path, opts) => open(`${base}/${path}`, opts),
    ext: chromium.ext,
    close: () => chromium.close(),
  };
}

function playwrightFrame(frame: PlaywrightFrame | PlaywrightPage): TestFrame {
  return { url: () => frame.url(), evaluate: (fn, arg) => frame.evaluate(fn as (arg: unknown) => never, arg) };
}

function playwrightPage(page: PlaywrightPage): RawPage {
  return {
    url: () => page.url(),
    evaluate: (expression) => page.evaluate(expression),
    evaluateFn: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg),
    async element(expression) {
      const handle = (await page.evaluateHandle(expression)).asElement() as import('playwright-core').ElementHandle<Element> | null;
      return handle && { click: () => handle.click(), type: (text) => handle.type(text), dispose: () => handle.dispose() };
    },
    press: (key) => page.keyboard.press(key),
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    close: () => page.close(),
    bringToFront: () => page.bringToFront(),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    emulateColorScheme: (colorScheme) => page.emulateMedia({ colorScheme }),
    emulateMedia: (features) => page.emulateMedia(features),
    frames: () => page.frames().map(playwrightFrame),
  };
}

async function launchFirefoxSession(options: LaunchOptions): Promise<Session> {
  const firefox = await launchFirefox({ extension: options.extension ?? join(ROOT, 'dist/firefox'), headers: options.headers, headless: options.headless });
  const errors: string[] = [];
  const open = async (url: string, opts: { viewport?: { width: number; height: number } } = {}) => {
    const page = await firefox.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      const where = message.location().url ?? '';
      if (message.type() !== 'error') return;
      if (where.startsWith(firefox.base)) errors.push(`${where}: ${message.text()}`);
      else problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error: unknown) => {
      const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
      if (stack.includes(firefox.base)) errors.push(`${url}: ${stack}`);
      else problems.push(`page error: ${stack}`);
    });
    if (opts.viewport) await page.setViewport(opts.viewport);
    const test = new TestPage(puppeteerPage(page, firefox.base), problems);
    await test.goto(url);
    return test;
  };
  // the driver cannot reach Firefox's background page: an extension page of our own stands in for it
  let api: TestPage | undefined;
  const ext = async <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> => {
    if (!api) {
      api = await open(`${firefox.base}/icons/icon-16.png`);
      await api.evaluate(() => Object.assign(globalThis, { chrome: (globalThis as unknown as { browser: unknown }).browser }));
    }
    return api.evaluate(fn, arg);
  };
  return {
    browser: 'firefox',
    base: firefox.base,
    blocked: firefox.blocked,
    errors,
    open,
    extensionPage: (path, opts) => open(`${firefox.base}/${path}`, opts),
    ext,
    close: () => firefox.close(),
  };
}

function puppeteerFrame(frame: PuppeteerFrame): TestFrame {
  return { url: () => frame.url(), evaluate: (fn, arg) => frame.evaluate(fn as (arg: unknown) => never, arg) as never };
}

function puppeteerPage(page: PuppeteerPage, base: string): RawPage {
  let address = 'about:blank';
  return {
    url: () => (address.startsWith(base) ? address : page.url()),
    evaluate: (expression) => page.evaluate(expression) as never,
    evaluateFn: (fn, arg) => page.evaluate(fn as (arg: unknown) => never, arg) as never,
    async element(expression) {
      const handle = (await page.evaluateHandle(expression)).asElement() as ElementHandle<Element> | null;
      return handle && { click: () => handle.click(), type: (text) => handle.type(text), dispose: () => handle.dispose() };
    },
    press: (key) => page.keyboard.press(key as never),
    async goto(url) {
      address = url;
      if (!url.startsWith(base)) {
        await page.goto(url);
        return;
      }
      // the driver never hears that a moz-extension:// page has loaded: start it and watch the document
      page.goto(url, { timeout: 0 }).catch(() => undefined);
      await until(() => page.evaluate((want) => location.href === want && document.readyState === 'complete', url).catch(() => false), 10_000, `${url} to load`);
    },
    reload: async () => void (await page.reload()),
    close: () => page.close(),
    bringToFront: () => page.bringToFront(),
    setViewport: (width, height) => page.setViewport({ width, height }),
    emulateColorScheme: () => Promise.reject(new Error('Firefox over WebDriver BiDi cannot emulate the colour scheme')),
    emulateMedia: () => Promise.reject(new Error('Firefox over WebDriver BiDi cannot emulate media features')),
    frames: () => page.frames().map(puppeteerFrame),
  };
}

/** The tips shown in a page's top frame (or a frame), by article id. */
export async function tipIds(page: TestFrame): Promise<string[]> {
  return page.evaluate(() => {
    const host = document.querySelector('xc-troubleshooter');
    return [...(host?.shadowRoot?.querySelectorAll('[data-article-id]') ?? [])].map((el) => el.getAttribute('data-article-id') ?? '');
  });
}

export async function waitForTip(page: TestFrame, id: string, timeout = 5000): Promise<void> {
  await until(async () => (await tipIds(page)).includes(id), timeout, `a tip for ${id}`).catch(async (error: Error) => {
    throw new Error(`${error.message}; tips shown: ${(await tipIds(page)).join(', ') || 'none'}`);
  });
}

/** Text inside the page's tip host. */
export async function shadowText(page: TestFrame, selector: string): Promise<string> {
  return page.evaluate((sel) => document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector(sel)?.textContent ?? '', selector);
}

/** Lets the content script see the page for a while: two frames and an idle slice. */
export async function settle(page: TestFrame, ms = 400): Promise<void> {
  await page.evaluate((wait) => new Promise((done) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => done(null))), wait)), ms);
}

/** The extension's API inside ext() callbacks: promise-based in both browsers. */
declare const chrome: Browser;

/** Badge text of the tab showing `page`. */
export async function badgeOf(session: Pick<Session, 'ext'>, page: TestFrame): Promise<string> {
  const tabId = await tabIdOf(session, page).catch(() => undefined);
  if (tabId === undefined) return '<no tab>';
  return session.ext((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/**
 * The tab id of a page (or of the tab showing an address). The extension has no "tabs" permission, so tabs
 * carry no URLs; the worker's own per-tab records (storage.session, keyed `tab:<id>`, holding the tab's
 * address) tell instead. Throws when no tab record has that address yet.
 */
export async function tabIdOf(session: Pick<Session, 'ext'>, page: TestFrame | string): Promise<number> {
  const url = typeof page === 'string' ? page : page.url();
  const id = await session.ext(async (pageUrl) => {
    const all = await chrome.storage.session.get(null);
    const match = Object.entries(all).find(([key, value]) => key.startsWith('tab:') && (value as { url: string }).url === pageUrl);
    return match ? Number(match[0].slice(4)) : undefined;
  }, url);
  if (id === undefined) throw new Error(`no tab record for ${url}`);
  return id;
}
