import { beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { BROWSER, tabIdOf, tipIds, until, waitForTip, type Session, type TestPage } from './harness';
import { PROOF, proveRead, sessionPerFile } from './session';

/**
 * Tips for people who use a keyboard or a screen reader: the shortcut that brings the focus to the newest
 * tip, Escape that gives it back, every control with Enter and Space, a focus ring in both themes, the
 * title announced once; and reduced motion and forced colours on every surface. No driver can press an
 * extension's shortcut, so the tests call the worker's own command handler (`xcCommands`, the one the
 * browser calls), which sends the tab the same message.
 */

declare const chrome: Browser;

const current = sessionPerFile();
let session: Session;
beforeEach(async () => {
  session = current();
  await session.ext(() => chrome.storage.local.clear());
});

/** Presses the tip shortcut for the tab showing `page`, as the browser would: through the worker's handler. */
async function pressShortcut(page: TestPage): Promise<boolean> {
  const tabId = await until(() => tabIdOf(session, page).catch(() => undefined), 5000, 'the tab record');
  return session.ext(async (id) => {
    const own = (globalThis as unknown as { xcCommands?: object }).xcCommands;
    const scope = own ? globalThis : await (chrome.runtime as unknown as { getBackgroundPage(): Promise<object> }).getBackgroundPage();
    const commands = (scope as unknown as { xcCommands: { onCommand(name: string, tab: { id: number }): Promise<boolean> } }).xcCommands;
    return commands.onCommand('focus-tip', { id });
  }, tabId);
}

/** What has the focus, through the tip's shadow root: the tip's article id and the control's text, or the page's element id. */
function focused(page: TestPage): Promise<{ tip?: string; control?: string; id?: string }> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return {};
    const tip = el.closest('[data-article-id]');
    if (tip && el.getRootNode() !== document) return { tip: tip.getAttribute('data-article-id') ?? '', control: el === tip ? 'tip' : (el.textContent ?? '').trim() };
    return { id: el.id };
  });
}

const TOAST = 'https://bank.demdex.com/aam/traits-toast.html?toastMs=60000';
const tip = (id: string) => `xc-troubleshooter >> [data-article-id="${id}"]`;

async function toastTip(url = TOAST): Promise<TestPage> {
  const page = await session.open(url);
  await page.bringToFront();
  await page.click('#delete');
  await waitForTip(page, 'KA-21790');
  return page;
}

describe('the tip shortcut', () => {
  it('moves the focus to the newest tip; Escape gives it back', async () => {
    const page = await toastTip();
    await proveRead(page); // a second, newer tip
    expect(await focused(page)).toEqual({ id: 'delete' });
    expect(await pressShortcut(page)).toBe(true);
    expect(await focused(page)).toEqual({ tip: PROOF.id, control: 'tip' });
    // Tab goes on through the tip's controls
    await page.press('Tab');
    expect(await focused(page)).toMatchObject({ tip: PROOF.id, control: '×' });
    await page.press('Escape');
    expect(await focused(page)).toEqual({ id: 'delete' });
    await page.close();
  });

  it('the message the handler sends, sent as it is by the extension, does the same', async () => {
    const page = await toastTip();
    const tabId = await tabIdOf(session, page);
    const reply = await session.ext((id) => chrome.tabs.sendMessage(id, { xc: 'tip:focus', payload: {} }), tabId);
    expect(reply).toEqual({ ok: true, value: { focused: true } });
    expect(await focused(page)).toEqual({ tip: 'KA-21790', control: 'tip' });
    await page.close();
  });

  it('does nothing on a page without tips', async () => {
    const page = await session.open('https://bank.demdex.com/aam/swagger.html');
    await page.focus('#execute');
    expect(await pressShortcut(page)).toBe(false);
    expect(await focused(page)).toEqual({ id: 'execute' });
    await page.close();
  });

  it('reaches a tip inside a modal dialog, and a tip in a frame', async () => {
    const page = await session.open('https://bank.demdex.com/aam/trait-delete-dialog.html');
    await page.bringToFront();
    await page.click('#delete');
    await page.waitForFunction(() => !!document.querySelector('dialog[open] xc-troubleshooter')?.shadowRoot?.querySelector('[data-article-id="KA-21790"]'));
    expect(await pressShortcut(page)).toBe(true);
    expect(await focused(page)).toEqual({ tip: 'KA-21790', control: 'tip' });
    await page.press('Escape');
    expect(await focused(page)).toEqual({ id: 'cancel' }); // where showModal() had put it
    expect(await page.evaluate(() => (document.getElementById('confirm') as HTMLDialogElement).open)).toBe(true);
    await page.close();

    const shell = await session.open('https://experience.adobe.com/?fixture=analytics/shell#/@acme/analytics/workspace');
    await shell.bringToFront();
    const inner = shell.frames().find((f) => f.url().includes('experience.adobe.net'))!;
    await inner.evaluate(() => new Promise((done) => (document.readyState === 'complete' ? done(null) : addEventListener('load', () => done(null)))));
    // the shell's notification frame shows a tip of its own as it loads: the framed app's tip, shown after
    // it, is the newest
    const notices = shell.frames().find((f) => f.url() === 'about:srcdoc')!;
    await until(async () => (await tipIds(notices)).length > 0, 5000, "the notification frame's tip");
    await inner.evaluate(() => (document.querySelector('#run') as HTMLButtonElement).click());
    await waitForTip(inner, 'KA-21705');
    expect(await pressShortcut(shell)).toBe(true);
    await until(() => inner.evaluate(() => document.activeElement?.tagName === 'XC-TROUBLESHOOTER' && document.hasFocus()), 2000, 'the framed tip to have the focus');
    await shell.close();
  });
});

