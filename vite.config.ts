import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { formatProblems } from './src/compiler/compile';
import { compileProject } from './src/compiler/load';
import { browserManifest, type Browser } from './src/compiler/manifest';

const root = import.meta.dirname;

/**
 * Compiles the knowledge base once per build. The detection table is written to .cache/kb/table.json and
 * reached through the `@kb/table` alias: crxjs builds content scripts in a separate pass without our
 * plugins, but it keeps aliases. The article store and search indexes are emitted as extension files.
 */
function knowledgeBase(): { plugin: Plugin; alias: Record<string, string> } {
  const kb = compileProject(root);
  if (kb.problems.length) {
    throw new Error(`The knowledge base has ${kb.problems.length} problem(s):\n${formatProblems(kb.problems)}`);
  }
  for (const warning of kb.warnings) console.warn(`${warning.file}:${warning.line}: ${warning.message}`);
  if (kb.shadowed.length) console.warn(`${kb.shadowed.length} imported article(s) replaced by our own: ${kb.shadowed.join(', ')}`);
  const dir = resolve(root, '.cache/kb');
  mkdirSync(dir, { recursive: true });
  const meta = { count: kb.articles.length, builtAt: new Date().toISOString() };
  writeFileSync(resolve(dir, 'table.json'), JSON.stringify(kb.table));
  writeFileSync(resolve(dir, 'meta.json'), JSON.stringify(meta));
  const plugin: Plugin = {
    name: 'xc:knowledge-base',
    generateBundle() {
      const emit = (fileName: string, source: string) => this.emitFile({ type: 'asset', fileName, source });
      emit('kb/articles.json', JSON.stringify(kb.articles));
      emit('kb/search-small.json', kb.smallIndex);
      emit('kb/search-body.json', kb.bodyIndex);
    },
  };
  return { plugin, alias: { '@kb/table': resolve(dir, 'table.json'), '@kb/meta': resolve(dir, 'meta.json') } };
}

export default defineConfig(({ mode }) => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  const manifest = browserManifest(JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8')), browser);
  const kb = knowledgeBase();
  return {
    resolve: { alias: kb.alias },
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false }), crx({ manifest: manifest as unknown as ManifestV3Export, browser }), kb.plugin],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox128' : 'chrome120',
      modulePreload: { polyfill: false },
    },
  };
});
