/**
 * Pictures of the extension for the docs, light and dark: a tip on a fixture page, the same tip reached with
 * the keyboard shortcut, and its "Did this help?" row after a "No", a tip inside React Spectrum's error
 * AlertDialog (a page built from Adobe's real UI library), the popup (On this page, a search, the reader), the
 * options page and its History section. Run with `npm run screenshots` (it builds first); PNGs go to
 * docs/. Everything runs in the end-to-end harness's Chromium with the fixture pages; nothing leaves the
 * machine.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { launchChromium, type ChromiumSession as Session } from '../test/e2e/drivers/chromium';
import { SHELL, tabIdOf, waitForTip } from '../test/e2e/harness';
import { buildRealFixtures } from '../test/e2e/real-fixtures';
import { ROOT } from '../test/paths';

/** The extension's API inside its worker, as evaluate() callbacks see it (promise-based, as in MV3). */
declare const chrome: Browser;

const OUT = join(ROOT, 'docs');
const POPUP = { width: 400, height: 560 };
type Scheme = 'light' | 'dark';

async function extensionPage(session: Session, path: string, scheme: Scheme, viewport: { width: number; height: number }): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  await page.goto(`chrome-extension://${session.extensionId}/${path}`);
  return page;
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
  console.log(`docs/${name}.png`);
}

async function pictures(session: Session, scheme: Scheme): Promise<void> {
  // a tip beside an Audience Manager toast
  const host = await session.context.newPage();
  await host.setViewportSize({ width: 1100, height: 760 });
  await host.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  await host.goto('https://bank.demdex.com/aam/traits-toast.html?toastMs=600000');
  await host.click('#delete');
  await waitForTip(host, 'KA-21790');
  await host.mouse.move(0, 0);
  await shoot(host, `tip-${scheme}`);
  await focusPicture(session, host, scheme);

  // an Analytics page too, so "On this page" holds two entries from two tabs' worth of products
  await host.goto('https://experience.adobe.com/analytics/workspace-dimension-access.html?delayMs=50');
  await waitForTip(host, 'KA-21705');
  const tabId = await tabIdOf(session, host.url());

  const onPage = await extensionPage(session, `src/popup/index.html?tab=${tabId}`, scheme, POPUP);
  await onPage.waitForSelector('[data-article-id]');
  await shoot(onPage, `popup-on-this-page-${scheme}`);
  await onPage.close();

  const search = await extensionPage(session, `src/popup/index.html?tab=${tabId}`, scheme, POPUP);
  await search.waitForSelector('[data-article-id]');
  await search.keyboard.type('segmnt sharng', { delay: 20 });
  await search.waitForSelector('.list[aria-label="Search results"] [data-article-id="KA-21790"]');
  await search.keyboard.press('ArrowDown');
  await search.mouse.move(0, 0);
  await shoot(search, `popup-search-${scheme}`);

  await search.keyboard.press('ArrowUp');
  await search.keyboard.press('Enter');
  await search.waitForSelector('.reader h1');
  await shoot(search, `popup-reader-${scheme}`);
  await search.close();

  const options = await extensionPage(session, 'src/options/index.html', scheme, { width: 900, height: 700 });
  await options.waitForSelector('input[name=product]');
  await options.uncheck('input[name=product][value=cja]');
  await options.waitForSelector('.saved span');
  await options.mouse.move(0, 0);
  await shoot(options, `options-${scheme}`, true);
  await options.check('input[name=product][value=cja]');
  await options.close();
  await host.close();

  await feedbackPicture(session, scheme);
  await modalPicture(session, scheme);
  await historyPicture(session, scheme);
}

/** The tip the keyboard shortcut brought the focus to (the worker's own command handler, as the browser calls it). */
async function focusPicture(session: Session, host: Page, scheme: Scheme): Promise<void> {
  const tabId = await tabIdOf(session, host.url());
  await session.ext((id) => (globalThis as unknown as { xcCommands: { onCommand(name: string, tab: { id: number }): Promise<boolean> } }).xcCommands.onCommand('focus-tip', { id }), tabId);
  await host.evaluate(() => document.fonts.ready);
  // the page's picture around the tip (a picture of the element alone leaves its focus ring out)
  const box = (await host.locator('xc-troubleshooter [data-article-id="KA-21790"]').boundingBox())!;
  await host.screenshot({ path: join(OUT, `tip-focus-${scheme}.png`), clip: { x: box.x - 12, y: box.y - 12, width: box.width + 24, height: box.height + 24 } });
  console.log(`docs/tip-focus-${scheme}.png`);
  await host.keyboard.press('Escape');
}

