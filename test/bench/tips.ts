/**
 * Benchmarks of the in-page tips, in real Chromium, measuring what a person meets (a tip is stamped by a
 * mutation observer in the page the moment it enters the DOM):
 * - the first error of a freshly loaded quiet page → its tip, over many fresh pages (p50/p95), and the same
 *   error repeated on a warm page;
 * - what a page load pays per frame: a page with ten frames, loaded with no extension, with a do-nothing twin
 *   of the extension (the same content-script entries, empty files: the browser's own price for injecting)
 *   and with ours, counted over the load and the two seconds after it (script and task time, and our own
 *   calls from a trace), and the time our scripts block the parser at document_start;
 * - busy pages: an alert toast → tip on a page with a clock redrawn every 16 ms and a 5,000-row table
 *   changing every 10 ms; a toast → tip on a page holding 10 MB of text; an inline, role-less error → tip on
 *   a busy Workspace-like page and two other busy pages (never dropped: misses are counted);
 * - the content script's share of the main thread on a busy page (an 8,000-row table, ~20k mutations/s),
 *   against the same page without the extension, in one run;
 * - the content script's size, raw and gzip.
 * Reported, not asserted. The machine is shared and noisy: each comparison is made within one run, the
 * configurations of the load figure take turns load by load, and figures are medians.
 *
 * XC_BENCH_DIST names the build measured (dist/chrome); XC_BENCH_BEFORE names a second build (say, main's)
 * measured in the same run, in its own column, so before and after are compared under the same load.
 * XC_BENCH_ONLY=first,load,busy,share runs only those parts. Run: npm run bench (builds first).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../e2e/drivers/chromium';
import { timeToTip } from '../e2e/tip-timing';
import { ROOT } from '../paths';

const SHELL = 'https://experience.adobe.com/';
/** The builds measured, each a column: ours, or before and after. */
const BUILDS: [label: string, dir: string][] = process.env.XC_BENCH_BEFORE
  ? [
      ['before', process.env.XC_BENCH_BEFORE],
      ['after', process.env.XC_BENCH_DIST ?? join(ROOT, 'dist/chrome')],
    ]
  : [['ours', process.env.XC_BENCH_DIST ?? join(ROOT, 'dist/chrome')]];
/** Fresh pages for the first-tip figure. */
const FRESH_PAGES = Number(process.env.FRESH_PAGES ?? 24);
/** Repeats on one warm page. */
const TRIALS = Number(process.env.TRIALS ?? 40);
/** Fresh loads of each busy page. */
const BUSY_LOADS = Number(process.env.BUSY_LOADS ?? 6);
/** Loads of the ten-frame page in each configuration. */
const FRAME_LOADS = Number(process.env.FRAME_LOADS ?? 10);
/** How long after its load a fresh page shows its first error: a person's first action, not the load itself. */
const FIRST_ERROR_AFTER = 1500;
/** The page and its ten frames. */
const FRAMES = 11;

const launch = (extension: string | null) => launchChromium({ extension });

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const median = (values: number[]) => percentile(values, 50);
const round = (n: number) => Math.round(n * 100) / 100;
/** "p50 / p95" of some latencies, or 'no tip' when there are none. */
const spread = (values: number[]) => (values.length ? `${round(median(values))} / ${round(percentile(values, 95))}` : 'no tip');

/** Rows of figures, one column per configuration (no extension, the twin, each build). */
export class Results {
  readonly rows = new Map<string, Map<string, string>>();

  constructor(readonly columns: string[]) {}

  put(row: string, column: string, value: number | string): void {
    if (!this.columns.includes(column)) this.columns.push(column);
    if (!this.rows.has(row)) this.rows.set(row, new Map());
    this.rows.get(row)!.set(column, String(value));
  }

  print(): void {
    const width = Math.max(...[...this.rows.keys()].map((r) => r.length)) + 2;
    const cols = this.columns.map((c) => Math.max(c.length, ...[...this.rows.values()].map((r) => (r.get(c) ?? '').length)) + 2);
    console.log(`${''.padEnd(width)}${this.columns.map((c, i) => c.padStart(cols[i])).join('')}`);
    for (const [row, values] of this.rows) console.log(`${row.padEnd(width)}${this.columns.map((c, i) => (values.get(c) ?? '').padStart(cols[i])).join('')}`);
  }
}

/** Closes a tip as a person would (a real click), and clears the page's errors. */
async function closeTip(page: Page, id: string): Promise<void> {
  await page.evaluate(() => (window as unknown as { clearErrors?(): void; clearAlerts?(): void }).clearErrors?.() ?? (window as unknown as { clearAlerts(): void }).clearAlerts());
  const close = page.locator(`xc-troubleshooter [data-article-id="${id}"] button[aria-label="Close tip"]`);
  if (await close.count()) await close.click();
  await page.waitForFunction((want) => !document.querySelector('xc-troubleshooter')?.shadowRoot?.querySelector(`[data-article-id="${want}"]`), id);
}

