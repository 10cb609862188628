import type { Browser } from 'webextension-polyfill';
import { beforeEach, describe, expect, it } from 'vitest';
import { BROWSER, tabIdOf, until, waitForTip, type Session, type TestPage } from './harness';
import { sessionPerFile } from './session';

/** The extension's API inside its worker, as evaluate() callbacks see it (promise-based, as in MV3). */
declare const chrome: Browser;

const current = sessionPerFile();
let session: Session;
beforeEach(() => {
  session = current();
});

/** The popup page of the loaded extension, opened in a tab; `navigator.clipboard` is recorded, not used. */
async function popup(query = ''): Promise<TestPage> {
  const page = await session.extensionPage(`src/popup/index.html${query}`, { viewport: { width: 400, height: 560 } });
  await page.evaluate(() => {
    const copied: string[] = [];
    Object.assign(window, { copied });
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (text: string) => void copied.push(text) } });
  });
  await page.waitForFunction(() => !!document.querySelector('.reader') || !/Loading/.test(document.querySelector('.status')?.textContent ?? 'Loading'));
  return page;
}

async function listed(page: TestPage): Promise<string[]> {
  return page.attributes('.list [data-article-id]', 'data-article-id');
}

/** Types a query (replacing what is there) and returns the listed results once they are on screen. */
async function searchFor(page: TestPage, query: string): Promise<string[]> {
  await page.fill('input[type=search]', query);
  // results are counted once the search index has loaded and the query has run
  await page.waitForFunction((q) => (document.querySelector('input[type=search]') as HTMLInputElement).value === q && /result/i.test(document.querySelector('.status')?.textContent ?? ''), query);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
  return listed(page);
}

describe('popup search', () => {
  it('focuses the search box on open', async () => {
    const page = await popup();
    expect(await page.evaluate(() => document.activeElement?.matches('input[type=search]'))).toBe(true);
    await page.close();
  });

  it.each([
    ['segmnt sharng delete', 'KA-21790'],
    ['pairedTraitSegments', 'KA-20057'],
    ['Error: "Not allowed to delete due to segment sharing enabled" (trait 88231)', 'KA-21790'],
    ['power bi', 'KA-20997'],
    ['entity.categ', 'KA-15578'],
  ])('ranks %j first as %s', async (query, expected) => {
    const page = await popup();
    const ids = await searchFor(page, query);
    expect(ids[0]).toBe(expected);
    expect(await page.textContent('.status')).toMatch(/\d+ results?/);
    await page.close();
  });

  it('moves with the arrow keys, opens with Enter and goes back', async () => {
    const page = await popup();
    const ids = await searchFor(page, 'segment');
    expect(ids.length).toBeGreaterThan(2);
    await page.press('ArrowDown');
    await page.press('ArrowDown');
    await page.press('ArrowUp');
    expect(await page.getAttribute('.list [aria-selected=true]', 'data-article-id')).toBe(ids[1]);
    await page.press('Enter');
    await page.waitForSelector(`.reader[data-reader-id="${ids[1]}"] h1`);
    await page.click('.reader .back');
    await page.waitForSelector('input[type=search]');
    expect(await page.inputValue('input[type=search]')).toBe('segment');
    expect(await page.evaluate(() => document.activeElement?.matches('input[type=search]'))).toBe(true);
    expect(await listed(page)).toEqual(ids);
    await page.close();
  });

  it('limits results to the picked products, with a toggle for all products', async () => {
    await session.ext(() => chrome.storage.sync.set({ options: { version: 2, products: ['analytics', 'target'] } }));
    const page = await popup();
    const ids = await searchFor(page, 'segment sharing delete');
    expect(ids).not.toContain('KA-21790');
    expect(await page.textContent('.status')).toMatch(/in your products, \d+ more in others/);
    await page.check('input[name=all-products]');
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
    expect((await listed(page))[0]).toBe('KA-21790');
    await page.close();
  });
});