/** A tip's "Did this help?" after a "No": the other articles for the error, and the request shown before it is copied. */
async function feedbackPicture(session: Session, scheme: Scheme): Promise<void> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  // Audience Manager's toast in the unified shell, whose address names the org and the sandbox
  await page.goto('https://experience.adobe.com/?fixture=aam/traits-toast&toastMs=600000#/@acme/sname:prod/audience-manager/traits');
  await page.click('#delete');
  await waitForTip(page, 'KA-21790');
  // Playwright's selectors reach into the tip's open shadow root
  const tip = page.locator('xc-troubleshooter [data-article-id="KA-21790"]');
  await tip.locator('button[data-feedback="no"]').click();
  await tip.locator('button[data-request="show"]').click();
  await tip.locator('.feedback-text').waitFor();
  await tip.locator('.feedback').scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  await tip.screenshot({ path: join(OUT, `tip-feedback-${scheme}.png`) });
  console.log(`docs/tip-feedback-${scheme}.png`);
  await page.close();
}

/**
 * A tip inside React Spectrum's error AlertDialog: above the dialog and its underlay, clear of the dialog's
 * buttons. The page is the one built from React Spectrum itself (test/fixtures/real/rs1), in its own theme.
 */
async function modalPicture(session: Session, scheme: Scheme): Promise<void> {
  const page = await session.context.newPage();
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
  await page.goto(`${SHELL}real/rs1/index.html?screen=dialog${scheme === 'dark' ? '&theme=dark' : ''}`);
  await page.waitForSelector('#counter', { timeout: 15_000 });
  await page.click('#show-error');
  await page.waitForSelector('[role="alertdialog"]');
  await waitForTip(page, 'KA-21790');
  // Playwright's selectors reach into the tip's open shadow root
  await page.locator('xc-troubleshooter [data-article-id="KA-21790"] .body').waitFor();
  await page.mouse.move(0, 0);
  // the dialog fades in, and the tip's steps come after it: the picture waits for both to settle
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity));
  await shoot(page, `tip-modal-${scheme}`);
  await page.close();
}

const DAY = 86_400_000;

/**
 * The options page's History section over a few weeks' use: the counts a person would gather (written
 * into storage.local as the worker keeps them), sorted by "Didn't help".
 */
async function historyPicture(session: Session, scheme: Scheme): Promise<void> {
  const now = Date.now();
  const stats = (shown: number, listed: number, opened: number, yes: number, no: number, muted: number, daysAgo: number, firstDaysAgo: number) => ({ shown, listed, opened, yes, no, muted, last: now - daysAgo * DAY, first: now - firstDaysAgo * DAY });
  const history = {
    version: 1,
    articles: {
      'KA-21790': stats(14, 16, 5, 4, 1, 0, 0.01, 24),
      'KA-20057': stats(6, 7, 3, 1, 2, 0, 1.2, 19),
      'KA-21767': stats(4, 4, 2, 0, 3, 0, 2.5, 12),
      'KA-21705': stats(9, 11, 1, 2, 0, 1, 5, 26),
      'KA-17836': stats(2, 2, 0, 0, 0, 0, 9, 9),
    },
    notFound: [
      { text: 'Dataflow run failed: source file exceeds the ingestion size limit', count: 3, first: now - 6 * DAY, last: now - 0.2 * DAY },
      { text: 'Unable to activate the destination: consent policy blocks the segment', count: 1, first: now - 3 * DAY, last: now - 3 * DAY },
    ],
  };
  await session.ext((value) => chrome.storage.local.set({ history: value }), history);
  const page = await extensionPage(session, 'src/options/index.html', scheme, { width: 900, height: 1000 });
  await page.waitForSelector('table#history tr[data-article-id="KA-21790"] .history-title:not(:has-text("KA-21790"))');
  await page.click('button[data-sort="no"]');
  const section = page.locator('section[aria-labelledby="history-title"]');
  await section.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  await section.screenshot({ path: join(OUT, `history-${scheme}.png`) });
  console.log(`docs/history-${scheme}.png`);
  await page.close();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  // the pages built from Adobe's real UI libraries (skipped while their sources are unchanged)
  await buildRealFixtures();
  for (const scheme of ['light', 'dark'] as const) {
    // a fresh profile each time: the popup lists only what this run's pages showed
    const session = await launchChromium({ extension: join(ROOT, 'dist/chrome') });
    try {
      // one muted article, so the options page shows its "Don't show again" list
      const options = await session.context.newPage();
      await options.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
      await options.evaluate(() => chrome.storage.sync.set({ options: { version: 2, products: ['aam', 'aep', 'analytics', 'cja', 'target'], tips: true, muted: ['KA-14505'], theme: 'auto' } }));
      await options.close();
      await pictures(session, scheme);
    } finally {
      await session.close();
    }
  }
}

await main();
