import { describe, expect, it } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { badgeOf, SHELL, settle, shadowText, tipIds, waitForTip } from './harness';
import { PROOF, proveRead, sessionPerFile } from './session';

declare const chrome: Browser;

const current = sessionPerFile();

describe('where errors are found', () => {
  it('a toast, split across elements with odd spaces, and the tip outlives it', async () => {
    const page = await current().open('https://bank.demdex.com/aam/traits-toast.html?toastMs=300');
    await proveRead(page); // read, and no tip but the proof's before the error
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.click('#delete');
    await waitForTip(page, 'KA-21790');
    await page.waitForFunction(() => !document.querySelector('.toast'));
    await settle(page);
    expect((await tipIds(page)).sort()).toEqual(['KA-21790', PROOF.id].sort());
    // the host follows the contract: one element, open shadow root, its title said in a polite live region
    // (the tip itself is not live, so redrawing it says nothing again), never focused by itself
    const host = await page.evaluate(() => {
      const el = document.querySelectorAll('xc-troubleshooter');
      const root = el[0]?.shadowRoot;
      return { count: el.length, open: !!root, polite: root?.querySelector('[aria-live="polite"][role="status"]')?.textContent, focused: document.activeElement?.tagName };
    });
    expect(host).toEqual({ count: 1, open: true, polite: 'Tip: Not allowed to delete due to segment sharing enabled', focused: 'BUTTON' });
    expect(await shadowText(page, '[data-article-id="KA-21790"] ol')).toContain('Sources');
    // the summary comes with the steps, from the article store (the content script carries titles only)
    expect(await shadowText(page, '[data-article-id="KA-21790"] .summary')).toMatch(/^Audience Manager refuses/);
    await page.close();
  });

  it('the same error again does not stack copies; closing removes the tip', async () => {
    const page = await current().open('https://bank.demdex.com/aam/traits-toast.html?toastMs=100');
    await page.click('#delete');
    await waitForTip(page, 'KA-21790');
    await page.click('#delete');
    await proveRead(page);
    expect(await tipIds(page)).toEqual(['KA-21790', 'KA-17836']);
    await page.click('xc-troubleshooter >> [data-article-id="KA-21790"] button[aria-label="Close tip"]');
    expect(await tipIds(page)).toEqual(['KA-17836']);
    await page.click('#delete');
    await waitForTip(page, 'KA-21790');
    await page.close();
  });

  it('a modal dialog: the tip goes inside the dialog', async () => {
    const page = await current().open(`${SHELL}?fixture=aep/sources-dialog#/@acme/sname:prod/platform/source/catalog`);
    await page.click('#connect');
    await page.waitForFunction(() => !!document.querySelector('dialog xc-troubleshooter')?.shadowRoot?.querySelector('[data-article-id="KA-19525"]'));
    await page.close();
  });

  it('a scoped generic error stays quiet outside its product', async () => {
    const page = await current().open(`${SHELL}?fixture=aep/sources-dialog#/@acme/sname:prod/analytics/workspace`);
    await page.click('#connect');
    await page.waitForSelector('dialog[open]');
    await proveRead(page);
    expect(await tipIds(page)).toEqual(['KA-17836']);
    await page.close();
  });

  it('sp-toast in nested shadow roots, attached late, reused by toggling open', async () => {
    const page = await current().open(`${SHELL}?fixture=target/activities-sp-toast&toastMs=300#/@acme/target/activities`);
    await page.waitForFunction(() => !!document.querySelector('app-shell')?.shadowRoot?.querySelector('activity-list'));
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]); // the toast's text is there, but not shown yet
    await page.click('activity-list >> #sync');
    await waitForTip(page, 'KA-13956');
    await page.click('xc-troubleshooter >> [data-article-id="KA-13956"] button[aria-label="Close tip"]');
    await page.waitForSelector('sp-toast[open]', { state: 'detached', timeout: 2000 }); // the toast closes
    await page.click('activity-list >> #sync'); // and opens again: a new occurrence
    await waitForTip(page, 'KA-13956');
    await page.close();
  });

  it('a cross-origin product frame and a srcdoc frame inside the unified shell', async () => {
    const page = await current().open(`${SHELL}?fixture=analytics/shell#/@acme/analytics/workspace`);
    const inner = page.frames().find((f) => f.url().includes('experience.adobe.net'))!;
    await inner.evaluate(() => new Promise((done) => (document.readyState === 'complete' ? done(null) : addEventListener('load', () => done(null)))));
    await inner.evaluate(() => (document.querySelector('#run') as HTMLButtonElement).click());
    await waitForTip(inner, 'KA-21705');
    const notices = page.frames().find((f) => f.url() === 'about:srcdoc')!;
    await waitForTip(notices, 'KA-20631');
    await proveRead(page); // the frames' errors raise no tip in the top page
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.close();
  });

  it('an API response shown as JSON text names pairedTraitSegments', async () => {
    const page = await current().open('https://bank.demdex.com/aam/swagger.html');
    await page.click('#execute');
    await waitForTip(page, 'KA-20057');
    await page.close();
  });

  it('an inline field error after a single-page route change', async () => {
    const page = await current().open(`${SHELL}?fixture=aep/schema-spa#/@acme/sname:dev/platform/schema`);
    await page.click('#edit');
    await waitForTip(page, 'KA-21767');
    await page.close();
  });
});