describe('the shortcuts shown', () => {
  it('the popup and the options page show the keys the browser has bound, and where to change them', async () => {
    const bound = await session.ext(async () => Object.fromEntries((await chrome.commands.getAll()).map((c) => [c.name ?? '', c.shortcut ?? ''])));
    // the suggested keys, given to the extension at install in both browsers
    expect(bound['focus-tip']).toBe('Alt+Shift+J');

    const popup = await session.extensionPage('src/popup/index.html?tab=987654', { viewport: { width: 400, height: 560 } });
    await popup.waitForSelector('.tip-keys kbd');
    expect(await popup.texts('.tip-keys kbd')).toEqual(['Alt', 'Shift', 'J', 'Esc']);
    expect(await popup.textContent('.tip-keys')).toContain('goes to its newest tip');
    // while searching, the line gives way to the results
    await popup.fill('input[type=search]', 'segment');
    await popup.waitForSelector('.tip-keys', { state: 'detached' });
    await popup.close();

    const options = await session.extensionPage('src/options/index.html');
    await options.waitForSelector('[data-command="focus-tip"] kbd');
    expect(await options.texts('[data-command="focus-tip"] kbd')).toEqual(['Alt', 'Shift', 'J']);
    const open = bound._execute_action;
    expect(await options.textContent('[data-command="_execute_action"] .shortcut-keys')).toBe(open ? open.split('+').join('') : 'Not set');
    expect(await options.textContent('.shortcut-help')).toContain(BROWSER === 'firefox' ? 'about:addons, the gear menu, Manage Extension Shortcuts' : 'chrome://extensions/shortcuts');
    await options.close();
  });
});

