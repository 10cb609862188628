/**
 * Where the content script's time goes on one page, in real Chromium: a CPU profile (V8's sampling
 * profiler, 100 µs) and a trace of the page's main thread over a window, summed by function for the
 * extension's own scripts. Reported, not asserted: it explains a benchmark figure.
 *
 *   npx tsx test/bench/profile.ts <fixture path> [--from load|now] [--ms 2000] [--wait 3000] [--call fn] [--timeline]
 *
 * `--from load`: the window starts with the navigation and lasts until `--ms` after the load event (a
 * page load as the bench counts it). `--from now`: the page is loaded, runs `--wait` ms, then the window
 * of `--ms` is profiled (a busy page as it runs); `--call fn` calls the page's `fn()` at the start of
 * it (an error shown on demand). `--timeline` lists every call into our script over the window, from the
 * moment the error was shown (the page's `errorShownAt`, or the `--call`) to its tip (the first tip drawn
 * in the window). XC_BENCH_DIST names the build (dist/chrome by default).
 */
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { launchChromium } from '../e2e/drivers/chromium';
import { ROOT } from '../paths';

const DIST = process.env.XC_BENCH_DIST ?? join(ROOT, 'dist/chrome');
const SHELL = 'https://experience.adobe.com/';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
type TraceEvent = { name: string; ph: string; ts?: number; dur?: number; tdur?: number; tid: number; args?: { data?: { url?: string; functionName?: string } } };

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}

/** Self time per function (ms) and total time (ms) of the extension's scripts, from a CPU profile. */
function summarise(profile: Profile, mine: (url: string) => boolean): { self: Map<string, number>; inclusive: Map<string, number>; total: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    // a sample counts as ours when one of our frames is on its stack (time in the browser's code that we called)
    const seen = new Set<string>();
    let ours = false;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      if (!mine(n.callFrame.url)) continue;
      ours = true;
      const key = name(n);
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
      seen.add(key);
    }
    if (!ours) return;
    total += ms;
    const key = mine(leaf.callFrame.url) ? name(leaf) : `${leaf.callFrame.functionName || leaf.callFrame.url || '(native)'} [native, called by us]`;
    self.set(key, (self.get(key) ?? 0) + ms);
  });
  return { self, inclusive, total };
}

const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);

async function main(): Promise<void> {
  const fixture = process.argv[2] ?? 'stress/frames.html';
  const from = arg('from', 'load');
  const ms = Number(arg('ms', '2000'));
  const wait = Number(arg('wait', '3000'));
  const call = arg('call', '');
  const session = await launchChromium({ extension: DIST });
  try {
    const page = await session.context.newPage();
    await page.goto(`${SHELL}stress/blank.html`);
    const cdp: CDPSession = await session.context.newCDPSession(page);
    if (from === 'now') {
      await page.goto(`${SHELL}${fixture}`);
      await page.waitForTimeout(wait);
    }
    const events: TraceEvent[] = [];
    const raw = cdp as unknown as { on(name: string, listener: (params: { value: TraceEvent[] }) => void): void; once(name: string, listener: () => void): void };
    raw.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing,v8,v8.execute,disabled-by-default-devtools.timeline,disabled-by-default-v8.compile', transferMode: 'ReportEvents' });
    await cdp.send('Profiler.start');
    if (from === 'load') await page.goto(`${SHELL}${fixture}`, { waitUntil: 'load' });
    // the page's clock against the trace's: the trace's microseconds at a mark the page makes now
    const pageStart = await page.evaluate(() => performance.mark('xc-profile-start').startTime);
    if (call) await page.evaluate((fn) => ((window as unknown as Record<string, unknown>).errorShownAt = (window as unknown as Record<string, () => unknown>)[fn]()), call);
    await page.waitForTimeout(ms);
    const shownAt = await page.evaluate(() => (window as unknown as { errorShownAt?: number }).errorShownAt ?? null);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const complete = new Promise<void>((done) => raw.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.end');
    await complete;
    const base = `chrome-extension://${session.extensionId}/`;
    const { self, inclusive, total } = summarise(profile, (url) => url.startsWith(base));
    console.log(`${fixture}, ${from === 'load' ? `navigation to ${ms} ms after the load` : `${ms} ms after ${wait} ms of running`}: ${total.toFixed(2)} ms in samples with our code on the stack`);
    console.log('\nself time, ms');
    for (const [k, v] of top(self, 30)) console.log(`${v.toFixed(2).padStart(8)}  ${k}`);
    console.log('\ninclusive time, ms');
    for (const [k, v] of top(inclusive, 30)) console.log(`${v.toFixed(2).padStart(8)}  ${k}`);
    // the trace: our scripts' evaluation and calls into them, by kind
    const ours = events.filter((e) => e.ph === 'X' && e.args?.data?.url?.startsWith(base));
    const kinds = new Map<string, { n: number; ms: number }>();
    for (const e of ours) {
      const k = `${e.name} ${e.args!.data!.url!.slice(base.length)}`;
      const v = kinds.get(k) ?? { n: 0, ms: 0 };
      v.n++;
      v.ms += (e.dur ?? 0) / 1000;
      kinds.set(k, v);
    }
    const compile = new Map<string, { n: number; ms: number }>();
    for (const e of events) {
      if (e.ph !== 'X' || !/compile|parse/i.test(e.name)) continue;
      const v = compile.get(e.name) ?? { n: 0, ms: 0 };
      v.n++;
      v.ms += (e.dur ?? 0) / 1000;
      compile.set(e.name, v);
    }
    console.log('\nV8 parsing and compiling on the page (all scripts): count, ms');
    for (const [k, v] of [...compile].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8)) console.log(`${String(v.n).padStart(6)} ${v.ms.toFixed(2).padStart(8)}  ${k}`);
    if (process.argv.includes('--timeline')) {
      const mark = events.find((e) => e.name === 'xc-profile-start');
      const zero = (mark?.ts ?? 0) / 1000 - pageStart + (shownAt ?? pageStart);
      console.log(`\ncalls into our script, ms from the error shown (${shownAt === null ? 'no error stamp: from the start of the window' : 'page time ' + shownAt.toFixed(1)}); wall / CPU`);
      for (const e of ours.filter((x) => x.name === 'FunctionCall').sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0))) {
        const at = (e.ts ?? 0) / 1000 - zero;
        if (at < -50 || at > ms) continue;
        console.log(`${at.toFixed(1).padStart(9)} ${((e.dur ?? 0) / 1000).toFixed(2).padStart(7)} ${((e.tdur ?? 0) / 1000).toFixed(2).padStart(7)}  ${e.args?.data?.functionName || '(anonymous)'}`);
      }
    }
    console.log('\ntrace events naming our scripts: count, ms');
    for (const [k, v] of [...kinds].sort((a, b) => b[1].ms - a[1].ms)) console.log(`${String(v.n).padStart(6)} ${v.ms.toFixed(2).padStart(8)}  ${k}`);
  } finally {
    await session.close();
  }
}

await main();
