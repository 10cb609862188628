import { existsSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';

/**
 * Real Chromium with dist/chrome loaded. Requests to the Adobe hosts (and the docs site) are answered from
 * test/fixtures; every other request is refused, so nothing leaves the machine.
 * A fixture is chosen by the path `/<product>/<name>.html` or by `?fixture=<product>/<name>`, so that a
 * unified-shell address with its `#/@org/...` hash can still name its page.
 */

export const ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(ROOT, 'test/fixtures');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SERVED = /^https:\/\/(experience\.adobe\.com|[a-z0-9-]+\.experience\.adobe\.net|bank\.demdex\.com|experienceleague\.adobe\.com|www\.example\.org)\//;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/**
 * tsx (which runs the benchmarks and scripts) compiles named functions into `__name(fn, "name")` calls;
 * functions handed to page.evaluate carry those calls into the page, so the page needs a no-op `__name`.
 */
export const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

export interface Session {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Requests refused because they went somewhere other than the fixtures: the extension must make none. */
  blocked: string[];
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

export function fixturePath(url: string): string | null {
  const parsed = new URL(url);
  const named = parsed.searchParams.get('fixture');
  const rel = named ? `${named}${extname(named) ? '' : '.html'}` : parsed.pathname.replace(/^\/+/, '');
  const file = resolve(FIXTURES, rel);
  return file.startsWith(FIXTURES + '/') && existsSync(file) ? file : null;
}

export async function launch(options: { extension?: string; headers?: Record<string, string>; headless?: boolean } = {}): Promise<Session> {
  const extension = options.extension ?? join(ROOT, 'dist/chrome');
  if (!existsSync(join(extension, 'manifest.json'))) throw new Error(`${extension} has no manifest.json: run npm run build first`);
  const profile = mkdtempSync(join(tmpdir(), 'xc-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args: [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`, '--no-first-run', '--no-default-browser-check', '--disable-gpu'],
    viewport: { width: 1280, height: 800 },
  });
  await context.addInitScript({ content: NAME_SHIM });
  const blocked: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (!SERVED.test(url)) {
      if (url.startsWith('chrome-extension://') || url.startsWith('data:') || url.startsWith('about:')) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    }
    const file = fixturePath(url);
    if (!file) return route.fulfill({ status: 404, contentType: 'text/html', body: '<!doctype html><title>Not found</title><p>No such fixture.</p>' });
    const sidecar = `${file}.headers.json`;
    const headers = { ...options.headers, ...(existsSync(sidecar) ? (JSON.parse(readFileSync(sidecar, 'utf8')) as Record<string, string>) : {}) };
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file), headers });
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    blocked,
    async open(url: string) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The tips shown in a page's top frame (or a frame), by article id. */
export async function tipIds(page: Page | Frame): Promise<string[]> {
  return page.evaluate(() => {
    const host = document.querySelector('xc-troubleshooter');
    return [...(host?.shadowRoot?.querySelectorAll('[data-article-id]') ?? [])].map((el) => el.getAttribute('data-article-id') ?? '');
  });
}

export async function waitForTip(page: Page | Frame, id: string, timeout = 5000): Promise<void> {
  // a plain polling loop: a hostile page may have broken requestAnimationFrame and MutationObserver,
  // which Playwright's own waitForFunction relies on
  const until = Date.now() + timeout;
  while (!(await tipIds(page)).includes(id)) {
    if (Date.now() > until) throw new Error(`no tip for ${id} within ${timeout} ms; tips shown: ${(await tipIds(page)).join(', ') || 'none'}`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** Lets the content script see the page for a while: two frames and an idle slice. */
export async function settle(page: Page | Frame, ms = 400): Promise<void> {
  await page.evaluate((wait) => new Promise((done) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() => done(null))), wait)), ms);
}

/** The few extension APIs the tests call inside the worker. */
export interface WorkerChrome {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
  runtime: { reload(): void; id: string };
  storage: { session: { get(keys: null): Promise<Record<string, unknown>> }; sync: { clear(): Promise<void> } };
}

/** Badge text of the tab showing `page`, read from the worker. */
export async function badgeOf(session: Session, page: Page): Promise<string> {
  const tabId = await tabIdOf(session, page).catch(() => undefined);
  return session.worker.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as { chrome: WorkerChrome };
    return id === undefined ? '<no tab>' : chrome.action.getBadgeText({ tabId: id });
  }, tabId);
}

/**
 * The tab id of a page (or of the tab showing an address). The extension has no "tabs" permission, so tabs
 * carry no URLs; the worker's own per-tab records (storage.session, keyed `tab:<id>`, holding the tab's
 * address) tell instead. Throws when no tab record has that address yet.
 */
export async function tabIdOf(session: Session, page: Page | string): Promise<number> {
  const url = typeof page === 'string' ? page : page.url();
  const id = await session.worker.evaluate(async (pageUrl) => {
    const { chrome } = globalThis as unknown as { chrome: WorkerChrome };
    const all = await chrome.storage.session.get(null);
    const match = Object.entries(all).find(([key, value]) => key.startsWith('tab:') && (value as { url: string }).url === pageUrl);
    return match ? Number(match[0].slice(4)) : undefined;
  }, url);
  if (id === undefined) throw new Error(`no tab record for ${url}`);
  return id;
}