/** The same alert-like error shown and closed `trials` times on one page. */
async function repeatedTips(page: Page, trials: number, show: string, timeout = 3000): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < trials; i++) {
    out.push(await timeToTip(page, 'KA-21790', show, timeout));
    await closeTip(page, 'KA-21790');
    await page.waitForTimeout(30);
  }
  return out;
}

async function firstTips(results: Results): Promise<void> {
  for (const [label, dist] of BUILDS) {
    const session = await launch(dist);
    try {
      const first: number[] = [];
      for (let i = 0; i < FRESH_PAGES; i++) {
        const page = await session.context.newPage();
        await page.goto(`${SHELL}stress/busy.html?busy=0&fresh=${i}`);
        await page.waitForTimeout(FIRST_ERROR_AFTER);
        first.push(await timeToTip(page, 'KA-21790', 'showError', 3000));
        await page.close();
      }
      results.put(`quiet page: first tip of a fresh page, p50 / p95 ms (${FRESH_PAGES} pages; budget p95 16)`, label, spread(first));
      const warm = await session.context.newPage();
      await warm.goto(`${SHELL}stress/busy.html?busy=0`);
      await warm.waitForTimeout(FIRST_ERROR_AFTER);
      results.put(`quiet page: the same error again (${TRIALS} repeats), p50 / p95 ms`, label, spread(await repeatedTips(warm, TRIALS, 'showError')));
      await warm.close();
    } finally {
      await session.close();
    }
  }
}

/**
 * Alert toasts on fresh loads of `url`: the first of each page at once after its load, 300 ms after it or
 * FIRST_ERROR_AFTER after it, by turns (an error at load, a person's first click), then a few more.
 */
async function alertsOnFreshPages(session: Awaited<ReturnType<typeof launch>>, url: string, perPage: number): Promise<{ first: number[]; all: number[]; missed: number }> {
  const first: number[] = [];
  const all: number[] = [];
  let missed = 0;
  for (let i = 0; i < BUSY_LOADS; i++) {
    const page = await session.context.newPage();
    try {
      await page.goto(url, { timeout: 60_000 });
      await page.waitForTimeout([0, 300, FIRST_ERROR_AFTER][i % 3]);
      const times = await repeatedTips(page, perPage, 'showAlert', 15_000);
      first.push(times[0]);
      all.push(...times);
    } catch {
      missed++;
    }
    await page.close();
  }
  return { first, all, missed };
}

