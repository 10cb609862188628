/**
 * `npm run bench`: every benchmark, one after the other (the machine has two cores; they must not
 * compete). Each section's title names its budgets; figures are reported against them, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../paths';

function run(label: string, command: string, args: string[]): number {
  console.log(`\n## ${label}\n`);
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.status !== 0) console.log(`(${label} exited with ${result.status})`);
  return performance.now() - started;
}

const quiet = (args: string[]) => {
  const started = performance.now();
  const result = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return performance.now() - started;
};

console.log('## Build\n');
const chrome = quiet(['vite', 'build', '--mode', 'chrome']);
const firefox = quiet(['vite', 'build', '--mode', 'firefox']);
console.log(`${'build, chrome, ms'.padEnd(64)} ${Math.round(chrome)}`);
console.log(`${'build, firefox, ms'.padEnd(64)} ${Math.round(firefox)}`);

run(
  'In-page tips (goals: first tip of a fresh quiet page p95 ≤ 16 ms; a load per frame, over the load and the 2 s after it: ≤ 1 ms script and ≤ 3 ms task over the twin, ≤ 1 ms blocking at document_start; busy page: alert toast ≤ 16 ms, toast on 10 MB of text ≤ 50 ms, inline role-less ≤ 250 ms p95 and never dropped, content script ≤ 1 % of the main thread; content script ≤ 30 KB gzip). XC_BENCH_BEFORE=<a build> adds its column',
  'npx',
  ['tsx', 'test/bench/tips.ts'],
);
for (const [file, label] of [
  ['popup.ts', 'Popup search (budgets: first results ≤ 100 ms; ≤ 5 ms a keystroke)'],
  ['import.ts', 'Importing the Experience League corpus (budget: build with 1,200 articles ≤ 30 s)'],
]) {
  if (existsSync(join(ROOT, 'test/bench', file))) run(label, 'npx', ['tsx', join('test/bench', file)]);
}
