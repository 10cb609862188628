import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { formatProblems } from './src/compiler/compile';
import { compileProject } from './src/compiler/load';
import { shippedLicence } from './src/importer/folder';
import { ARTICLE_FILE } from './src/shared/article-id';
import { articleInfo } from './src/shared/kb-types';
import { browserManifest, type Browser } from './src/build/manifest';

const root = import.meta.dirname;
/** Imported articles merged into the build (`npm run import` writes them); XC_IMPORTED names another folder. */
const importedDir = process.env.XC_IMPORTED ?? 'imported';
/** Where the builds go; XC_OUT_DIR lets a test build elsewhere without touching dist/. */
const outRoot = process.env.XC_OUT_DIR ?? 'dist';

/**
 * Compiles the knowledge base once per build. The detection table is written to .cache/kb/table.json and
 * reached through the `@kb/table` alias: crxjs builds content scripts in a separate pass without our
 * plugins, but it keeps aliases. The article store and search indexes are emitted as extension files.
 */
function knowledgeBase(outDir: string): { plugin: Plugin; alias: Record<string, string> } {
  const kb = compileProject(root, importedDir);
  if (kb.problems.length) {
    throw new Error(`The knowledge base has ${kb.problems.length} problem(s):\n${formatProblems(kb.problems)}`);
  }
  for (const warning of kb.warnings) console.warn(`${warning.file}:${warning.line}: ${warning.message}`);
  if (kb.shadowed.length) console.warn(`${kb.shadowed.length} imported article(s) replaced by our own: ${kb.shadowed.join(', ')}`);
  // one cache per output folder, so two builds side by side do not share a table
  const dir = resolve(root, '.cache/kb', relative(root, resolve(root, outDir)).replace(/[^\w.-]+/g, '_'));
  const licence = shippedLicence(resolve(root, importedDir));
  const importedCount = existsSync(resolve(root, importedDir)) ? readdirSync(resolve(root, importedDir)).filter((n) => ARTICLE_FILE.test(n)).length : 0;
  mkdirSync(dir, { recursive: true });
  const meta = { count: kb.articles.length, builtAt: new Date().toISOString() };
  writeFileSync(resolve(dir, 'table.json'), JSON.stringify(kb.table));
  writeFileSync(resolve(dir, 'meta.json'), JSON.stringify(meta));
  // the worker's list of every article: what the popup shows of each (the content script's table has no summaries)
  writeFileSync(resolve(dir, 'infos.json'), JSON.stringify(kb.articles.map(articleInfo)));
  const plugin: Plugin = {
    name: 'xc:knowledge-base',
    generateBundle() {
      const emit = (fileName: string, source: string) => this.emitFile({ type: 'asset', fileName, source });
      emit('kb/articles.json', JSON.stringify(kb.articles));
      emit('kb/search-small.json', kb.smallIndex);
      emit('kb/search-body.json', kb.bodyIndex);
      if (importedCount > 0 && licence !== null) emit('kb/IMPORTED-LICENSE.txt', licence);
    },
  };
  return { plugin, alias: { '@kb/table': resolve(dir, 'table.json'), '@kb/meta': resolve(dir, 'meta.json'), '@kb/infos': resolve(dir, 'infos.json') } };
}

export default defineConfig(({ mode }) => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
  const manifest = browserManifest(JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8')), browser, version);
  const outDir = `${outRoot}/${browser}`;
  const kb = knowledgeBase(outDir);
  return {
    resolve: { alias: kb.alias },
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false }), crx({ manifest: manifest as unknown as ManifestV3Export, browser }), kb.plugin],
    build: {
      outDir,
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox128' : 'chrome120',
      modulePreload: { polyfill: false },
    },
  };
});