describe('no false alarms', () => {
  it('nothing that is not rendered, nothing inside an ordinary sentence', async () => {
    const page = await current().open(`${SHELL}?fixture=benign/not-rendered`);
    await waitForTip(page, 'KA-18155'); // the one real error: the page was read
    await settle(page, 500);
    expect(await tipIds(page)).toEqual(['KA-18155']);
    await page.close();
  });

  it('no tips on the documentation site or on other hosts', async () => {
    for (const url of ['https://experienceleague.adobe.com/benign/docs.html', 'https://www.example.org/benign/docs.html']) {
      const page = await current().open(url);
      await page.evaluate((text) => {
        const note = Object.assign(document.createElement('div'), { textContent: text });
        note.setAttribute('role', 'alert');
        document.body.append(note);
      }, PROOF.text);
      // a watched page opened after it has been read: a content script here would have read this one too
      const watched = await current().open('https://bank.demdex.com/aam/traits-toast.html');
      await proveRead(watched);
      await watched.close();
      expect(await page.evaluate(() => document.querySelector('xc-troubleshooter'))).toBeNull();
      await page.close();
    }
  });
});

describe('the badge and page contexts', () => {
  it('counts detected errors, and articles the page context makes relevant', async () => {
    const page = await current().open(`${SHELL}?fixture=target/shared-segments#/@acme/target/audiences`);
    await expect.poll(() => badgeOf(current(), page), { timeout: 10_000 }).toBe('1');
    expect(await tipIds(page)).toEqual([]); // a context raises no tip
    await page.close();

    const quiet = await current().open(`${SHELL}?fixture=target/shared-segments#/@acme/target/activities`);
    await expect.poll(() => badgeOf(current(), quiet), { timeout: 10_000 }).not.toBe('<no tab>'); // the page was reported
    // read (the proof's error counts), and its context text, on a page the context does not name, does not
    await proveRead(quiet);
    await expect.poll(() => badgeOf(current(), quiet), { timeout: 10_000 }).toBe('1');
    await settle(quiet, 300);
    expect(await badgeOf(current(), quiet)).toBe('1');
    await quiet.close();

    const toast = await current().open('https://bank.demdex.com/aam/traits-toast.html');
    await toast.click('#delete');
    await waitForTip(toast, 'KA-21790');
    await expect.poll(() => badgeOf(current(), toast), { timeout: 10_000 }).toBe('1');
    // a reload is a new page: the old error no longer counts
    await toast.reload();
    await expect.poll(() => badgeOf(current(), toast), { timeout: 10_000 }).toBe('');
    await toast.close();
  });
});

