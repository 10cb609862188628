/**
 * Benchmarks of the in-page tips, in real Chromium with dist/chrome:
 * - error rendered → tip in the DOM (p50/p95), on a quiet page and on a busy one;
 * - the content script's share of the main thread on a busy page (tens of thousands of mutations a second),
 *   from Chrome's Performance.getMetrics, with and without the extension, in one run;
 * - the longest task after a large insertion, with and without the extension;
 * - the content script's size, raw and gzip.
 * Reported, not asserted. Run: npm run bench (builds first).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/drivers/chromium';
import { ROOT } from '../paths';

/** Chromium with the built extension, or (for the baseline) the same browser and routing without it. */
const launch = (withExtension = true) => launchChromium({ extension: withExtension ? join(ROOT, 'dist/chrome') : null });

const TRIALS = Number(process.env.TRIALS ?? 60);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Installs a page-world observer that stamps the moment a tip for `id` appears. */
async function tipLatencies(page: Page, trials: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < trials; i++) {
    const latency = await page.evaluate(async () => {
      const w = window as unknown as { showError(text?: string): number; clearErrors(): void };
      return new Promise<number>((done, fail) => {
        let shownAt = 0;
        const seen = () => {
          const tip = document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector('[data-article-id="KA-21790"]');
          if (tip && shownAt) {
            observer.disconnect();
            done(performance.now() - shownAt);
          }
        };
        const observer = new MutationObserver(() => {
          const root = document.querySelector('xc-troubleshooter')?.shadowRoot;
          if (root) observer.observe(root, { childList: true, subtree: true });
          seen();
        });
        observer.observe(document, { childList: true, subtree: true });
        const root = document.querySelector('xc-troubleshooter')?.shadowRoot;
        if (root) observer.observe(root, { childList: true, subtree: true });
        shownAt = w.showError();
        setTimeout(() => fail(new Error('no tip within 3 s')), 3000);
      });
    });
    out.push(latency);
    await page.evaluate(() => {
      (window as unknown as { clearErrors(): void }).clearErrors();
      const close = document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector<HTMLButtonElement>('button[aria-label="Close tip"]');
      close?.click();
    });
    await page.waitForTimeout(30);
  }
  return out;
}

async function mainThreadShare(withExtension: boolean): Promise<{ busy: number; longest: number }> {
  const session = await launch(withExtension);
  try {
    const page = await session.context.newPage();
    await page.goto('https://experience.adobe.com/stress/busy.html');
    await page.waitForTimeout(2000);
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
      return { task: get('TaskDuration'), time: get('Timestamp') };
    };
    const a = await metric();
    await page.waitForTimeout(5000);
    const b = await metric();
    const busy = (b.task - a.task) / (b.time - a.time);
    // longest task after inserting 2 MB of text in one go, with the page otherwise still
    await page.goto('https://experience.adobe.com/stress/busy.html?busy=0');
    await page.waitForTimeout(1000);
    const longest = await page.evaluate(async () => {
      const tasks: number[] = [];
      const po = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
      po.observe({ type: 'longtask' });
      const box = document.createElement('div');
      const line = 'Segment sharing settings are reviewed weekly by the data team. ';
      for (let i = 0; i < 2000; i++) {
        const p = document.createElement('p');
        p.textContent = line.repeat(16);
        box.append(p);
      }
      const started = performance.now();
      document.body.append(box);
      await new Promise((done) => setTimeout(done, 2000));
      po.disconnect();
      return { tasks, started };
    });
    return { busy, longest: longest.tasks.length ? Math.max(...longest.tasks) : 0 };
  } finally {
    await session.close();
  }
}

export async function benchTips(): Promise<Record<string, number | string>> {
  const script = readFileSync(join(ROOT, 'dist/chrome/src/content/main.iife.js'));
  const results: Record<string, number | string> = {
    'content script, raw KB': round(script.length / 1024),
    'content script, gzip KB': round(gzipSync(script, { level: 9 }).length / 1024),
  };

  const session = await launch();
  try {
    const quiet = await session.open('https://experience.adobe.com/stress/busy.html?busy=0');
    await quiet.waitForTimeout(800);
    const q = await tipLatencies(quiet, TRIALS);
    results['tip latency, quiet page, p50 ms'] = round(percentile(q, 50));
    results['tip latency, quiet page, p95 ms'] = round(percentile(q, 95));
    await quiet.close();
    const busy = await session.open('https://experience.adobe.com/stress/busy.html');
    await busy.waitForTimeout(800);
    const b = await tipLatencies(busy, TRIALS);
    results['tip latency, busy page, p50 ms'] = round(percentile(b, 50));
    results['tip latency, busy page, p95 ms'] = round(percentile(b, 95));
    const rate = await busy.evaluate(async () => {
      let n = 0;
      const mo = new MutationObserver((r) => (n += r.length));
      mo.observe(document, { childList: true, subtree: true, characterData: true });
      await new Promise((done) => setTimeout(done, 1000));
      mo.disconnect();
      return n;
    });
    results['busy page, mutations per second'] = rate;
    await busy.close();
  } finally {
    await session.close();
  }

  // the machine is shared and the figure is small: alternate three runs of each and take the medians
  const runs: { without: { busy: number; longest: number }; with: { busy: number; longest: number } }[] = [];
  for (let i = 0; i < 3; i++) runs.push({ without: await mainThreadShare(false), with: await mainThreadShare(true) });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const without = median(runs.map((r) => r.without.busy));
  const withExt = median(runs.map((r) => r.with.busy));
  results['busy page main thread, without extension % (median of 3)'] = round(without * 100);
  results['busy page main thread, with extension % (median of 3)'] = round(withExt * 100);
  results['content script share of the main thread %'] = round((withExt - without) * 100);
  results['longest task after a 2 MB insertion, without extension ms'] = round(Math.max(...runs.map((r) => r.without.longest)));
  results['longest task after a 2 MB insertion, with extension ms'] = round(Math.max(...runs.map((r) => r.with.longest)));
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchTips();
  for (const [name, value] of Object.entries(results)) console.log(`${name.padEnd(64)} ${value}`);
}