async function busyTips(results: Results): Promise<void> {
  for (const [label, dist] of BUILDS) {
    const session = await launch(dist);
    try {
      const clock = await alertsOnFreshPages(session, `${SHELL}stress/busy-clock.html`, 4);
      results.put(`busy page (clock every 16 ms, 5,000 rows every 10 ms): alert toast → tip, p50 / p95 ms (${BUSY_LOADS} loads × 4; budget 16)`, label, spread(clock.all));
      results.put('  the same, first toast of each page (0, 300 or 1,500 ms after the load), p50 / max ms', label, clock.first.length ? `${round(median(clock.first))} / ${round(Math.max(...clock.first))}` : 'no tip');
      const big = await alertsOnFreshPages(session, `${SHELL}stress/big-toast.html`, 3);
      results.put(`10 MB of text: toast → tip, p50 / p95 ms (${BUSY_LOADS} loads × 3; budget 50)`, label, spread(big.all));
      results.put('  the same on 10 MB, first toast of each page (0, 300 or 1,500 ms after the load), p50 / max ms', label, big.first.length ? `${round(median(big.first))} / ${round(Math.max(...big.first))}` : 'no tip');
      results.put('  toasts with no tip within 15 s (busy page / 10 MB)', label, `${clock.missed} / ${big.missed}`);
      // a late role-less error: shown by the page itself, or (`show`) among the cells of the busiest page's
      // grid, once it has been busy long enough to be watched around
      for (const [name, url, id, show] of [
        ['busy Workspace-like page (chart redrawn every frame + table): inline role-less error', `${SHELL}stress/busy-chart.html?errorAt=3000`, 'KA-21705', ''],
        ['busy table (6,000 rows, 40 changes/s): inline role-less error', `${SHELL}stress/busy-table.html?plain=1&errorAt=3000`, 'KA-17836', ''],
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
        results.put(`${name} → tip, p50 / p95 ms (${BUSY_LOADS} loads; budget 250), no tip within 15 s`, label, `${spread(latencies)}, ${missed} missed`);
      }
    } finally {
      await session.close();
    }
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

type TraceEvent = { name: string; ph?: string; ts?: number; dur?: number; tdur?: number; pid?: number; tid?: number; args?: { name?: string; data?: { url?: string } } };

/** Records a trace of the page (devtools timeline) while `during` runs. */
async function traced(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  // tracing events are not in Playwright's typed CDP map
  const raw = cdp as unknown as { on(name: string, listener: (params: { value: TraceEvent[] }) => void): void; once(name: string, listener: () => void): void };
  raw.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,toplevel,__metadata', transferMode: 'ReportEvents' });
  await during();
  const complete = new Promise<void>((done) => raw.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

/** Milliseconds (wall, or CPU with `cpu`) of the events `which` accepts, nested ones counted once. */
function summed(events: TraceEvent[], which: (e: TraceEvent) => boolean, cpu = false): number {
  const chosen = events.filter((e) => e.ph === 'X' && which(e)).sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
  let total = 0;
  const until = new Map<string, number>();
  for (const e of chosen) {
    const end = (e.ts ?? 0) + (e.dur ?? 0);
    const thread = `${e.pid}:${e.tid}`;
    if ((until.get(thread) ?? -1) >= end) continue; // inside one already counted
    total += ((cpu ? e.tdur : e.dur) ?? 0) / 1000;
    until.set(thread, end);
  }
  return total;
}

/** Milliseconds of script evaluation and calls into the files that `ours` accepts. */
function ownTime(events: TraceEvent[], ours: (url: string) => boolean, cpu = false): number {
  return summed(events, (e) => (e.name === 'FunctionCall' || e.name === 'EvaluateScript') && ours(e.args?.data?.url ?? ''), cpu);
}

/**
 * CPU milliseconds of every task on the pages' main threads: what TaskDuration counts, in thread time, so
 * that other programs on a shared machine do not lengthen it.
 */
function taskCpu(events: TraceEvent[]): number {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return summed(events, (e) => e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`), true);
}

/**
 * Share of the main thread a busy page takes over 5 s, measured after it has run for 3 s; with the
 * extension, also the share its own script took (from a trace of the same 5 s: every call into it).
 */
async function busyShare(extension: string | null, url: string): Promise<{ page: number; own: number; rate: number }> {
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
    const own = extension ? ownTime(events, (u) => u.startsWith(`chrome-extension://${session.extensionId}/`)) : 0;
    const rate = extension ? 0 : await mutationRate(page);
    return { page: (b!.task - a!.task) / (b!.time - a!.time), own: own / (b!.time - a!.time), rate };
  } finally {
    await session.close();
  }
}

async function mainThread(results: Results): Promise<void> {
  const name = 'busy table (8,000 rows, ~20k mutations/s)';
  const url = `${SHELL}stress/busy-rows.html`;
  // three rounds, each configuration in turn; medians
  const without: number[] = [];
  const rates: number[] = [];
  const withExt = new Map<string, number[]>(BUILDS.map(([label]) => [label, []]));
  const own = new Map<string, number[]>(BUILDS.map(([label]) => [label, []]));
  for (let i = 0; i < 3; i++) {
    const base = await busyShare(null, url);
    without.push(base.page);
    rates.push(base.rate);
    for (const [label, dist] of BUILDS) {
      const run = await busyShare(dist, url);
      withExt.get(label)!.push(run.page);
      own.get(label)!.push(run.own);
    }
  }
  results.put(`${name}: mutations per second`, 'no extension', Math.round(median(rates)));
  results.put(`${name}: main thread busy, % (medians of 3)`, 'no extension', round(median(without) * 100));
  for (const [label] of BUILDS) {
    results.put(`${name}: main thread busy, % (medians of 3)`, label, round(median(withExt.get(label)!) * 100));
    results.put(`${name}: with − without (noisy), % of the main thread`, label, round((median(withExt.get(label)!) - median(without)) * 100));
    results.put(`${name}: the content script's own calls, % of the main thread (budget 1)`, label, round(median(own.get(label)!) * 100));
  }
}

/** A do-nothing twin of the extension: the same content-script entries, every file empty. */
function buildTwin(dist: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'xc-twin-'));
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { content_scripts: { js: string[] }[] } & Record<string, unknown>;
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
  /** The load: navigation to the load event of the page and its frames. */
  loadTask: number;
  loadScript: number;
  /** The load and the two seconds after it. */
  settledTask: number;
  settledScript: number;
  /** Our scripts' own evaluation and calls over the load and the two seconds after it (trace): wall, CPU. */
  own: number;
  ownCpu: number;
  /** CPU time of every task on the main thread over the load and the two seconds after it (trace). */
  taskCpu: number;
  /** Time our scripts ran at document_start, over all frames (trace). */
  documentStart: number;
}

/** Content scripts of `dist` that run at document_start, by file. */
function atDocumentStart(dist: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as { content_scripts: { js: string[]; run_at?: string }[] };
  return manifest.content_scripts.filter((c) => c.run_at === 'document_start').flatMap((c) => c.js);
}

/** Loads the ten-frame page once in a fresh tab and measures it. */
async function loadOnce(session: Awaited<ReturnType<typeof launch>>, dist: string | null): Promise<LoadCost> {
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
  const base = `chrome-extension://${session.extensionId}/`;
  const early = dist ? atDocumentStart(dist) : [];
  const ours = (url: string) => !!session.extensionId && url.startsWith(base);
  return {
    loadTask: loaded!.task - before!.task,
    loadScript: loaded!.script - before!.script,
    settledTask: settled!.task - before!.task,
    settledScript: settled!.script - before!.script,
    own: ownTime(events, ours),
    ownCpu: ownTime(events, ours, true),
    taskCpu: taskCpu(events),
    documentStart: ownTime(events, (url) => ours(url) && early.some((file) => url.endsWith(file))),
  };
}

async function loadCost(results: Results): Promise<void> {
  const twin = buildTwin(BUILDS[0][1]);
  const configs: [string, string | null][] = [['no extension', null], ['twin', twin], ...BUILDS];
  const costs = new Map<string, LoadCost[]>(configs.map(([name]) => [name, []]));
  const sessions: Awaited<ReturnType<typeof launch>>[] = [];
  try {
    // every configuration open at once and loading in turn (the order rotating), so a slow spell of the
    // machine falls on all of them
    for (const [, extension] of configs) sessions.push(await launch(extension));
    for (let i = 0; i < FRAME_LOADS; i++) {
      for (let k = 0; k < configs.length; k++) {
        const at = (i + k) % configs.length;
        costs.get(configs[at][0])!.push(await loadOnce(sessions[at], configs[at][1]));
      }
    }
  } finally {
    for (const session of sessions) await session.close();
    rmSync(twin, { recursive: true, force: true });
  }
  const per = (name: string, key: keyof LoadCost) => median(costs.get(name)!.map((c) => c[key])) / FRAMES;
  const pair = (name: string, a: keyof LoadCost, b: keyof LoadCost) => `${round(per(name, a))} / ${round(per(name, b))}`;
  const over = (name: string, a: keyof LoadCost, b: keyof LoadCost) => `${round(per(name, a) - per('twin', a))} / ${round(per(name, b) - per('twin', b))}`;
  for (const [name] of configs) {
    results.put('10-frame page, load + 2 s: task / script ms per frame', name, pair(name, 'settledTask', 'settledScript'));
    results.put('10-frame page, load + 2 s: task CPU ms per frame (trace, thread time)', name, round(per(name, 'taskCpu')));
    results.put('10-frame page, the load alone: task / script ms per frame', name, pair(name, 'loadTask', 'loadScript'));
  }
  for (const [label] of BUILDS) {
    results.put('load + 2 s over the twin: task / script ms per frame (budget 3 / 1)', label, over(label, 'settledTask', 'settledScript'));
    results.put('the load alone over the twin: task / script ms per frame', label, over(label, 'loadTask', 'loadScript'));
    results.put('load + 2 s over the twin: task CPU ms per frame (trace, thread time)', label, round(per(label, 'taskCpu') - per('twin', 'taskCpu')));
    results.put("load + 2 s: our scripts' own calls (trace), wall / CPU ms per frame", label, `${round(per(label, 'own'))} / ${round(per(label, 'ownCpu'))}`);
    results.put('blocking at document_start, ms per frame (budget 1)', label, round(per(label, 'documentStart')));
  }
  results.put(`(load figures: medians of ${FRAME_LOADS} loads of ${FRAMES} frames each, configurations in turn)`, 'no extension', '');
}

function sizes(results: Results): void {
  for (const [label, dist] of BUILDS) {
    const script = readFileSync(join(dist, 'src/content/main.iife.js'));
    const early = atDocumentStart(dist).map((file) => readFileSync(join(dist, file)));
    results.put('content script, raw / gzip KB (budget 30 gzip)', label, `${round(script.length / 1024)} / ${round(gzipSync(script, { level: 9 }).length / 1024)}`);
    results.put('document_start script, raw / gzip KB', label, `${round(early.reduce((n, b) => n + b.length, 0) / 1024)} / ${round(early.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0) / 1024)}`);
  }
}

export async function benchTips(): Promise<Results> {
  const results = new Results(['no extension', 'twin', ...BUILDS.map(([label]) => label)]);
  sizes(results);
  const only = process.env.XC_BENCH_ONLY?.split(',');
  const parts: [string, (r: Results) => Promise<void>][] = [
    ['first', firstTips],
    ['load', loadCost],
    ['busy', busyTips],
    ['share', mainThread],
  ];
  for (const [name, part] of parts) if (!only || only.includes(name)) await part(results);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  (await benchTips()).print();
}