describe('the tip', () => {
  it('keeps key presses to itself and copies details for a ticket', async () => {
    const page = await current().open(`${SHELL}?fixture=aep/schema-spa#/@acme/sname:dev/platform/schema`);
    await page.evaluate(() => document.addEventListener('keydown', () => ((window as unknown as { keys: number }).keys = ((window as unknown as { keys: number }).keys ?? 0) + 1)));
    await page.click('#edit');
    await waitForTip(page, 'KA-21767');
    await page.focus('xc-troubleshooter >> [data-article-id="KA-21767"] button', { hasText: 'Copy details' });
    await page.press('j');
    await page.press('Enter');
    expect(await page.evaluate(() => (window as unknown as { keys?: number }).keys ?? 0)).toBe(0);
    await expect.poll(() => shadowText(page, '.note')).toBe('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('Error: Error at meta:enum of property ECID. The meta:enum can not be empty.');
    expect(copied).toContain('Organization: acme');
    expect(copied).toContain('Sandbox: dev');
    expect(copied).toContain('Article: KA-21767');
    expect(copied).toMatch(/Time: \d{4}-\d\d-\d\dT/);
    await page.close();
  });

  it('"Don’t show again" mutes the article everywhere', async () => {
    const page = await current().open('https://bank.demdex.com/aam/swagger.html');
    await page.click('#execute');
    await waitForTip(page, 'KA-20057');
    await page.click('xc-troubleshooter >> [data-article-id="KA-20057"] button', { hasText: 'show again' });
    expect(await tipIds(page)).toEqual([]);
    const again = await current().open('https://bank.demdex.com/aam/swagger.html');
    await again.click('#execute');
    await proveRead(again);
    expect(await tipIds(again)).toEqual(['KA-17836']);
    const muted = await current().ext(async () => ((await chrome.storage.sync.get('options')).options as { muted: string[] }).muted);
    expect(muted).toEqual(['KA-20057']);
    await page.close();
    await again.close();
  });
});

describe('several errors', () => {
  it('stack: the second tip docks instead of covering the first', async () => {
    const page = await current().open('https://experience.adobe.com/stress/busy.html?busy=0');
    await page.evaluate(() => {
      const w = window as unknown as { showError(text?: string): number };
      w.showError();
      w.showError('Access to this trait has been revoked');
    });
    await waitForTip(page, 'KA-21790');
    await waitForTip(page, 'KA-17836');
    const boxes = await page.evaluate(() =>
      [...document.querySelector('xc-troubleshooter')!.shadowRoot!.querySelectorAll('[data-article-id]')].map((el) => {
        const r = el.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, docked: !!el.closest('.stack') };
      }),
    );
    expect(boxes).toHaveLength(2);
    const [a, b] = boxes;
    const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    expect(overlap).toBe(false);
    expect(boxes.filter((box) => box.docked)).toHaveLength(1);
    await page.close();
  });
});

describe('robustness', () => {
  it('a hostile page with a strict CSP, broken globals and 10 MB of text keeps working, and so do tips', async () => {
    const page = await current().open('https://experience.adobe.com/stress/hostile.html');
    const before = await page.evaluate(() => Number(document.getElementById('counter')!.textContent));
    await page.evaluate(() => (window as unknown as { showError(): void }).showError());
    await waitForTip(page, 'KA-17836', 10_000);
    // the page's own timer keeps ticking
    await page.waitForFunction((was) => Number(document.getElementById('counter')!.textContent) > was, before);
    // the tip's styles apply despite style-src 'none'
    const width = await page.evaluate(() => document.querySelector('xc-troubleshooter')!.shadowRoot!.querySelector('.tip')!.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(300);
    await page.close();
  });

  it('reading a 10 MB page once does not count against the budget: a plain-text error right after still gets its tip', async () => {
    const page = await current().open('https://experience.adobe.com/stress/big-page.html');
    await proveRead(page); // the 10 MB page has been read
    await page.click('#execute');
    await waitForTip(page, 'KA-20057');
    await page.close();
  });
});
