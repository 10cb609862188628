import { describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { tabIdOf, tipIds, waitForTip, type WorkerChrome } from './harness';
import { sessionPerFile } from './session';

/**
 * Pages that attack the extension: they press the tip's buttons from script, make their address huge,
 * break the prototypes our page-world script could lean on, carry broken escapes, and (through a content
 * script's own messaging) ask the worker for what is not theirs. The person must come to no harm.
 */

const current = sessionPerFile();

const SHELL = 'https://experience.adobe.com/';
const TRAITS = 'https://bank.demdex.com/aam/traits-toast.html?toastMs=100000';

interface SessionStore {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}
type Chrome = WorkerChrome & { storage: { session: SessionStore } };

async function waitFor<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeout = 5000): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`${what}: still ${JSON.stringify(value)?.slice(0, 300)} after ${timeout} ms`);
    await new Promise((done) => setTimeout(done, 25));
  }
}

async function badge(tabId: number): Promise<string> {
  return current().worker.evaluate((id) => (globalThis as unknown as { chrome: Chrome }).chrome.action.getBadgeText({ tabId: id }), tabId);
}

async function mutedIds(): Promise<string[]> {
  return current().worker.evaluate(async () => {
    const stored = await (globalThis as unknown as { chrome: { storage: { sync: SessionStore } } }).chrome.storage.sync.get('options');
    return (stored.options as { muted?: string[] } | undefined)?.muted ?? [];
  });
}

const tipButton = (page: Page, id: string, name: string) => page.locator(`xc-troubleshooter [data-article-id="${id}"] button`, { hasText: name });

describe('only a person acts on a tip', () => {
  it('a page script pressing the buttons opens no tab and mutes, copies and closes nothing; a click and a key press do', async () => {
    const page = await current().open(TRAITS);
    await page.click('#delete');
    await waitForTip(page, 'KA-21790');
    const pagesBefore = current().context.pages().length;
    // the shadow root is open: the page reaches the buttons and clicks them, twenty times over
    const pressed = await page.evaluate(() => {
      const tip = document.querySelector('xc-troubleshooter')!.shadowRoot!.querySelector('[data-article-id="KA-21790"]')!;
      const buttons = [...tip.querySelectorAll('button')];
      for (let i = 0; i < 20; i++) for (const button of buttons) button.click();
      return buttons.map((b) => b.textContent?.trim());
    });
    expect(pressed).toEqual(['×', 'Open article', 'Copy details', 'Don’t show again']);
    // a person's click: the reader opens, once; by the time it has, anything the page's clicks set off has too
    const reader = current().context.waitForEvent('page');
    await tipButton(page, 'KA-21790', 'Open article').click();
    await (await reader).waitForLoadState('domcontentloaded');
    expect((await reader).url()).toContain('?article=KA-21790');
    expect(current().context.pages().length).toBe(pagesBefore + 1);
    expect(await tipIds(page)).toEqual(['KA-21790']);
    expect(await mutedIds()).toEqual([]);
    expect(await page.evaluate(() => document.querySelector('xc-troubleshooter')!.shadowRoot!.querySelector('.note'))).toBeNull();
    await (await reader).close();
    // a person's key press on a focused button is trusted too
    await tipButton(page, 'KA-21790', 'show again').focus();
    await page.keyboard.press('Enter');
    await waitFor('muted articles', mutedIds, (ids) => ids.length > 0);
    expect(await mutedIds()).toEqual(['KA-21790']);
    expect(await tipIds(page)).toEqual([]);
        await page.close();
  });
});

