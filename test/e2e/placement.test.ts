import { describe, expect, it } from 'vitest';
import { SHELL, settle, waitForTip, type TestPage } from './harness';
import { sessionPerFile } from './session';

/**
 * Where a tip sits: it docks at the next frame once its error is gone, a long line of code stays inside its
 * own block, and a tip never covers the buttons of the dialog it explains.
 */

const current = sessionPerFile();
const PAGE = `${SHELL}aep/placement.html`;

/** The tip's box, and whether it is docked (in the corner stack) or anchored by its error. */
function tipBox(page: TestPage, id: string) {
  return page.evaluate((want) => {
    const tip = document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector<HTMLElement>(`[data-article-id="${want}"]`);
    if (!tip) return null;
    const r = tip.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, docked: !!tip.closest('.stack'), scrollWidth: tip.scrollWidth, clientWidth: tip.clientWidth };
  }, id);
}

describe('tip placement', () => {
  it('sits by its toast, and docks in the frame after the toast leaves', async () => {
    // the toast stays long enough to be seen by a content script that starts in idle time after the load
    // (within a second of it on a busy machine)
    const page = await current().open(`${PAGE}?toastMs=2500`);
    await page.click('#toast');
    await waitForTip(page, 'KA-21790');
    expect((await tipBox(page, 'KA-21790'))?.docked).toBe(false);
    // stamp the toast's removal, then look two frames later (the frame after it, and a margin of one)
    const docked = await page.evaluate(
      () =>
        new Promise<boolean>((done) => {
          const watch = new MutationObserver(() => {
            if (document.querySelector('.toast')) return;
            watch.disconnect();
            requestAnimationFrame(() =>
              requestAnimationFrame(() => done(!!document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector('.stack [data-article-id="KA-21790"]'))),
            );
          });
          watch.observe(document.body, { childList: true });
        }),
    );
    expect(docked).toBe(true);
    await page.close();
  });

  it('a long line of code wraps or scrolls inside its own block; the tip never widens', async () => {
    const page = await current().open(PAGE);
    await page.click('#inline');
    await waitForTip(page, 'KA-15576');
    // the steps, with their code block, arrive from the article store
    await page.waitForFunction(() => !!document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector('[data-article-id="KA-15576"] pre'));
    const box = (await tipBox(page, 'KA-15576'))!;
    expect(box.width).toBeLessThanOrEqual(380);
    expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
    const code = await page.evaluate(() => {
      const pre = document.querySelector('xc-troubleshooter')!.shadowRoot!.querySelector<HTMLElement>('[data-article-id="KA-15576"] pre')!;
      const tip = pre.closest('.tip')!.getBoundingClientRect();
      const r = pre.getBoundingClientRect();
      return { inside: r.left >= tip.left && r.right <= tip.right, scrolls: pre.scrollWidth > pre.clientWidth };
    });
    expect(code).toEqual({ inside: true, scrolls: true });
    await page.close();
  });

  it('in a modal dialog, the tip leaves the dialog’s OK and Cancel buttons free', async () => {
    const page = await current().open(PAGE);
    await page.click('#modal');
    await waitForTip(page, 'KA-21767');
    // inside the dialog (the top layer), with its steps loaded: at its full height
    await page.waitForFunction(() => !!document.querySelector('dialog xc-troubleshooter')?.shadowRoot?.querySelector('[data-article-id="KA-21767"] .body'));
    await settle(page, 100);
    const boxes = await page.evaluate(() => {
      const tip = document.querySelector('dialog xc-troubleshooter')!.shadowRoot!.querySelector('[data-article-id="KA-21767"]')!.getBoundingClientRect();
      const buttons = ['#ok', '#cancel'].map((sel) => document.querySelector(sel)!.getBoundingClientRect());
      return { tip: { top: tip.top, bottom: tip.bottom, left: tip.left, right: tip.right }, buttons: buttons.map((b) => ({ top: b.top, bottom: b.bottom, left: b.left, right: b.right })) };
    });
    for (const b of boxes.buttons) {
      const overlap = boxes.tip.left < b.right && b.left < boxes.tip.right && boxes.tip.top < b.bottom && b.top < boxes.tip.bottom;
      expect(overlap).toBe(false);
    }
    // and the buttons still work under a person's click
    await page.click('#ok');
    await page.waitForFunction(() => !document.querySelector('dialog[open]'));
    await page.close();
  });
});
