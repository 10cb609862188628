import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { until, waitForTip, type TestPage } from './harness';
import { sessionPerFile } from './session';

/**
 * "Did this help?" in a tip and in the reader → the local history → the options page's History section
 * (rows, sorting, the texts that found nothing) → the exports → "Clear history"; and the option that turns
 * the history off. The worker keeps the history in storage.local; nothing leaves the browser (the session
 * checks every test for stray requests).
 */

declare const chrome: Browser;

const current = sessionPerFile();
beforeEach(async () => {
  await current().ext(() => chrome.storage.local.clear());
});

type Stats = Record<'shown' | 'listed' | 'opened' | 'yes' | 'no' | 'muted' | 'first' | 'last', number>;
interface Stored {
  version: number;
  articles: Record<string, Stats>;
  notFound: { text: string; count: number }[];
}

const stored = () => current().ext(async () => (await chrome.storage.local.get('history')).history as Stored | undefined);

/** Waits until the stored history satisfies `test` (the worker writes it a moment after each event). */
const storedSoon = (test: (history: Stored) => boolean, what: string) => until(async () => ((h) => h && test(h) && h)(await stored()), 5000, what);

const TOAST = 'https://bank.demdex.com/aam/traits-toast.html?toastMs=600000&org=acme';
const TIP = 'xc-troubleshooter >> [data-article-id="KA-21790"]';
/** A line that matches no article in any product. */
const NOTHING = 'Zorblax quimbled the frobnicator 7731';

async function tipOnToast(): Promise<TestPage> {
  const page = await current().open(TOAST);
  await page.click('#delete');
  await waitForTip(page, 'KA-21790');
  return page;
}

/** The options page, with the files it would download caught before they are saved: name and contents. */
async function optionsPage(): Promise<TestPage> {
  const page = await current().extensionPage('src/options/index.html');
  await page.waitForSelector('input[name=product]');
  await page.evaluate(() => {
    const saved: Promise<{ name: string; text: string }>[] = [];
    Object.assign(window, { saved });
    document.addEventListener(
      'click',
      (event) => {
        const link = (event.target as Element).closest?.('a[download]') as HTMLAnchorElement | null;
        if (!link) return;
        event.preventDefault();
        saved.push(fetch(link.href).then(async (response) => ({ name: link.download, text: await response.text() })));
      },
      true,
    );
  });
  return page;
}

const downloads = (page: TestPage) => page.evaluate(() => Promise.all((window as unknown as { saved: Promise<{ name: string; text: string }>[] }).saved));
const cell = (page: TestPage, id: string, count: string) => page.textContent(`table#history tr[data-article-id="${id}"] td[data-count="${count}"]`);