describe('a long address', () => {
  it('costs the page no long task, and only its bounded start is kept for the tab', async () => {
    const route = `#/@acme/${'target/'.repeat(14_000)}`; // 98 KB, with "target" and never "audiences"
    const page = await current().open(`${SHELL}stress/long-address.html${route}`);
    await page.evaluate(() => (window as unknown as { showError(): void }).showError());
    await waitForTip(page, 'KA-17836'); // the page was read, its page-context text included
    // the glob `*target*audiences*` against this address took over a second as a regular expression
    expect(await page.evaluate(() => (window as unknown as { longestGap: number }).longestGap)).toBeLessThan(500);
    const kept = await waitFor(
      'the tab record',
      () =>
        current().worker.evaluate(async () => {
          const all = await (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.get(null);
          const record = Object.values(all).find((r) => (r as { url?: string }).url?.startsWith('https://experience.adobe.com/stress/long-address.html')) as { url: string; items: { id: string }[] } | undefined;
          return record && { length: record.url.length, items: record.items.map((i) => i.id) };
        }),
      (record) => !!record?.items.includes('KA-17836'),
    );
    expect(kept?.length).toBe(8192);
    await page.close();
  });
});

describe('session storage', () => {
  it('a tab record of the wrong shape is repaired, and the next error still gets its badge', async () => {
    const page = await current().open(TRAITS);
    const tabId = await waitFor('the tab id', () => tabIdOf(current(), page).catch(() => -1), (id) => id >= 0);
    await current().worker.evaluate((id) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.set({ [`tab:${id}`]: { url: 42, items: 'junk', documentId: { evil: true } } }), tabId);
    await page.click('#delete');
    await waitForTip(page, 'KA-21790');
    expect(await waitFor('the badge', () => badge(tabId), (text) => text !== '')).toBe('1');
    const record = await current().worker.evaluate(async (id) => (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.get(`tab:${id}`))[`tab:${id}`], tabId);
    expect(record).toMatchObject({ url: '', items: [{ id: 'KA-21790', kind: 'error' }] });
    expect((record as { documentId?: unknown }).documentId).toBeUndefined();
    await page.close();
  });

  it('when it is full, the oldest tabs give way and the new error is still counted', async () => {
    const page = await current().open(TRAITS);
    const tabId = await waitFor('the tab id', () => tabIdOf(current(), page).catch(() => -1), (id) => id >= 0);
    // other tabs' records, written until storage refuses more (the browsers' quota is 10 MB): 1 MB each, then
    // smaller ones into what is left, so that not even the new error fits
    const filled = await current().worker.evaluate(async () => {
      const { session: store } = (globalThis as unknown as { chrome: Chrome }).chrome.storage;
      const keys: string[] = [];
      let full = false;
      for (const size of [1024 * 1024, 64 * 1024, 4096, 256, 16]) {
        for (let i = 0; i < 64; i++) {
          const key = `tab:${900_000 + keys.length}`;
          try {
            await store.set({ [key]: { url: 'x'.repeat(size), items: [], touched: keys.length + 1 } });
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
      expect(await waitFor('the badge', () => badge(tabId), (text) => text !== '')).toBe('1');
      const left = await current().worker.evaluate(async (keys) => Object.keys(await (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.get(keys)), filled.keys);
      // the least recently written record gave way, and only as many as the write needed
      expect(left).toEqual(filled.keys.slice(1));
    } finally {
      await current().worker.evaluate((keys) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.remove(keys), filled.keys);
      await page.close();
    }
  });
});

describe('the page-world script', () => {
  it('with the page’s prototypes broken, the page’s own attachShadow works and open roots are still announced', async () => {
    const page = await current().open(`${SHELL}stress/broken-prototypes.html`);
    // the page's own button runs its code: scripts evaluated in the page would meet its broken prototypes too
    await page.click('#show');
    await page.locator('xc-troubleshooter [data-article-id="KA-17836"]').waitFor({ timeout: 5000 });
    expect(await page.locator('#attached').textContent()).toBe('closed open');
    expect(await page.locator('#announced').textContent()).toBe('1');
    await page.close();
  });
});

describe('copy details', () => {
  it('an address with a broken percent escape still gives "Copied" or "Copy failed"', async () => {
    const page = await current().open(`${SHELL}?fixture=aep/sources-dialog#/@acme%E0%A4%A/sname:prod%E0%A4%A/platform/source/catalog`);
    await page.click('#connect');
    const tip = page.locator('dialog xc-troubleshooter [data-article-id="KA-19525"]');
    await tip.locator('button', { hasText: 'Copy details' }).click();
    await expect.poll(() => tip.locator('.note').textContent({ timeout: 200 }).catch(() => null), { timeout: 5000 }).toMatch(/^(Copied|Copy failed)$/);
    await page.close();
  });
});

/**
 * What a content script may ask the worker. The messages are sent from our content script's own context
 * (its isolated world, reached through the DevTools protocol), as a page that subverted it would.
 * Chromium only: Firefox's drivers cannot reach a content script's world; the same checks are the worker's
 * code for both browsers, and their rules are tested in Node (test/unit/messages.test.ts).
 */
describe('the worker trusts no message', () => {
  async function contentScriptOf(page: Page): Promise<{ cdp: CDPSession; ask(message: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> }> {
    const cdp = await current().context.newCDPSession(page);
    const worlds: { id: number; name: string; auxData?: { frameId?: string; type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const world = await waitFor(
      'the content script world',
      async () => worlds.find((w) => w.name === 'XC Troubleshooter' && w.auxData?.type === 'isolated' && w.auxData.frameId === frameTree.frame.id),
      (w) => w !== undefined,
    );
    return {
      cdp,
      async ask(message) {
        const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
          expression: `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
          contextId: world!.id,
          awaitPromise: true,
          returnByValue: true,
        });
        if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
        return result.value as { ok: boolean; value?: unknown; error?: string };
      },
    };
  }

  it('answers a content script about its own tab only, refuses oversized and unknown payloads, and limits opening tabs', async () => {
    const victim = await current().open(TRAITS);
    await victim.click('#delete');
    await waitForTip(victim, 'KA-21790');
    const victimTab = await tabIdOf(current(), victim);
    const attacker = await current().open(`${SHELL}?fixture=target/shared-segments#/@acme/target/activities`);
    const attackerTab = await waitFor('the tab id', () => tabIdOf(current(), attacker).catch(() => -1), (id) => id >= 0);
    const { cdp, ask } = await contentScriptOf(attacker);

    const stolen = await ask({ xc: 'tab:state', payload: { tabId: victimTab } });
    expect(stolen).toEqual({ ok: false, error: 'tab:state: a content script may only ask about its own tab' });
    expect(await ask({ xc: 'tab:state', payload: { tabId: attackerTab } })).toMatchObject({ ok: true, value: { url: attacker.url() } });

    const huge = await ask({ xc: 'page:seen', payload: { id: 'KA-21790', kind: 'error', text: 'x'.repeat(1024 * 1024) } });
    expect(huge).toMatchObject({ ok: false, error: expect.stringMatching(/^page:seen: "text" must be absent or a string of at most 500 characters/) });
    expect(await ask({ xc: 'page:seen', payload: { id: 'KA-21790', kind: 'worm' } })).toMatchObject({ ok: false, error: 'page:seen: "kind" must be one of error, context' });
    const longHello = await ask({ xc: 'frame:hello', payload: { url: `${SHELL}#/${'x'.repeat(3 * 1024 * 1024)}`, top: true, document: 'd' } });
    expect(longHello).toMatchObject({ ok: false, error: expect.stringMatching(/^frame:hello: "url" must be a string of at most 8192 characters/) });
    const record = await current().worker.evaluate(async (id) => (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.get(`tab:${id}`))[`tab:${id}`], attackerTab);
    expect(record).toMatchObject({ url: attacker.url(), items: [] });

    // twenty requests to open an article: a few tabs at most, the rest refused with a reason
    const pagesBefore = current().context.pages().length;
    const opens = [];
    for (let i = 0; i < 20; i++) opens.push(await ask({ xc: 'article:open', payload: { id: 'KA-21790' } }));
    expect(opens.filter((r) => r.ok)).toHaveLength(3);
    expect(opens.filter((r) => !r.ok).map((r) => r.error)).toEqual(Array(17).fill('article:open: too many requests from this tab; try again shortly'));
    await waitFor('the readers', async () => current().context.pages().length, (n) => n === pagesBefore + 3);
    for (const reader of current().context.pages().filter((p) => p.url().includes('?article='))) await reader.close();

    await cdp.detach();
    await attacker.close();
    await victim.close();
  });
});
