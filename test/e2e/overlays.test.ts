import { describe, expect, it } from 'vitest';
import { tipIds, waitForTip, type TestPage } from './harness';
import { sessionPerFile } from './session';

/**
 * A tip is usable wherever its error is: inside a modal that marks the rest of the page inert (React
 * Spectrum), aria-hidden (Coral) or draws in the top layer (a native dialog, Spectrum Web Components); it
 * never covers the component's own controls; when the modal closes, the tip is not left dead in it.
 * The fixture (aam/overlays.html) imitates each library's way of hiding the page.
 */

const current = sessionPerFile();
const PAGE = 'https://bank.demdex.com/aam/overlays.html';
const ID = 'KA-21790';

interface Usable {
  inert: boolean;
  hidden: boolean;
  inDialog: boolean;
  /** The tip is what is drawn at its own centre: above any underlay or overlay. */
  onTop: boolean;
  drawn: boolean;
}

/** How usable the tip for `id` is: run in the page. */
function usable(page: TestPage, id: string): Promise<Usable> {
  return page.evaluate((id) => {
    const host = document.querySelector('xc-troubleshooter')!;
    const tip = host.shadowRoot!.querySelector(`[data-article-id="${id}"]`)!;
    const box = tip.getBoundingClientRect();
    let top = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 30));
    // elementFromPoint stops at the shadow host: look inside it
    if (top === host) top = host.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 30));
    const up = (el: Element | null, test: (el: Element) => boolean): boolean => {
      for (let at = el; at; at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host ?? null)) if (test(at)) return true;
      return false;
    };
    return {
      inert: up(host, (el) => (el as HTMLElement).inert === true),
      hidden: up(host, (el) => el.getAttribute('aria-hidden') === 'true'),
      inDialog: up(host.parentElement, (el) => el.matches('dialog, [role=dialog], [role=alertdialog]')),
      onTop: !!top && tip.contains(top),
      drawn: box.width > 0 && box.height > 0,
    };
  }, id);
}

async function closeTipByKeyboard(page: TestPage, id: string): Promise<void> {
  await page.focus(`xc-troubleshooter >> [data-article-id="${id}"] button[aria-label="Close tip"]`);
  await page.press('Enter');
  await page.waitForFunction((id) => !document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector(`[data-article-id="${id}"]`), id);
}

/** The counter the page's own script updates still counts: the page was not harmed. */
async function pageStillWorks(page: TestPage): Promise<void> {
  const before = Number(await page.textContent('#counter'));
  await page.click('#count');
  expect(Number(await page.textContent('#counter'))).toBe(before + 1);
}

describe('a tip inside a modal is usable', () => {
  for (const [button, ok, what] of [
    ['#inert', '#ra-ok', 'the rest of the page inert (React Spectrum)'],
    ['#hidden', '#coral-ok', 'the rest of the page aria-hidden (Coral)'],
    ['#top', '#native-ok', 'a native modal dialog in the top layer, transformed and clipping'],
  ] as const) {
    it(`${what}: in the modal, above it, pressable; closing the modal leaves no dead tip`, async () => {
      const page = await current().open(PAGE);
      await page.click(button);
      await waitForTip(page, ID);
      await page.waitForFunction((id) => !!document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector(`[data-article-id="${id}"] .body`), ID);
      expect(await usable(page, ID)).toEqual({ inert: false, hidden: false, inDialog: true, onTop: true, drawn: true });
      // a person closes the modal the way it is closed: the tip leaves it, stays usable in the page
      await page.click(ok);
      await page.waitForFunction(() => !document.querySelector('xc-troubleshooter')?.parentElement?.closest('dialog, [role=dialog], [role=alertdialog]'));
      expect(await usable(page, ID)).toEqual({ inert: false, hidden: false, inDialog: false, onTop: true, drawn: true });
      await pageStillWorks(page);
      await closeTipByKeyboard(page, ID);
      expect(await tipIds(page)).toEqual([]);
      await page.close();
    });
  }

  it('in a modal, the close button of the tip works with a click', async () => {
    const page = await current().open(PAGE);
    await page.click('#inert');
    await waitForTip(page, ID);
    await page.click(`xc-troubleshooter >> [data-article-id="${ID}"] button[aria-label="Close tip"]`);
    await page.waitForFunction(() => !document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector('[data-article-id]'));
    // the modal is still there and closes as before
    await page.click('#ra-ok');
    await page.waitForFunction(() => !document.getElementById('portal'));
    await pageStillWorks(page);
    await page.close();
  });
});

describe('a tip never covers the component’s own controls', () => {
  it('an inline alert: its Close button stays free and closes the alert', async () => {
    const page = await current().open(PAGE);
    await page.click('#alert');
    await waitForTip(page, ID);
    const overlap = await page.evaluate((id) => {
      const tip = document.querySelector('xc-troubleshooter')!.shadowRoot!.querySelector(`[data-article-id="${id}"]`)!.getBoundingClientRect();
      const close = document.getElementById('alert-close')!.getBoundingClientRect();
      return tip.left < close.right && close.left < tip.right && tip.top < close.bottom && close.top < tip.bottom;
    }, ID);
    expect(overlap).toBe(false);
    await page.click('#alert-close');
    await page.waitForFunction(() => !document.querySelector('.alert'));
    expect(await tipIds(page)).toEqual([ID]);
    await page.close();
  });
});
