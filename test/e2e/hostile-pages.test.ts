import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { MESSAGES } from '../../src/shared/message-shapes';
import { MAX_ADDRESS } from '../../src/shared/page-context';
import { MAX_ITEM_TEXT } from '../../src/shared/tab-records';
import { ROOT } from '../paths';
import { launchChromium, type ChromiumSession } from './drivers/chromium';
import { BROWSER, SHELL, tabIdOf, tipIds, until, waitForTip, type TestPage } from './harness';
import { PROOF, sessionPerFile } from './session';

/**
 * Pages that attack the extension: they press the tip's buttons from script, make their address huge,
 * break the prototypes our page-world script could lean on, carry broken escapes, and (through a content
 * script's own messaging) ask the worker for what is not theirs. The person must come to no harm.
 */

declare const chrome: Browser;

const current = sessionPerFile();

let opened = 0;
/** The toast page at an address of its own, so a test that finds its tab by address finds no other test's. */
const traits = () => `https://bank.demdex.com/aam/traits-toast.html?toastMs=100000&n=${++opened}`;
const tip = (id: string) => `xc-troubleshooter >> [data-article-id="${id}"]`;

async function badge(tabId: number): Promise<string> {
  return current().ext((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

async function mutedIds(): Promise<string[]> {
  return current().ext(async () => ((await chrome.storage.sync.get('options')).options as { muted?: string[] } | undefined)?.muted ?? []);
}

async function tabIds(): Promise<number[]> {
  return current().ext(async () => (await chrome.tabs.query({})).map((t) => t.id ?? -1));
}

async function tabOf(page: TestPage): Promise<number> {
  return until(() => tabIdOf(current(), page).catch(() => undefined), 5000, `a tab record for ${page.url()}`);
}

describe('only a person acts on a tip', () => {
  it('a page script pressing the buttons opens no tab and mutes, copies and closes nothing; a click and a key press do', async () => {
    const page = await current().open(traits());
    await page.click('#delete');
    await waitForTip(page, 'KA-21790');
    const tabsBefore = await tabIds();
    // the shadow root is open: the page reaches the buttons and clicks them, twenty times over
    const pressed = await page.evaluate(() => {
      const shown = document.querySelector('xc-troubleshooter')!.shadowRoot!.querySelector('[data-article-id="KA-21790"]')!;
      const buttons = [...shown.querySelectorAll('button')];
      for (let i = 0; i < 20; i++) for (const button of buttons) button.click();
      return buttons.map((b) => b.textContent?.trim());
    });
    expect(pressed).toEqual(['×', 'Yes', 'No', 'Open article', 'Copy details', 'Don’t show again']);
    // "Did this help?" is still asked: the page's clicks answered nothing
    expect(await page.count(`${tip('KA-21790')} button[data-feedback]`)).toBe(2);
    // a person's clicks act: the note shows they were handled after the page's
    await page.click(`${tip('KA-21790')} button`, { hasText: 'Copy details' });
    expect(await page.textContent(`${tip('KA-21790')} .note`)).toMatch(/^(Copied|Copy failed)$/);
    await page.click(`${tip('KA-21790')} button`, { hasText: 'Open article' });
    const opened = await until(async () => {
      const fresh = (await tabIds()).filter((id) => !tabsBefore.includes(id));
      return fresh.length > 0 ? fresh : null; // an empty list is no tab yet
    }, 5000, 'the reader tab');
    await until(() => current().ext(async (id) => (await chrome.tabs.get(id)).status === 'complete', opened[0]), 5000, 'the reader to load');
    // by the time the person's reader has loaded, whatever the page's clicks had set off would have too
    expect((await tabIds()).filter((id) => !tabsBefore.includes(id))).toEqual(opened);
    expect(opened).toHaveLength(1);
    expect(await tipIds(page)).toEqual(['KA-21790']);
    expect(await mutedIds()).toEqual([]);
    await current().ext((ids) => chrome.tabs.remove(ids), opened);
    // a person's key press on a focused button is trusted too
    await page.focus(`${tip('KA-21790')} button`, { hasText: 'show again' });
    await page.press('Enter');
    await until(async () => (await mutedIds()).length > 0, 5000, 'the article to be muted');
    expect(await mutedIds()).toEqual(['KA-21790']);
    expect(await tipIds(page)).toEqual([]);
    await page.close();
  });
});

describe('a long address', () => {
  it('never holds the page up for half a second, and only its bounded start is kept for the tab', async () => {
    const route = `#/@acme/${'target/'.repeat(14_000)}`; // 98 KB, with "target" and never "audiences"
    const page = await current().open(`${SHELL}stress/long-address.html${route}`);
    // a toast that also names the page context: by the time its tip shows, the context text has been
    // judged against the address with the glob `*target*audiences*`, which took seconds as a regular expression
    await page.evaluate(() => (window as unknown as { showError(): void }).showError());
    await waitForTip(page, 'KA-17836');
    expect(await page.evaluate(() => (window as unknown as { longestGap: number }).longestGap)).toBeLessThan(500);
    const kept = await until(
      () =>
        current().ext(async () => {
          const all = await chrome.storage.session.get(null);
          const record = Object.values(all).find((r) => (r as { url?: string }).url?.startsWith('https://experience.adobe.com/stress/long-address.html')) as { url: string; items: { id: string }[] } | undefined;
          return record?.items.some((i) => i.id === 'KA-17836') && record.url.length;
        }),
      5000,
      'the tab record with the error',
    );
    expect(kept).toBe(MAX_ADDRESS);
    await page.close();
  });
});

describe('session storage', () => {
  it('a tab record of the wrong shape is repaired, and the next error still gets its badge', async () => {
    const page = await current().open(traits());
    const tabId = await tabOf(page);
    await current().ext((id) => chrome.storage.session.set({ [`tab:${id}`]: { url: 42, items: 'junk', documentId: { evil: true } } }), tabId);
    await page.click('#delete');
    await waitForTip(page, 'KA-21790');
    expect(await until(() => badge(tabId), 5000, 'the badge')).toBe('1');
    const record = await current().ext(async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`], tabId);
    expect(record).toMatchObject({ url: '', items: [{ id: 'KA-21790', kind: 'error' }] });
    expect((record as { documentId?: unknown }).documentId).toBeUndefined();
    await page.close();
  });

  it('when it is full, the oldest tabs give way and the new error is still counted', async () => {
    const page = await current().open(traits());
    const tabId = await tabOf(page);
    // other tabs' records, written until storage refuses more (its quota is 10 MB): 1 MB each, then smaller
    // ones into what is left, so that not even the new error fits
    const filled = await current().ext(async () => {
      const keys: string[] = [];
      let full = false;
      for (const size of [1024 * 1024, 64 * 1024, 4096, 256, 16]) {
        for (let i = 0; i < 64; i++) {
          const key = `tab:${900_000 + keys.length}`;
          try {
            await chrome.storage.session.set({ [key]: { url: 'x'.repeat(size), items: [], touched: keys.length + 1 } });
            keys.push(key);
          } catch {
            full = true;
            break;
          }
        }
      }
      return { keys, full };
    });
    try {
      expect(filled.full).toBe(true);
      await page.click('#delete');
      await waitForTip(page, 'KA-21790');
      expect(await until(() => badge(tabId), 5000, 'the badge')).toBe('1');
      const left = await current().ext(async (keys) => Object.keys(await chrome.storage.session.get(keys)), filled.keys);
      // the least recently written record gave way, and only as many as the write needed
      expect(left).toEqual(filled.keys.slice(1));
    } finally {
      await current().ext((keys) => chrome.storage.session.remove(keys), filled.keys);
      await page.close();
    }
  });
});

describe('the page-world script', () => {
  it('with the page’s prototypes broken, the page’s own attachShadow works and open roots are still announced', async () => {
    const page = await current().open(`${SHELL}stress/broken-prototypes.html`);
    await page.click('#show');
    await waitForTip(page, 'KA-17836');
    expect(await page.textContent('#attached')).toBe('closed open');
    expect(await page.textContent('#announced')).toBe('1');
    await page.close();
  });
});

describe('copy details', () => {
  it('an address with a broken percent escape still gives "Copied" or "Copy failed"', async () => {
    const page = await current().open(`${SHELL}?fixture=aep/sources-dialog#/@acme%E0%A4%A/sname:prod%E0%A4%A/platform/source/catalog`);
    await page.click('#connect');
    await waitForTip(page, 'KA-19525');
    await page.click(`${tip('KA-19525')} button`, { hasText: 'Copy details' });
    expect(await page.textContent(`${tip('KA-19525')} .note`)).toMatch(/^(Copied|Copy failed)$/);
    await page.close();
  });
});

describe('messages from the worker', () => {
  it('still reach the tab’s frames: a frame learns the tab’s new address, and an error scoped to it counts there', async () => {
    const page = await current().open(`${SHELL}?fixture=analytics/shell#/@acme/analytics/workspace`);
    const inner = await until(async () => page.frames().find((f) => f.url().includes('experience.adobe.net')), 5000, 'the product frame');
    const toast = (text: string) =>
      inner.evaluate((message) => {
        const note = document.createElement('div');
        note.setAttribute('role', 'alert');
        note.textContent = message;
        document.body.append(note);
      }, text);
    // scoped to Target pages: in the Analytics frame of an Analytics page it does not count
    await toast('Unable to Sync the Activity');
    await toast(PROOF.text);
    await waitForTip(inner, PROOF.id);
    expect(await tipIds(inner)).toEqual([PROOF.id]);
    // the shell moves to Target; the worker tells the tab's frames, the product frame's address stays
    await page.evaluate(() => void (location.hash = '#/@acme/target/activities'));
    // the frame hears of it in its own time (the worker writes the tab's record first): the error is shown
    // again every 300 ms until it counts; a loaded machine has taken over 5 s
    await until(async () => {
      await toast('Unable to Sync the Activity');
      await new Promise((done) => setTimeout(done, 300));
      return (await tipIds(inner)).includes('KA-13956');
    }, 15_000, 'the scoped error to count in the frame');
    await page.close();
  });
});

/**
 * What a content script may ask the worker. The messages are sent from our content script's own context
 * (its isolated world, reached through the DevTools protocol), as a page that had subverted it would.
 * Chromium only, in a browser of its own: neither driver of Firefox reaches a content script's world. The
 * worker's checks are the same code in both browsers, and their rules are tested in Node as well
 * (test/unit/messages.test.ts).
 */
if (BROWSER === 'chromium') {
  describe('the worker trusts no message', () => {
    let chromium: ChromiumSession;
    beforeAll(async () => {
      chromium = await launchChromium({ extension: join(ROOT, 'dist/chrome') });
    });
    afterAll(async () => {
      await chromium?.close();
    });

    const pageTab = (page: Page) =>
      until(
        () => chromium.ext(async (url) => Object.entries(await chrome.storage.session.get(null)).find(([, r]) => (r as { url?: string }).url === url)?.[0].slice(4), page.url()),
        5000,
        `a tab record for ${page.url()}`,
      ).then(Number);

    /** The content script of a page's top frame, or of its first frame whose address has `frameUrl` in it. */
    async function contentScriptOf(page: Page, frameUrl?: string): Promise<{ cdp: CDPSession; ask(message: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> }> {
      const frame = frameUrl ? page.frames().find((f) => f.url().includes(frameUrl)) : page.mainFrame();
      if (!frame) throw new Error(`no frame at ${frameUrl}`);
      // a cross-origin frame runs in a process of its own: its worlds are reached through a session of its own
      const cdp = await chromium.context.newCDPSession(frame === page.mainFrame() ? page : frame);
      const worlds: { id: number; name: string; auxData?: { frameId?: string; type?: string } }[] = [];
      cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
      await cdp.send('Runtime.enable');
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const world = await until(async () => worlds.find((w) => w.name === 'XC Troubleshooter' && w.auxData?.type === 'isolated' && w.auxData.frameId === frameTree.frame.id), 5000, 'the content script world');
      return {
        cdp,
        async ask(message) {
          const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`, contextId: world.id, awaitPromise: true, returnByValue: true });
          if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
          return result.value as { ok: boolean; value?: unknown; error?: string };
        },
      };
    }

    it('answers a content script about its own tab only, refuses oversized and unknown payloads, and limits opening tabs', async () => {
      const victim = await chromium.open(traits());
      await victim.click('#delete');
      await waitForTip(victim, 'KA-21790');
      const victimTab = await pageTab(victim);
      const attacker = await chromium.open(`${SHELL}?fixture=target/shared-segments#/@acme/target/activities`);
      const attackerTab = await pageTab(attacker);
      const { cdp, ask } = await contentScriptOf(attacker);

      expect(await ask({ xc: 'tab:state', payload: { tabId: victimTab } })).toEqual({ ok: false, error: 'tab:state: a content script may only ask about its own tab' });
      expect(await ask({ xc: 'tab:state', payload: { tabId: attackerTab } })).toMatchObject({ ok: true, value: { url: attacker.url() } });

      const huge = await ask({ xc: 'page:seen', payload: { id: 'KA-21790', kind: 'error', text: 'x'.repeat(1024 * 1024) } });
      expect(huge).toMatchObject({ ok: false, error: expect.stringMatching(new RegExp(`^page:seen: "text" must be absent or a string of at most ${MAX_ITEM_TEXT} characters`)) });
      expect(await ask({ xc: 'page:seen', payload: { id: 'KA-21790', kind: 'worm' } })).toEqual({ ok: false, error: 'page:seen: "kind" must be one of error, context' });
      const longHello = await ask({ xc: 'frame:hello', payload: { url: `${SHELL}#/${'x'.repeat(3 * 1024 * 1024)}`, top: true, document: 'd' } });
      expect(longHello).toMatchObject({ ok: false, error: expect.stringMatching(new RegExp(`^frame:hello: "url" must be a string of at most ${MAX_ADDRESS} characters`)) });
      const record = await chromium.ext(async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`], attackerTab);
      expect(record).toMatchObject({ url: attacker.url(), items: [] });

      // twenty requests to open an article: a few tabs at most, the rest refused with a reason
      const pagesBefore = chromium.context.pages().length;
      const opens = [];
      for (let i = 0; i < 20; i++) opens.push(await ask({ xc: 'article:open', payload: { id: 'KA-21790' } }));
      const { burst } = MESSAGES['article:open'].rate;
      expect(opens.filter((r) => r.ok)).toHaveLength(burst);
      expect(opens.filter((r) => !r.ok).map((r) => r.error)).toEqual(Array(20 - burst).fill('article:open: too many requests from this tab; try again shortly'));
      await until(() => chromium.context.pages().length === pagesBefore + burst, 5000, 'a reader per allowed request');
      expect(chromium.blocked).toEqual([]);

      await cdp.detach();
    });

    it('lets no content script speak to the popup as the worker', async () => {
      const host = await chromium.open('https://bank.demdex.com/aam/swagger.html');
      const tabId = await pageTab(host);
      const popup = await chromium.open(`chrome-extension://${chromium.extensionId}/src/popup/index.html?tab=${tabId}`);
      await popup.waitForSelector('.empty, .list');
      const { cdp, ask } = await contentScriptOf(host);
      // a forged list for the popup's tab: refused by the popup (the worker does not handle this message)
      const forged = { tabId, state: { url: host.url(), items: [{ id: 'KA-21790', kind: 'error', seenAt: Date.now(), text: 'forged' }] } };
      expect(await ask({ xc: 'tab:changed', payload: forged })).toEqual({ ok: false, error: "tab:changed: only the extension's own pages may send this" });
      // the popup still follows the worker: a real error joins the list, the forged one never did
      await host.bringToFront();
      await host.click('#execute');
      await waitForTip(host, 'KA-20057');
      await popup.waitForSelector('.list [data-article-id="KA-20057"]');
      expect(await popup.locator('.list [data-article-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-article-id')))).toEqual(['KA-20057']);
      await cdp.detach();
      await popup.close();
      await host.close();
    });

    it('lets no frame speak as the top frame of its tab', async () => {
      const page = await chromium.open(`${SHELL}?fixture=analytics/shell#/@acme/analytics/workspace`);
      const tabId = await pageTab(page);
      await until(() => page.frames().find((f) => f.url().includes('experience.adobe.net')), 5000, 'the product frame');
      const { cdp, ask } = await contentScriptOf(page, 'experience.adobe.net');
      const claim = await ask({ xc: 'frame:hello', payload: { url: 'https://experience.adobe.com/#/@evil/elsewhere', top: true, document: 'forged' } });
      expect(claim.ok).toBe(false);
      expect(claim.error).toMatch(/^frame:hello: frame \d+ says it is the top frame$/);
      expect(await ask({ xc: 'frame:hello', payload: { url: 'https://acme.experience.adobe.net/', top: false, document: 'forged' } })).toEqual({ ok: true, value: { topUrl: page.url() } });
      const record = await chromium.ext(async (id) => (await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`], tabId);
      expect(record).toMatchObject({ url: page.url() });
      await cdp.detach();
      await page.close();
    });
  });
}