describe('tip controls with Enter and Space', () => {
  it('copy, answer, request, open, close and mute, each from the keyboard', async () => {
    const page = await toastTip('https://bank.demdex.com/aam/traits-toast.html?toastMs=60000&org=acme');
    expect(await pressShortcut(page)).toBe(true);
    const press = async (text: string, key: string, scope = tip('KA-21790')) => {
      await page.focus(`${scope} button`, { hasText: text });
      await page.press(key);
    };
    await press('Copy details', ' ');
    await page.waitForSelector(`${tip('KA-21790')} .note`, { hasText: 'Copied' });
    await press('No', 'Enter');
    await page.waitForSelector(`${tip('KA-21790')} .feedback-said`, { hasText: 'Other articles' });
    await press('Copy a request', ' ');
    await page.waitForSelector(`${tip('KA-21790')} .feedback-text`);
    await press('Cancel', 'Enter');
    await page.waitForSelector(`${tip('KA-21790')} [data-request=show]`);

    const tabs = async () => (await session.ext(() => chrome.tabs.query({}))).length;
    const before = await tabs();
    await press('Open article', 'Enter');
    await until(async () => (await tabs()) === before + 1, 5000, 'the reader to open in a tab');
    await page.bringToFront();

    // a second tip: Yes with Space, then closed with Enter; the first muted with Space
    await proveRead(page);
    await press('Yes', ' ', tip(PROOF.id));
    await page.waitForSelector(`${tip(PROOF.id)} .feedback-said`, { hasText: 'Thanks' });
    await press('×', 'Enter', tip(PROOF.id));
    await until(async () => !(await tipIds(page)).includes(PROOF.id), 2000, 'the tip to close');
    await press('show again', ' ');
    await until(async () => (await tipIds(page)).length === 0, 2000, 'the muted tip to go');
    const muted = await session.ext(async () => ((await chrome.storage.sync.get('options')).options as { muted: string[] }).muted);
    expect(muted).toEqual(['KA-21790']);
    const history = await session.ext(async () => (await chrome.storage.local.get('history')).history as { articles: Record<string, { no: number; yes: number }> });
    expect(history.articles['KA-21790'].no).toBe(1);
    expect(history.articles[PROOF.id].yes).toBe(1);
    await page.close();
  });

  it('closing the focused tip gives the focus back to where the shortcut took it from', async () => {
    const page = await toastTip();
    expect(await pressShortcut(page)).toBe(true);
    await page.press('Tab');
    expect(await focused(page)).toMatchObject({ tip: 'KA-21790', control: '×' });
    await page.press('Enter');
    await until(async () => (await tipIds(page)).length === 0, 2000, 'the tip to close');
    expect(await focused(page)).toEqual({ id: 'delete' });
    await page.close();
  });

  it('the focus stays on its control when the tip docks because its error went away', async () => {
    const page = await toastTip('https://bank.demdex.com/aam/traits-toast.html?toastMs=1500');
    expect(await pressShortcut(page)).toBe(true);
    await page.focus(`${tip('KA-21790')} button`, { hasText: 'Copy details' });
    await page.waitForSelector(`xc-troubleshooter >> .stack ${'[data-article-id="KA-21790"]'}`, { timeout: 5000 });
    expect(await focused(page)).toEqual({ tip: 'KA-21790', control: 'Copy details' });
    await page.close();
  });
});

/** WCAG contrast ratio of two CSS colours given as rgb()/rgba(). */
function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('the focus ring', () => {
  it.each(['light', 'dark'] as const)('is drawn and stands out on the tip in the %s theme', async (theme) => {
    await session.ext((t) => chrome.storage.sync.set({ options: { version: 2, theme: t } }), theme);
    const page = await toastTip();
    await page.waitForFunction((t) => !!document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector(`.${t} .tip`), theme);
    expect(await pressShortcut(page)).toBe(true);
    const rings: { outline: string; width: number; color: string; background: string }[] = [];
    const ring = () =>
      page.evaluate(() => {
        const root = document.querySelector('xc-troubleshooter')!.shadowRoot!;
        const el = root.activeElement!;
        const style = getComputedStyle(el);
        return { outline: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor, background: getComputedStyle(el.closest('.tip')!).backgroundColor };
      });
    rings.push(await ring()); // the tip itself
    for (let i = 0; i < 3; i++) {
      await page.press('Tab'); // close, then the controls after it
      rings.push(await ring());
    }
    for (const r of rings) {
      expect(r.outline).not.toBe('none');
      expect(r.width).toBeGreaterThanOrEqual(2);
      expect(contrast(r.color, r.background)).toBeGreaterThanOrEqual(3);
    }
    await page.close();
  });
});

