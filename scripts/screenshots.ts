/**
 * Pictures of the extension for the docs, light and dark: a tip on a fixture page, the popup (On this page,
 * a search, the reader) and the options page. Run with `npm run screenshots` (it builds first); PNGs go to
 * docs/. Everything runs in the end-to-end harness's Chromium with the fixture pages; nothing leaves the
 * machine.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Browser } from 'webextension-polyfill';
import { launchChromium, type ChromiumSession as Session } from '../test/e2e/drivers/chromium';
import { tabIdOf, waitForTip } from '../test/e2e/harness';
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
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
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
