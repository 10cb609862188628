import type { Browser } from 'webextension-polyfill';
import { beforeEach, describe, expect, it } from 'vitest';
import { BROWSER, tipIds, until, waitForTip, type Session, type TestPage } from './harness';
import { sessionPerFile } from './session';

/** The extension's API inside its worker, as evaluate() callbacks see it (promise-based, as in MV3). */
declare const chrome: Browser;

const current = sessionPerFile();
let session: Session;
beforeEach(() => {
  session = current();
});

async function optionsPage(): Promise<TestPage> {
  const page = await session.extensionPage('src/options/index.html');
  await page.waitForSelector('input[name=product]');
  return page;
}

async function stored(): Promise<Record<string, unknown> | undefined> {
  return session.ext(async () => (await chrome.storage.sync.get('options')).options as Record<string, unknown> | undefined);
}

async function picked(page: TestPage): Promise<string[]> {
  return page.attributes('input[type=checkbox][name=product]:checked', 'value');
}

/** Waits until the stored options satisfy `test` (a change is written at once, but asynchronously). */
async function storedSoon(test: (options: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return until(async () => {
    const options = await stored();
    return options && test(options) ? options : null;
  }, 2500, 'the stored options to change');
}

describe('options page', () => {
  it('is the manifest options page and lists the five products, all picked on first install', async () => {
    const manifest = await session.ext(() => chrome.runtime.getManifest());
    // Chromium gives the path as written; Firefox gives the page's full moz-extension:// address
    expect(manifest.options_ui?.page).toMatch(BROWSER === 'firefox' ? /^moz-extension:\/\/[\w-]+\/src\/options\/index\.html$/ : /^src\/options\/index\.html$/);
    const page = await optionsPage();
    expect(await page.attributes('input[type=checkbox][name=product]', 'value')).toEqual(['aam', 'aep', 'analytics', 'cja', 'target']);
    expect(await picked(page)).toEqual(['aam', 'aep', 'analytics', 'cja', 'target']);
    const text = await page.textContent('body');
    for (const name of ['Audience Manager', 'Experience Platform', 'Analytics', 'Customer Journey Analytics', 'Target']) expect(text).toContain(name);
    expect(await page.textContent('[data-kb-count]')).toMatch(/^\d+ articles$/);
    expect(await page.count('button', 'Save')).toBe(0);
    await page.close();
  });

  it('applies each change at once', async () => {
    const page = await optionsPage();
    await page.uncheck('input[name=product][value=cja]');
    expect((await storedSoon((o) => Array.isArray(o.products) && !o.products.includes('cja'))).products).toEqual(['aam', 'aep', 'analytics', 'target']);
    await page.uncheck('input[name=tips]');
    await storedSoon((o) => o.tips === false);
    await page.check('input[name=theme][value=dark]');
    await storedSoon((o) => o.theme === 'dark');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await page.textContent('.saved')).toContain('Saved');
    await page.close();
  });

  it('keeps two quick changes', async () => {
    const page = await optionsPage();
    await page.evaluate(() => {
      for (const value of ['aam', 'target']) (document.querySelector(`input[name=product][value=${value}]`) as HTMLInputElement).click();
    });
    await storedSoon((o) => Array.isArray(o.products) && o.products.join() === 'aep,analytics,cja');
    await page.close();
  });

  it('follows changes made elsewhere', async () => {
    const page = await optionsPage();
    await session.ext(() => chrome.storage.sync.set({ options: { version: 2, products: ['analytics'], tips: false, muted: [], theme: 'light' } }));
    await page.waitForFunction(() => document.querySelectorAll('input[name=product]:checked').length === 1);
    expect(await picked(page)).toEqual(['analytics']);
    expect(await page.isChecked('input[name=tips]')).toBe(false);
    expect(await page.isChecked('input[name=theme][value=light]')).toBe(true);
    await page.close();
  });

  it('lists muted articles with their titles and brings one back', async () => {
    await session.ext(() => chrome.storage.sync.set({ options: { version: 2, muted: ['KA-21790', 'KA-20057'] } }));
    const page = await optionsPage();
    await page.waitForSelector('.muted-list [data-article-id="KA-21790"]', { hasText: 'Not allowed to delete due to segment sharing enabled' });
    await page.click('.muted-list [data-article-id="KA-21790"] button');
    expect((await storedSoon((o) => Array.isArray(o.muted) && o.muted.length === 1)).muted).toEqual(['KA-20057']);
    await page.waitForFunction(() => !document.querySelector('.muted-list [data-article-id="KA-21790"]'));
    await page.close();
  });
});