describe('announced once', () => {
  it('a screen reader hears the title when the tip appears, and not again when it is drawn again', async () => {
    const page = await session.open('https://bank.demdex.com/aam/traits-toast.html?toastMs=800');
    // the (empty) host is put in the page before the first tip: its live region is there to be heard
    await page.waitForFunction(() => !!document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector('.announcer'));
    await page.evaluate(() => {
      const live = document.querySelector('xc-troubleshooter')!.shadowRoot!.querySelector('.announcer')!;
      const said: string[] = [];
      Object.assign(window, { said });
      new MutationObserver(() => said.push(live.textContent ?? '')).observe(live, { childList: true, characterData: true, subtree: true });
    });
    await page.click('#delete');
    await waitForTip(page, 'KA-21790');
    // drawn again: the toast goes and the tip docks, the theme changes, the page scrolls
    await page.waitForSelector('xc-troubleshooter >> .stack [data-article-id="KA-21790"]', { timeout: 5000 });
    await session.ext(() => chrome.storage.sync.set({ options: { version: 2, theme: 'dark' } }));
    await page.waitForSelector('xc-troubleshooter >> .dark .tip');
    await page.evaluate(() => dispatchEvent(new Event('resize')));
    await page.evaluate(() => new Promise((done) => setTimeout(done, 200)));
    const live = await page.evaluate(() => {
      const root = document.querySelector('xc-troubleshooter')!.shadowRoot!;
      const region = root.querySelector('.announcer')!;
      return { said: (window as unknown as { said: string[] }).said, role: region.getAttribute('role'), polite: region.getAttribute('aria-live'), tipInLiveRegion: !!root.querySelector('[aria-live] [data-article-id]') };
    });
    expect(live).toEqual({ said: ['Tip: Not allowed to delete due to segment sharing enabled'], role: 'status', polite: 'polite', tipInLiveRegion: false });
    await page.close();
  });
});

// Firefox over WebDriver BiDi cannot emulate these media features: Chromium alone checks them
if (BROWSER === 'chromium') {
  describe('reduced motion and forced colours', () => {
    it('a tip does not move in when motion is reduced, and draws its edges and focus in forced colours', async () => {
      const page = await session.open(TOAST);
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      await page.click('#delete');
      await waitForTip(page, 'KA-21790');
      const style = (selector: string) =>
        page.evaluate((sel) => {
          const s = getComputedStyle(document.querySelector('xc-troubleshooter')!.shadowRoot!.querySelector(sel)!);
          return { animation: s.animationName, transition: s.transitionDuration, border: s.borderTopStyle, outline: s.outlineStyle };
        }, selector);
      expect((await style('.tip')).animation).toBe('in');
      await page.emulateMedia({ reducedMotion: 'reduce' });
      expect(await style('.tip')).toMatchObject({ animation: 'none', transition: '0s' });
      expect((await style('button.close')).border).toBe('none');
      await page.emulateMedia({ forcedColors: 'active' });
      expect((await style('button.close')).border).toBe('solid');
      expect(await pressShortcut(page)).toBe(true);
      expect((await style('.tip')).outline).toBe('solid');
      await page.close();
    });

    it('the popup and the options page: nothing moves, and what shades showed is drawn in forced colours', async () => {
      const popup = await session.extensionPage(`src/popup/index.html?q=segment`, { viewport: { width: 400, height: 560 } });
      await popup.waitForSelector('.list .row.active');
      const motion = (page: TestPage) =>
        page.evaluate(() => {
          // anything that would move, added to the page: the reduced-motion rule stops it
          const probe = document.body.appendChild(Object.assign(document.createElement('button'), { textContent: 'probe' }));
          probe.style.transition = 'opacity 1s';
          probe.style.animation = 'x 1s infinite';
          const s = getComputedStyle(probe);
          const out = { transition: s.transitionDuration, animation: s.animationName };
          probe.remove();
          return out;
        });
      expect(await motion(popup)).toEqual({ transition: '1s', animation: 'x' });
      await popup.emulateMedia({ reducedMotion: 'reduce' });
      expect(await motion(popup)).toEqual({ transition: '0s', animation: 'none' });
      const outline = (page: TestPage, selector: string) => page.evaluate((sel) => getComputedStyle(document.querySelector(sel)!).outlineStyle, selector);
      expect(await outline(popup, '.list .row.active')).toBe('none');
      expect(await outline(popup, 'input[type=search]')).toBe('none');
      await popup.emulateMedia({ forcedColors: 'active' });
      expect(await outline(popup, '.list .row.active')).toBe('solid');
      expect(await outline(popup, 'input[type=search]')).toBe('solid');
      await popup.close();

      const options = await session.extensionPage('src/options/index.html');
      await options.waitForSelector('.segmented label.on');
      await options.emulateMedia({ reducedMotion: 'reduce', forcedColors: 'active' });
      expect(await motion(options)).toEqual({ transition: '0s', animation: 'none' });
      expect(await options.evaluate(() => getComputedStyle(document.querySelector('.segmented label.on')!).borderTopStyle)).toBe('solid');
      await options.close();
    });
  });
}