describe('feedback → history → export → clear', () => {
  it('a tip asks "Did this help?"; "No" offers other articles and a request shown before it is copied', async () => {
    const page = await tipOnToast();
    await page.click(`${TIP} button[data-feedback="no"]`);
    // the worker loads its search index on the first "No": generous on a loaded machine
    await page.waitForSelector(`${TIP} .feedback-others button[data-other-id]`, { timeout: 10_000 });
    const others = await page.attributes(`${TIP} button[data-other-id]`, 'data-other-id');
    expect(others.length).toBeGreaterThan(0);
    expect(others.length).toBeLessThanOrEqual(3);
    expect(others).not.toContain('KA-21790');
    // the other articles are offered, not shown as tips
    expect(await page.evaluate(() => [...document.querySelector('xc-troubleshooter')!.shadowRoot!.querySelectorAll('[data-article-id]')].map((el) => el.getAttribute('data-article-id')))).toEqual(['KA-21790']);

    await page.click(`${TIP} button[data-request="show"]`);
    const shown = await page.textContent(`${TIP} .feedback-text`);
    // the toast's text ("Error: Not allowed…") as the page showed it, less its invisible zero-width space
    // and its own "Error:" label, which the request's line already says
    expect(shown).toContain('\nError: Not allowed to delete due to segment sharing enabled\n');
    expect(shown).toContain('Product: Audience Manager, Experience Platform');
    // the address's query (here ?toastMs=…&org=acme) is left out
    expect(shown).toContain('Page: bank.demdex.com/aam/traits-toast.html\n');
    expect(shown).toContain('Did not help: KA-21790');
    expect(shown).not.toContain('acme');
    await page.click(`${TIP} button[data-request="copy"]`);
    await page.waitForSelector(`${TIP} .feedback-note`, { hasText: 'Copied' });
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);

    const history = await storedSoon((h) => h.articles['KA-21790']?.no === 1 && h.articles['KA-21790']?.shown === 1, 'the tip shown and its "No"');
    expect(history.articles['KA-21790']).toMatchObject({ shown: 1, listed: 1, no: 1, yes: 0, opened: 0, muted: 0 });
    await page.close();
  });

  it('a page script cannot answer for the person: untrusted clicks do nothing', async () => {
    const page = await tipOnToast();
    await page.evaluate(() => {
      const root = document.querySelector('xc-troubleshooter')!.shadowRoot!;
      (root.querySelector('button[data-feedback="yes"]') as HTMLButtonElement).click();
      root.querySelector('button[data-feedback="no"]')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    // the person's own click still counts, and is the only answer recorded
    await page.click(`${TIP} button[data-feedback="yes"]`);
    await page.waitForSelector(`${TIP} .feedback-said`, { hasText: 'Thanks' });
    const history = await storedSoon((h) => h.articles['KA-21790']?.yes === 1, 'the trusted "Yes"');
    expect(history.articles['KA-21790']).toMatchObject({ yes: 1, no: 0 });
    await page.close();
  });

  it('rows per article on the options page, sortable by each count; texts that found nothing below; exports; clear', async () => {
    // KA-21790: its tip shown, listed, "No"
    const page = await tipOnToast();
    await page.click(`${TIP} button[data-feedback="no"]`);
    await page.close();
    // KA-20057: opened twice in the reader, "Yes" there
    for (let time = 0; time < 2; time++) {
      const reader = await current().extensionPage('src/popup/index.html?article=KA-20057');
      await reader.waitForSelector('.reader[data-article-id="KA-20057"] h1');
      await reader.close();
    }
    const reader = await current().extensionPage('src/popup/index.html?article=KA-20057');
    await reader.click('.reader[data-article-id="KA-20057"] button[data-feedback="yes"]');
    await reader.waitForSelector('.reader .feedback-said', { hasText: 'Thanks' });
    await reader.close();
    // a lookup that found nothing (the search page opened with it, as the page menu opens it)
    const search = await current().extensionPage(`src/popup/index.html?q=${encodeURIComponent(NOTHING)}&view=tab`);
    await search.waitForSelector('.empty-title', { hasText: 'Nothing matches' });
    await storedSoon((h) => h.articles['KA-20057']?.yes === 1 && h.articles['KA-21790']?.no === 1 && h.notFound.length === 1, 'three articles’ events and one text');
    await search.close();

    const options = await optionsPage();
    await options.waitForSelector('table#history tr[data-article-id="KA-20057"]');
    // titles come from the article store, read once there is a row to name
    await options.waitForSelector('table#history tr[data-article-id="KA-21790"] .history-title', { hasText: 'Not allowed to delete due to segment sharing enabled' });
    expect([await cell(options, 'KA-21790', 'shown'), await cell(options, 'KA-21790', 'listed'), await cell(options, 'KA-21790', 'no'), await cell(options, 'KA-21790', 'opened')]).toEqual(['1', '1', '1', '0']);
    expect([await cell(options, 'KA-20057', 'opened'), await cell(options, 'KA-20057', 'yes'), await cell(options, 'KA-20057', 'shown')]).toEqual(['3', '1', '0']);
    expect(await options.texts('#not-found li .not-found-text')).toEqual([NOTHING]);

    const order = () => options.attributes('table#history tbody tr', 'data-article-id');
    await options.click('button[data-sort="opened"]');
    expect(await order()).toEqual(['KA-20057', 'KA-21790']);
    expect(await options.getAttribute('th:has(> button[data-sort="opened"])', 'aria-sort')).toBe('descending');
    await options.click('button[data-sort="opened"]');
    expect(await order()).toEqual(['KA-21790', 'KA-20057']);
    await options.click('button[data-sort="no"]');
    expect(await order()).toEqual(['KA-21790', 'KA-20057']);
    await options.click('button[data-sort="yes"]');
    expect(await order()).toEqual(['KA-20057', 'KA-21790']);

    // exports: the table in its current order, then the texts that found nothing
    await options.click('button[data-export="csv"]');
    await options.click('button[data-export="json"]');
    const [csv, json] = await downloads(options);
    expect(csv.name).toMatch(/^xc-troubleshooter-history-\d{4}-\d\d-\d\d\.csv$/);
    const lines = csv.text.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('kind,article_id,title,products,tip_shown,listed,opened,helped_yes,helped_no,muted,looked_up,text,first_seen,last_seen');
    expect(lines[1]).toMatch(/^article,KA-20057,Analytics segment won't unpublish although it has no Audience Manager mappings,Audience Manager; Analytics; Customer Journey Analytics,0,0,3,1,0,0,,,\d{4}-.*Z,\d{4}-.*Z$/);
    expect(lines[2]).toMatch(/^article,KA-21790,Not allowed to delete due to segment sharing enabled,Audience Manager; Experience Platform,1,1,0,0,1,0,,,/);
    expect(lines[3]).toMatch(new RegExp(`^not-found,,,,,,,,,,1,${NOTHING},`));
    expect(lines).toHaveLength(4);
    expect(json.name).toMatch(/^xc-troubleshooter-history-\d{4}-\d\d-\d\d\.json$/);
    const data = JSON.parse(json.text);
    expect(data).toMatchObject({ format: 'xc-troubleshooter-history', version: 1 });
    expect(data.articles.map((a: { id: string }) => a.id)).toEqual(['KA-20057', 'KA-21790']);
    expect(data.articles[1]).toMatchObject({ id: 'KA-21790', products: ['aam', 'aep'], tip_shown: 1, listed: 1, helped_no: 1 });
    expect(data.notFound).toEqual([expect.objectContaining({ text: NOTHING, lookedUp: 1 })]);

    // clear: asked once more, then gone from the page and from storage
    await options.click('button[data-history="clear"]');
    await options.click('button[data-history="keep"]');
    expect(await options.count('table#history tbody tr')).toBe(2);
    await options.click('button[data-history="clear"]');
    await options.click('button[data-history="confirm-clear"]');
    await options.waitForSelector('table#history', { state: 'detached' });
    await options.waitForSelector('.history-empty', { hasText: 'Nothing recorded yet' });
    await until(async () => (await stored()) === undefined, 5000, 'the stored history to go');
    await options.close();
  });
});

describe('the option', () => {
  it('turned off, clears the history and records nothing until it is on again', async () => {
    const page = await tipOnToast();
    await storedSoon((h) => h.articles['KA-21790']?.shown === 1, 'the tip counted');
    const options = await optionsPage();
    await options.waitForSelector('table#history tr[data-article-id="KA-21790"]');
    await options.uncheck('input[name=history]');
    await until(async () => (await stored()) === undefined, 5000, 'the history cleared');
    await options.waitForSelector('table#history', { state: 'detached' });

    // while off: a "No" on the tip, answered by the worker (its other articles come back) but not recorded
    await page.click(`${TIP} button[data-feedback="no"]`);
    await page.waitForSelector(`${TIP} .feedback-said`, { hasText: 'Other articles' });
    // on again: the next event is recorded, and nothing from while it was off
    await options.check('input[name=history]');
    const reader = await current().extensionPage('src/popup/index.html?article=KA-20057');
    await reader.waitForSelector('.reader h1');
    const history = await storedSoon((h) => h.articles['KA-20057']?.opened === 1, 'the reader opened after the history was on again');
    expect(Object.keys(history.articles)).toEqual(['KA-20057']);
    await options.waitForSelector('table#history tr[data-article-id="KA-20057"]');
    await reader.close();
    await options.close();
    await page.close();
  });

  it('"Don’t show again" on a tip is counted as muted', async () => {
    const page = await tipOnToast();
    await page.click(`${TIP} button`, { hasText: 'show again' });
    const history = await storedSoon((h) => h.articles['KA-21790']?.muted === 1, 'the mute counted');
    expect(history.articles['KA-21790']).toMatchObject({ shown: 1, muted: 1 });
    await page.close();
  });
});