describe('article reader', () => {
  it('shows an article from ?article= with its products, error texts and actions', async () => {
    const page = await popup('?article=KA-21790');
    await page.waitForSelector('.reader h1');
    expect(await page.textContent('.reader h1')).toBe('Not allowed to delete due to segment sharing enabled');
    expect(await page.texts('.reader .chip')).toEqual(['Audience Manager', 'Experience Platform']);
    expect(await page.textContent('.errors')).toContain('Not allowed to delete due to segment sharing enabled');
    expect(await page.textContent('.article-body')).toContain('How to fix it');
    expect(await page.getAttribute('.reader a[href^="https://experienceleague.adobe.com/"]', 'href')).toBe('https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/ka-21790');
    expect(await page.textContent('.reader-meta')).toContain('Updated 29 Mar 2023');

    await page.click('.reader button', { hasText: 'Copy steps' });
    await page.waitForSelector('.note', { hasText: 'Steps copied' });
    await page.click('.reader button', { hasText: 'Copy details' });
    const copied = await page.evaluate(() => (window as unknown as { copied: string[] }).copied);
    expect(copied[0]).toMatch(/^1\. In Experience Platform, open Sources/);
    expect(copied[0].split('\n')).toHaveLength(5);
    expect(copied[1]).toContain('Article: KA-21790 (Not allowed to delete due to segment sharing enabled)');
    expect(copied[1]).toContain('Product: Audience Manager, Experience Platform');

    await page.press('Escape');
    await page.waitForSelector('input[type=search]');
    await page.close();
  });

  it('says so when the article does not exist', async () => {
    const page = await popup('?article=KA-99999');
    await page.waitForSelector('.reader-missing');
    expect(await page.textContent('.reader-missing')).toContain('no article KA-99999');
    await page.close();
  });
});

describe('on this page', () => {
  it('adds an error the page shows while the popup is open', async () => {
    const host = await session.open('https://bank.demdex.com/aam/swagger.html');
    const tabId = await until(() => tabIdOf(session, host).catch(() => undefined), 5000, 'the tab record');
    const page = await popup(`?tab=${tabId}`);
    await page.waitForSelector('.empty, .list');
    expect(await listed(page)).toEqual([]);
    // the page is used in the foreground (a background tab's idle work may wait for its timer budget)
    await host.bringToFront();
    await host.click('#execute');
    await waitForTip(host, 'KA-20057');
    await page.waitForSelector('.list [data-article-id="KA-20057"]', { timeout: 5000 });
    // with its title and products, as the first list has them
    const row = await page.textContent('.list [data-article-id="KA-20057"]');
    expect(row).toContain("Analytics segment won't unpublish");
    expect(row).toContain('Audience Manager · Analytics · Customer Journey Analytics');
    await page.close();
    await host.close();
  });

  it('lists the error a tab has shown, with its products and when it was seen', async () => {
    const host = await session.open('https://bank.demdex.com/aam/traits-toast.html?toastMs=60000');
    await host.click('#delete');
    await waitForTip(host, 'KA-21790');
    const tabId = await tabIdOf(session, host);

    const page = await popup(`?tab=${tabId}`);
    await page.waitForSelector('.list [data-article-id]');
    expect(await listed(page)).toEqual(['KA-21790']);
    const row = await page.textContent('.list [data-article-id="KA-21790"]');
    expect(row).toContain('Audience Manager · Experience Platform');
    expect(row).toContain('just now');
    expect(row).toContain('Not allowed to delete');

    // opened from the list, "Copy details" carries what the page showed and where
    await page.press('Enter');
    await page.waitForSelector('.reader h1');
    await page.click('.reader button', { hasText: 'Copy details' });
    const details = await page.evaluate(() => (window as unknown as { copied: string[] }).copied[0]);
    expect(details).toMatch(/^Error: .*Not allowed to delete due to segment/);
    expect(details).toContain(`Page: ${host.url()}`);
    await page.close();

    // an article whose tips the person turned off is still listed, and says so
    await session.ext(() => chrome.storage.sync.set({ options: { version: 2, muted: ['KA-21790'] } }));
    const again = await popup(`?tab=${tabId}`);
    await again.waitForSelector('.list [data-article-id="KA-21790"] .tag.muted');
    await again.close();
    await host.close();
  });

  it('explains which pages and products are watched when nothing was seen', async () => {
    await session.ext(() => chrome.storage.sync.set({ options: { version: 2, products: ['aam', 'target'] } }));
    const page = await popup('?tab=987654');
    await page.waitForSelector('.empty');
    const text = await page.textContent('.empty');
    expect(text).toContain('experience.adobe.com, *.experience.adobe.net and bank.demdex.com');
    expect(text).toContain('Audience Manager and Target');
    expect(await page.count('[data-article-id]')).toBe(0);
    await page.close();
  });
});

describe('theme', () => {
  it('follows the browser, and the options theme over it', async () => {
    const page = await popup();
    if (BROWSER === 'chromium') {
      await page.emulateColorScheme('dark');
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      await page.emulateColorScheme('light');
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    } else {
      // WebDriver BiDi cannot switch Firefox's colour scheme: the popup shows the one the browser reports
      await page.waitForFunction(() => document.documentElement.dataset.theme === (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
    }
    await session.ext(() => chrome.storage.sync.set({ options: { version: 2, theme: 'dark' } }));
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await page.close();
  });
});
