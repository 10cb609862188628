import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { tabIdOf, until, waitForTip, type Session, type TestPage } from './harness';
import { sessionPerFile } from './session';

/**
 * Every screen of the extension, checked with axe-core in both themes: the popup (On this page, search
 * results, no results, the reader, "Did this help?" after a No), the options page (History filled and
 * empty), the search page a lookup opens, and tips (beside a toast, docked, inside a modal dialog). Not a
 * single violation, of any impact, is allowed. The theme is set through the extension's own option: Firefox
 * over WebDriver BiDi cannot emulate the browser's colour scheme, and the option reaches every surface.
 */

declare const chrome: Browser;

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const current = sessionPerFile();
let session: Session;
beforeEach(async () => {
  session = current();
  await session.ext(() => chrome.storage.local.clear());
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface Checked {
  violations: Violation[];
  /** How many elements inside shadow roots axe judged (a rule passed or failed on them). */
  inShadow: number;
}

/**
 * What axe-core finds in a page, or in part of it (`include`: CSS selectors of hosts or elements). axe reads
 * open shadow roots itself, so a tip inside its host is judged; `inShadow` shows that it was.
 */
async function check(page: TestPage, include?: string[]): Promise<Checked> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluateScript(`${AXE}\n;0`);
  return page.evaluate(async (parts) => {
    type Result = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
    const context = parts ? { include: parts.map((part) => [part]) } : document;
    const result = await axe.run(context, { iframes: false });
    const inShadow = [...result.passes, ...result.violations].flatMap((r) => r.nodes).filter((n) => Array.isArray(n.target[0])).length;
    return { inShadow, violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) })) };
  }, include);
}

/** No violation of any impact; each is reported (the test goes on to the next screen). */
async function expectClean(page: TestPage, include?: string[]): Promise<Checked> {
  const checked = await check(page, include);
  const found = checked.violations;
  expect.soft(found, found.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`).join('\n')).toEqual([]);
  return checked;
}

/** A tip's host is clean, and axe did look inside its shadow root. */
async function expectCleanTip(page: TestPage, include?: string[]): Promise<void> {
  const { inShadow } = await expectClean(page, include);
  expect(inShadow).toBeGreaterThan(10);
}

/** Animations and transitions run out before axe judges colours. */
async function still(page: TestPage): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))).then(() => undefined));
}

const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

async function useTheme(theme: Theme): Promise<void> {
  await session.ext((t) => chrome.storage.sync.set({ options: { version: 2, theme: t } }), theme);
}

async function popup(theme: Theme, query = ''): Promise<TestPage> {
  const page = await session.extensionPage(`src/popup/index.html${query}`, { viewport: { width: 400, height: 560 } });
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
  await page.waitForFunction(() => !!document.querySelector('.reader') || !/Loading/.test(document.querySelector('.status')?.textContent ?? 'Loading'));
  return page;
}

async function searchFor(page: TestPage, query: string): Promise<void> {
  await page.fill('input[type=search]', query);
  await page.waitForFunction((q) => (document.querySelector('input[type=search]') as HTMLInputElement).value === q && /result|Nothing matches/i.test(document.querySelector('.status')?.textContent ?? '') && !!document.querySelector('.list, .empty'), query);
}

/** A line that matches no article in any product. */
const NOTHING = 'Zorblax quimbled the frobnicator 7731';

describe.each(THEMES)('%s theme', (theme) => {
  beforeEach(() => useTheme(theme));

  it('the popup: On this page, with an error the tab showed', async () => {
    const host = await session.open('https://bank.demdex.com/aam/traits-toast.html?toastMs=60000');
    await host.click('#delete');
    await waitForTip(host, 'KA-21790');
    const tabId = await until(() => tabIdOf(session, host).catch(() => undefined), 5000, 'the tab record');
    const page = await popup(theme, `?tab=${tabId}`);
    await page.waitForSelector('.list [data-article-id="KA-21790"]');
    await expectClean(page);
    await page.close();
    await host.close();
  });

  it('the popup: On this page, with nothing seen', async () => {
    const page = await popup(theme, '?tab=987654');
    await page.waitForSelector('.empty');
    await expectClean(page);
    await page.close();
  });

  it('the popup: search results, and no results', async () => {
    const page = await popup(theme);
    await searchFor(page, 'segment sharing');
    await page.waitForSelector('.list [data-article-id]');
    await expectClean(page);
    await searchFor(page, NOTHING);
    await page.waitForSelector('.empty');
    await expectClean(page);
    await page.close();
  });

  it('the popup: the reader, and "Did this help?" after a No', async () => {
    const page = await popup(theme);
    await searchFor(page, 'segment sharing delete');
    await page.press('Enter');
    await page.waitForSelector('.reader h1');
    await expectClean(page);
    await page.click('.reader [data-feedback=no]');
    await page.waitForSelector('.reader .feedback-others, .reader .feedback-said', { hasText: 'Other articles' });
    await page.click('.reader [data-request=show]');
    await page.waitForSelector('.reader .feedback-text');
    await expectClean(page);
    await page.close();
  });

  it('the search page a lookup opens', async () => {
    const page = await session.extensionPage(`src/popup/index.html?q=${encodeURIComponent('segment sharing')}&view=tab`);
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
    await page.waitForSelector('.list [data-article-id]');
    await expectClean(page);
    await page.close();
  });

  it('the options page, History empty and filled', async () => {
    const page = await session.extensionPage('src/options/index.html');
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
    await page.waitForSelector('.history-empty');
    await expectClean(page);
    const now = Date.now();
    const stats = (n: number) => ({ shown: n, listed: 1, opened: 1, yes: 1, no: 0, muted: 0, first: now - 86_400_000, last: now - 60_000 * n });
    await session.ext(
      (at) =>
        chrome.storage.local.set({
          history: { version: 1, articles: { 'KA-21790': at.a, 'KA-20057': at.b }, notFound: [{ text: 'Zorblax quimbled the frobnicator', count: 2, first: at.now, last: at.now }] },
        }),
      { a: stats(3), b: stats(1), now },
    );
    await page.waitForSelector('#history [data-article-id="KA-21790"]', { hasText: 'Not allowed to delete' });
    await page.waitForSelector('#not-found li');
    await expectClean(page);
    await page.close();
  });

  it('a tip beside a toast', async () => {
    const page = await session.open('https://bank.demdex.com/aam/traits-toast.html?toastMs=60000');
    await page.click('#delete');
    await waitForTip(page, 'KA-21790');
    await page.waitForSelector('xc-troubleshooter >> .tip ol');
    await still(page);
    await expectCleanTip(page, ['xc-troubleshooter']);
    await page.close();
  });

  it('a docked tip', async () => {
    const page = await session.open('https://experience.adobe.com/stress/busy.html?busy=0');
    await page.evaluate(() => {
      const w = window as unknown as { showError(text?: string): number };
      w.showError();
      w.showError('Access to this trait has been revoked');
    });
    await waitForTip(page, 'KA-17836');
    await page.waitForSelector('xc-troubleshooter >> .stack .tip');
    await still(page);
    await expectCleanTip(page, ['xc-troubleshooter']);
    await page.close();
  });

  it('a tip inside a modal dialog, and the whole page around it', async () => {
    const page = await session.open('https://bank.demdex.com/aam/trait-delete-dialog.html');
    await page.click('#delete');
    await page.waitForFunction(() => !!document.querySelector('dialog[open] xc-troubleshooter')?.shadowRoot?.querySelector('[data-article-id="KA-21790"] ol'));
    await still(page);
    await expectCleanTip(page);
    await page.close();
  });
});
