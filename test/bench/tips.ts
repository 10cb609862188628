/**
 * Benchmarks of the in-page tips, in real Chromium with dist/chrome (or the build XC_BENCH_DIST names),
 * measuring what a person meets:
 * - the first error of a freshly loaded page → its tip in the DOM, over many fresh pages (p50/p95), and the
 *   same error repeated on a warm page;
 * - busy pages: a late inline, role-less error → tip (a 6,000-row live table; a chart redrawn every frame
 *   beside a churning table), and an alert-like error → tip, on those and on a page making tens of
 *   thousands of mutations a second;
 * - the content script's share of the main thread on the busy pages, against the same pages without the
 *   extension, in one run;
 * - what a page load pays per frame: a page with ten frames loaded with no extension, with a do-nothing twin
 *   of the extension (the same content-script entries, empty files: the browser's own price for injecting),
 *   and with ours; script and task time during the load and in the two seconds after it, and the time our
 *   scripts block the parser at document_start;
 * - the content script's size, raw and gzip.
 * Reported, not asserted. The machine is shared and noisy: figures are medians of several runs, and each
 * comparison is made within one run. Run: npm run bench (builds first).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../e2e/drivers/chromium';
import { timeToTip } from '../e2e/tip-timing';
import { ROOT } from '../paths';

const DIST = process.env.XC_BENCH_DIST ?? join(ROOT, 'dist/chrome');
const SHELL = 'https://experience.adobe.com/';
/** Fresh pages for the first-tip figure: the brief asks for at least 20. */
const FRESH_PAGES = Number(process.env.FRESH_PAGES ?? 24);
/** Repeats on one warm page. */
const TRIALS = Number(process.env.TRIALS ?? 40);
/** Fresh loads of each busy page for the late-error figure. */
const BUSY_LOADS = Number(process.env.BUSY_LOADS ?? 6);
/** Loads of the ten-frame page in each configuration. */
const FRAME_LOADS = Number(process.env.FRAME_LOADS ?? 6);
/** How long after its load a fresh page shows its first error: a person's first action, not the load itself. */
const FIRST_ERROR_AFTER = 1500;

const launch = (extension: string | null) => launchChromium({ extension });

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const median = (values: number[]) => percentile(values, 50);
const round = (n: number) => Math.round(n * 100) / 100;
/** "p50 / p95" of some latencies, or 'no tip' when there are none. */
const spread = (values: number[]) => (values.length ? `${round(median(values))} / ${round(percentile(values, 95))}` : 'no tip');

/** Closes a tip as a person would (a real click), and clears the page's errors. */
async function closeTip(page: Page, id: string): Promise<void> {
  await page.evaluate(() => (window as unknown as { clearErrors(): void }).clearErrors());
  const close = page.locator(`xc-troubleshooter [data-article-id="${id}"] button[aria-label="Close tip"]`);
  if (await close.count()) await close.click();
  await page.waitForFunction((want) => !document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector(`[data-article-id="${want}"]`), id);
}

/** The same alert-like error shown and closed `trials` times on one page. */
async function repeatedTips(page: Page, trials: number, show: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < trials; i++) {
    out.push(await timeToTip(page, 'KA-21790', show, 3000));
    await closeTip(page, 'KA-21790');
    await page.waitForTimeout(30);
  }
  return out;
}

async function firstTips(results: Record<string, number | string>): Promise<void> {
  const session = await launch(DIST);
  try {
    const first: number[] = [];
    for (let i = 0; i < FRESH_PAGES; i++) {
      const page = await session.context.newPage();
      await page.goto(`${SHELL}stress/busy.html?busy=0&fresh=${i}`);
      await page.waitForTimeout(FIRST_ERROR_AFTER);
      first.push(await timeToTip(page, 'KA-21790', 'showError', 3000));
      await page.close();
    }
    results[`first tip on a fresh page, p50 ms (${FRESH_PAGES} pages)`] = round(median(first));
    results[`first tip on a fresh page, p95 ms (${FRESH_PAGES} pages)`] = round(percentile(first, 95));
    const warm = await session.context.newPage();
    await warm.goto(`${SHELL}stress/busy.html?busy=0`);
    await warm.waitForTimeout(FIRST_ERROR_AFTER);
    const repeats = await repeatedTips(warm, TRIALS, 'showError');
    results[`warm tip (same page, ${TRIALS} repeats), p50 ms`] = round(median(repeats));
    results[`warm tip (same page, ${TRIALS} repeats), p95 ms`] = round(percentile(repeats, 95));
    await warm.close();
  } finally {
    await session.close();
  }
}

