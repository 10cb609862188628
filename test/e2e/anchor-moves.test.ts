import { describe, expect, it } from 'vitest';
import { waitForTip, type TestPage } from './harness';
import { openReal } from './real';
import { sessionPerFile } from './session';

const current = sessionPerFile();

/** The tip's box and the box of the element holding the error's text, in the viewport, as a person sees them. */
function boxes(page: TestPage, id: string, text: string): Promise<{ tip: DOMRect | null; error: DOMRect | null }> {
  return page.evaluate(
    ([articleId, errorText]) => {
      const hosts = [...document.querySelectorAll('xc-troubleshooter')];
      const tip = hosts.map((h) => h.shadowRoot?.querySelector(`.anchored [data-article-id="${articleId}"]`)).find(Boolean) ?? null;
      let error: Element | null = null;
      for (const el of document.body.querySelectorAll('*')) if (el.closest('xc-troubleshooter') === null && el.textContent?.includes(errorText)) error = el; // the deepest holder
      return { tip: tip ? tip.getBoundingClientRect().toJSON() : null, error: error ? error.getBoundingClientRect().toJSON() : null };
    },
    [id, text] as const,
  );
}

describe('a tip beside an error whose dialog slides into place', () => {
  it("follows the error to where the dialog's opening animation leaves it", async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=dialog');
    await page.click('#show-error');
    await waitForTip(page, 'KA-21790');
    // React Spectrum's dialog rises into place over its first few hundred milliseconds, moving the error
    // without resizing it
    await page.evaluate(() => new Promise((done) => setTimeout(done, 1000)));
    const { tip, error } = await boxes(page, 'KA-21790', 'Not allowed to delete due to segment');
    expect(tip && error).toBeTruthy();
    const apart = tip!.bottom <= error!.top || tip!.top >= error!.bottom;
    expect(apart, `the tip (${tip!.top}-${tip!.bottom}) covers the error's text (${error!.top}-${error!.bottom})`).toBe(true);
    await page.close();
  });
});