describe('picked products decide which tips show', () => {
  /** The tips a toast page shows, once an Analytics error (Analytics stays picked) proves the page was read. */
  async function toastTip(): Promise<string[]> {
    const page = await session.open('https://bank.demdex.com/aam/traits-toast.html?toastMs=60000');
    await page.click('#delete');
    await page.waitForSelector('.toast');
    await page.evaluate(() => {
      const note = document.createElement('div');
      note.setAttribute('role', 'alert');
      note.textContent = 'You do not have access to the dimension for this request';
      document.body.append(note);
    });
    await waitForTip(page, 'KA-21705');
    const ids = (await tipIds(page)).filter((id) => id !== 'KA-21705');
    await page.close();
    return ids;
  }

  it('gives no tip for an unpicked product and still one for a picked product', async () => {
    const options = await optionsPage();
    await options.uncheck('input[name=product][value=aam]');
    await options.uncheck('input[name=product][value=aep]');
    await storedSoon((o) => Array.isArray(o.products) && o.products.join() === 'analytics,cja,target');

    // KA-21790 belongs to Audience Manager and Experience Platform: both unpicked
    expect(await toastTip()).toEqual([]);

    // KA-21705 belongs to Analytics: still picked
    const workspace = await session.open('https://experience.adobe.com/analytics/workspace-dimension-access.html');
    await waitForTip(workspace, 'KA-21705');
    await workspace.close();

    // picked again, Audience Manager's error gets its tip again
    await options.check('input[name=product][value=aam]');
    await storedSoon((o) => Array.isArray(o.products) && o.products.includes('aam'));
    expect(await toastTip()).toEqual(['KA-21790']);
    await options.close();
  });

  it('reach the tips already open, in frames and other tabs, at once', async () => {
    // a framed product app with a tip, and a second tab with one
    const shell = await session.open('https://experience.adobe.com/?fixture=analytics/shell#/@acme/analytics/workspace');
    const inner = await until(async () => shell.frames().find((f) => f.url().includes('experience.adobe.net')), 5000, 'the product frame');
    await inner.evaluate(() => new Promise((done) => (document.readyState === 'complete' ? done(null) : addEventListener('load', () => done(null)))));
    await inner.evaluate(() => (document.querySelector('#run') as HTMLButtonElement).click());
    await waitForTip(inner, 'KA-21705');
    const toast = await session.open('https://bank.demdex.com/aam/traits-toast.html');
    await toast.click('#delete');
    await waitForTip(toast, 'KA-21790');
    const themeOf = (frame: typeof inner) => frame.evaluate(() => document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector('.dark, .light')?.className ?? 'none');

    const options = await optionsPage();
    await options.check('input[name=theme][value=dark]');
    await until(async () => (await themeOf(inner)) === 'dark' && (await themeOf(toast)) === 'dark', 5000, 'both tips to turn dark');
    // Analytics unpicked: the framed app's tip goes, Audience Manager's stays
    await options.uncheck('input[name=product][value=analytics]');
    await until(async () => (await tipIds(inner)).length === 0, 5000, "the Analytics tip to go");
    expect(await tipIds(toast)).toEqual(['KA-21790']);
    // tips off: every tip goes
    await options.uncheck('input[name=tips]');
    await until(async () => (await tipIds(toast)).length === 0, 5000, 'the tab\'s tip to go');
    // back on, Analytics picked: the page is read again and the error still shown gets its tip back
    await options.check('input[name=tips]');
    await options.check('input[name=product][value=analytics]');
    await waitForTip(inner, 'KA-21705');
    await Promise.all([options.close(), toast.close(), shell.close()]);
  });
});
