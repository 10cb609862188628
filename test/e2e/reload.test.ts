import { describe, expect, it } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { BROWSER, launch, tipIds, until, waitForTip } from './harness';

declare const chrome: Browser;

// A session of its own: reloading the extension ends it for any test that would come after.
describe('an extension reload', () => {
  it('leaves no dead tip behind', async () => {
    const session = await launch();
    try {
      const page = await session.open('https://bank.demdex.com/aam/traits-toast.html?toastMs=100000');
      await page.click('#delete');
      await waitForTip(page, 'KA-21790');
      await page.evaluate(() => document.querySelector('xc-troubleshooter')!.setAttribute('data-before-reload', ''));
      await session.ext(() => chrome.runtime.reload()).catch(() => undefined); // the page running it may go with the reload
      const hosts = () => page.evaluate(() => document.querySelectorAll('xc-troubleshooter').length);
      if (BROWSER === 'chromium') {
        // Chromium does not put the new copy into open pages: the old copy notices its runtime is gone at the
        // next change on the page, removes its UI and stops
        await page.evaluate(() => new Promise((done) => setTimeout(done, 500)));
        await page.evaluate(() => document.body.append(document.createElement('p')));
        await until(async () => (await hosts()) === 0, 5000, 'the old UI to go');
      } else {
        // Firefox puts the new copy into open pages and stops the old one dead; the new copy clears the old UI
        // and shows the error still on the page with a tip that works
        const fresh = () => page.evaluate(() => !document.querySelector('xc-troubleshooter[data-before-reload]'));
        await until(async () => (await fresh()) && (await hosts()) === 1 && (await tipIds(page)).includes('KA-21790'), 5000, 'one working tip');
        await page.click('xc-troubleshooter >> [data-article-id="KA-21790"] button[aria-label="Close tip"]');
        expect(await hosts()).toBeLessThanOrEqual(1);
        expect(await tipIds(page)).toEqual([]);
      }
      expect(session.errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