async function busyTips(results: Record<string, number | string>): Promise<void> {
  const session = await launch(DIST);
  try {
    // a late role-less error: shown by the page itself, or (`show`) among the cells of the busiest page's
    // grid, once it has been busy long enough to be watched around
    for (const [name, url, id, show] of [
      ['busy table (6,000 rows, 40 changes/s): inline role-less error', `${SHELL}stress/busy-table.html?plain=1&errorAt=3000`, 'KA-17836', ''],
      ['busy chart (redrawn every frame) + table: inline role-less error', `${SHELL}stress/busy-chart.html?errorAt=3000`, 'KA-21705', ''],
      ['busy grid (tens of thousands of mutations/s): role-less error among its cells', `${SHELL}stress/busy.html`, 'KA-21705', 'showInGrid'],
    ]) {
      const latencies: number[] = [];
      let missed = 0;
      for (let i = 0; i < BUSY_LOADS; i++) {
        const page = await session.context.newPage();
        await page.goto(url);
        if (show) await page.waitForFunction(() => performance.now() > 5000, undefined, { timeout: 15_000 });
        try {
          latencies.push(await timeToTip(page, id, show, 15_000));
        } catch {
          missed++;
        }
        await page.close();
      }
      results[`${name} → tip, p50 / p95 ms (${BUSY_LOADS} loads)`] = spread(latencies);
      results[`${name}: no tip within 15 s`] = `${missed} of ${BUSY_LOADS}`;
    }
    for (const [name, url] of [
      ['busy table', `${SHELL}stress/busy-table.html?errorAt=0`],
      ['busy chart + table', `${SHELL}stress/busy-chart.html?errorAt=0`],
      ['busy grid (tens of thousands of mutations/s)', `${SHELL}stress/busy.html`],
    ]) {
      const page = await session.context.newPage();
      await page.goto(url);
      await page.waitForTimeout(FIRST_ERROR_AFTER);
      const show = name.startsWith('busy grid') ? 'showError' : 'showAlert';
      const latencies = await repeatedTips(page, 20, show).catch(() => [] as number[]);
      results[`${name}: alert-like error → tip, p50 / p95 ms (20 repeats)`] = spread(latencies);
      if (name.startsWith('busy grid')) results['busy grid: mutations per second'] = await mutationRate(page);
      await page.close();
    }
  } finally {
    await session.close();
  }
}

function mutationRate(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let n = 0;
    const mo = new MutationObserver((r) => (n += r.length));
    mo.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
    await new Promise((done) => setTimeout(done, 1000));
    mo.disconnect();
    return n;
  });
}

interface Metrics {
  task: number;
  script: number;
  time: number;
}

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const get = (name: string) => list.find((m) => m.name === name)?.value ?? 0;
  return { task: get('TaskDuration') * 1000, script: get('ScriptDuration') * 1000, time: get('Timestamp') * 1000 };
}

type TraceEvent = { name: string; dur?: number; args?: { data?: { url?: string } } };

/** Records a trace of the page (devtools timeline) while `during` runs. */
async function traced(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  // tracing events are not in Playwright's typed CDP map
  const raw = cdp as unknown as { on(name: string, listener: (params: { value: TraceEvent[] }) => void): void; once(name: string, listener: () => void): void };
  raw.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
  await during();
  const complete = new Promise<void>((done) => raw.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

/**
 * Share of the main thread a busy page takes over 5 s, measured after it has run for 3 s; with the
 * extension, also the share its own script took (from a trace of the same 5 s: every call into it).
 */
async function busyShare(extension: string | null, url: string): Promise<{ page: number; own: number }> {
  const session = await launch(extension);
  try {
    const page = await session.context.newPage();
    await page.goto(url);
    await page.waitForTimeout(3000);
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    let a: Metrics | undefined;
    let b: Metrics | undefined;
    const events = await traced(cdp, async () => {
      a = await metrics(cdp);
      await page.waitForTimeout(5000);
      b = await metrics(cdp);
    });
    const base = `chrome-extension://${session.extensionId}/`;
    const own = extension ? events.filter((e) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript') && e.args?.data?.url?.startsWith(base)).reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0) : 0;
    return { page: (b!.task - a!.task) / (b!.time - a!.time), own: own / (b!.time - a!.time) };
  } finally {
    await session.close();
  }
}

async function mainThread(results: Record<string, number | string>): Promise<void> {
  for (const [name, url] of [
    ['busy grid', `${SHELL}stress/busy.html`],
    ['busy table', `${SHELL}stress/busy-table.html?errorAt=0`],
    ['busy chart + table', `${SHELL}stress/busy-chart.html?errorAt=0`],
  ]) {
    // alternate three runs of each, and take the medians
    const without: number[] = [];
    const withExt: number[] = [];
    const own: number[] = [];
    for (let i = 0; i < 3; i++) {
      without.push((await busyShare(null, url)).page);
      const run = await busyShare(DIST, url);
      withExt.push(run.page);
      own.push(run.own);
    }
    results[`${name}: main thread without / with extension % (medians of 3)`] = `${round(median(without) * 100)} / ${round(median(withExt) * 100)}`;
    results[`${name}: difference (noisy) / the content script's own calls, % of the main thread`] = `${round((median(withExt) - median(without)) * 100)} / ${round(median(own) * 100)}`;
  }
}

/** A do-nothing twin of the extension: the same content-script entries, every file empty. */
function buildTwin(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xc-twin-'));
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as { content_scripts: { js: string[] }[] } & Record<string, unknown>;
  const twin = {
    manifest_version: 3,
    name: 'XC Troubleshooter twin',
    version: '0.0.1',
    background: { service_worker: 'worker.js' },
    content_scripts: manifest.content_scripts,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(twin, null, 2));
  writeFileSync(join(dir, 'worker.js'), '');
  for (const entry of manifest.content_scripts) {
    for (const file of entry.js) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), '');
    }
  }
  return dir;
}

