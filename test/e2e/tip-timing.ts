import { until, type TestFrame } from './harness';

/**
 * Time from an error's appearance to its tip in the DOM, measured in the page itself (so neither the
 * driver's round trips nor the test's polling count). Shared by the browser tests and the benchmark.
 */

type Stamped = { tipAt?: number; tipWatch?: MutationObserver; errorShownAt?: number } & Record<string, unknown>;

/**
 * Installs, in the page, a stamp of the moment a tip for `id` enters the DOM (the stamp's observer stops
 * once it has stamped, so a later measurement never inherits an earlier one); then calls the page's
 * function `show` (which returns the page's own time of showing the error; '' for an error the page shows
 * by itself, stamped in `window.errorShownAt`) and resolves to the milliseconds between the two.
 */
export async function timeToTip(page: Pick<TestFrame, 'evaluate'>, id: string, show: string, timeout = 15_000): Promise<number> {
  await page.evaluate((want) => {
    const w = window as unknown as Stamped;
    w.tipWatch?.disconnect();
    delete w.tipAt;
    const host = () => document.querySelector('xc-troubleshooter')?.shadowRoot;
    const watch = new MutationObserver(() => {
      const root = host();
      if (!root) return;
      if (root.querySelector(`[data-article-id="${want}"]`)) {
        w.tipAt = performance.now();
        watch.disconnect();
      } else watch.observe(root, { childList: true, subtree: true });
    });
    w.tipWatch = watch;
    watch.observe(document, { childList: true, subtree: true });
    const root = host();
    if (root) watch.observe(root, { childList: true, subtree: true });
  }, id);
  const shownAt = show ? await page.evaluate((call) => (window as unknown as Record<string, () => number>)[call](), show) : undefined;
  const tipAt = await until(() => page.evaluate(() => (window as unknown as Stamped).tipAt), timeout, `a tip for ${id}`);
  const since = shownAt ?? (await page.evaluate(() => (window as unknown as Stamped).errorShownAt!));
  return tipAt - since;
}
