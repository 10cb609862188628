/**
 * `npx tsx test/bench/import.ts`: imports the whole Experience League corpus (`$XC_KCS_DIR/articles`) into a
 * temporary folder, compiles it with our own articles, and prints the time of each step and the size of
 * the detection table the content script would carry. Reported, never asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compileArticles, formatProblems } from '../../src/compiler/compile';
import { loadSources } from '../../src/compiler/load';
import { importFolder } from '../../src/importer/importer';

import { CORPUS_ENV, KCS_ARTICLES, ROOT } from '../paths';

if (!KCS_ARTICLES) {
  console.log(`not run: set ${CORPUS_ENV} to the Experience League knowledge base folder`);
  process.exit(0);
}
const CORPUS = KCS_ARTICLES;
const row = (label: string, value: number | string) => console.log(`${label.padEnd(64)} ${value}`);
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

const out = mkdtempSync(join(tmpdir(), 'xc-import-bench-'));
try {
  let started = performance.now();
  const { report } = importFolder({ input: CORPUS, out, overrides: resolve(ROOT, 'importer-overrides.yaml'), root: ROOT });
  const importMs = performance.now() - started;

  started = performance.now();
  const { files, shadowed } = loadSources(ROOT, 'articles', relative(ROOT, out));
  const loadMs = performance.now() - started;
  started = performance.now();
  const compiled = compileArticles(files);
  const compileMs = performance.now() - started;
  if (compiled.problems.length) console.error(formatProblems(compiled.problems));

  const table = JSON.stringify(compiled.table);
  const articles = JSON.stringify(compiled.articles);
  row('corpus files read', report.filesRead);
  row('articles imported (search only)', `${report.imported.total} (${report.imported.searchOnly})`);
  row('import of the whole corpus, ms (read, convert, extract, check, write)', Math.round(importMs));
  row('load ours + imported, ms', Math.round(loadMs));
  row(`compileArticles on ours + imported (${compiled.articles.length} articles, ${shadowed.length} shadowed), ms`, Math.round(compileMs));
  row('compile problems / warnings', `${compiled.problems.length} / ${compiled.warnings.length}`);
  row(`detection table (${compiled.table.patterns.length} patterns), KB raw / gzip`, `${kb(table.length)} / ${kb(gzipSync(table).length)}`);
  row('article store, KB raw / gzip', `${kb(articles.length)} / ${kb(gzipSync(articles).length)}`);
  row('search indexes (small + body), KB raw', `${kb(compiled.smallIndex.length)} + ${kb(compiled.bodyIndex.length)}`);
  row('report.json, bytes', readFileSync(join(out, 'report.json')).length);
} finally {
  rmSync(out, { recursive: true, force: true });
}