interface LoadCost {
  /** During the load (navigation to the load event of the page and its frames). */
  loadTask: number;
  loadScript: number;
  /** The load and the two seconds after it, when our script starts in idle time. */
  settledTask: number;
  settledScript: number;
  /** Time our scripts ran at document_start, over all frames (from a trace). */
  documentStart: number;
}

/** Our content scripts that run at document_start, by file. */
function atDocumentStart(): string[] {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as { content_scripts: { js: string[]; run_at?: string }[] };
  return manifest.content_scripts.filter((c) => c.run_at === 'document_start').flatMap((c) => c.js);
}

/** Loads the ten-frame page once in a fresh tab and measures it. */
async function loadOnce(session: Awaited<ReturnType<typeof launch>>, extensionId: string): Promise<LoadCost> {
  const page = await session.context.newPage();
  await page.goto(`${SHELL}stress/blank.html`);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let before: Metrics | undefined;
  let loaded: Metrics | undefined;
  let settled: Metrics | undefined;
  const events = await traced(cdp, async () => {
    before = await metrics(cdp);
    await page.goto(`${SHELL}stress/frames.html`, { waitUntil: 'load' });
    loaded = await metrics(cdp);
    await page.waitForTimeout(2000);
    settled = await metrics(cdp);
  });
  await page.close();
  const ours = (url?: string) => !!extensionId && !!url && url.includes(extensionId) && atDocumentStart().some((file) => url.endsWith(file));
  const documentStart = events.filter((e) => e.name === 'EvaluateScript' && ours(e.args?.data?.url)).reduce((sum, e) => sum + (e.dur ?? 0) / 1000, 0);
  return {
    loadTask: loaded!.task - before!.task,
    loadScript: loaded!.script - before!.script,
    settledTask: settled!.task - before!.task,
    settledScript: settled!.script - before!.script,
    documentStart,
  };
}

async function loadCost(results: Record<string, number | string>): Promise<void> {
  const twin = buildTwin();
  const FRAMES = 11; // the page and its ten frames
  const configs: [string, string | null][] = [
    ['no extension', null],
    ['do-nothing twin', twin],
    ['ours', DIST],
  ];
  const costs: Record<string, LoadCost[]> = {};
  try {
    for (const [name, extension] of configs) {
      const session = await launch(extension);
      try {
        costs[name] = [];
        for (let i = 0; i < FRAME_LOADS; i++) costs[name].push(await loadOnce(session, session.extensionId));
      } finally {
        await session.close();
      }
    }
  } finally {
    rmSync(twin, { recursive: true, force: true });
  }
  const per = (name: string, key: keyof LoadCost) => median(costs[name].map((c) => c[key])) / FRAMES;
  for (const [name] of configs) {
    results[`10-frame page, ${name}: task / script ms per frame during the load`] = `${round(per(name, 'loadTask'))} / ${round(per(name, 'loadScript'))}`;
    results[`10-frame page, ${name}: task / script ms per frame, load + 2 s`] = `${round(per(name, 'settledTask'))} / ${round(per(name, 'settledScript'))}`;
  }
  results['load, ours over the twin: task / script ms per frame (budget 3 / 1)'] = `${round(per('ours', 'loadTask') - per('do-nothing twin', 'loadTask'))} / ${round(per('ours', 'loadScript') - per('do-nothing twin', 'loadScript'))}`;
  results['load + 2 s, ours over the twin: task / script ms per frame'] = `${round(per('ours', 'settledTask') - per('do-nothing twin', 'settledTask'))} / ${round(per('ours', 'settledScript') - per('do-nothing twin', 'settledScript'))}`;
  results['blocking at document_start, ms per frame (budget 1)'] = round(per('ours', 'documentStart'));
  results[`(load figures: medians of ${FRAME_LOADS} loads, ${FRAMES} frames each)`] = '';
}

export async function benchTips(): Promise<Record<string, number | string>> {
  const script = readFileSync(join(DIST, 'src/content/main.iife.js'));
  const results: Record<string, number | string> = {
    'content script, raw KB': round(script.length / 1024),
    'content script, gzip KB (budget 30)': round(gzipSync(script, { level: 9 }).length / 1024),
  };
  const only = process.env.XC_BENCH_ONLY?.split(',');
  const parts: [string, (r: typeof results) => Promise<void>][] = [
    ['first', firstTips],
    ['busy', busyTips],
    ['share', mainThread],
    ['load', loadCost],
  ];
  for (const [name, part] of parts) if (!only || only.includes(name)) await part(results);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await benchTips();
  for (const [name, value] of Object.entries(results)) console.log(`${name.padEnd(80)} ${value}`);
}
