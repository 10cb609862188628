import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { ROOT } from '../paths';

/**
 * The pages built from Adobe's real UI libraries (React Spectrum, Spectrum 2, Spectrum Web Components,
 * Coral Spectrum): sources in test/fixtures/real/<library>/, one Vite build for the React and web-component
 * pages into .cache/real-fixtures/, served at https://experience.adobe.com/real/<library>/<page>.html. Coral
 * pages load Coral's prebuilt files as the older Adobe screens do (its icons are found beside its script):
 * they are copied with those files, not bundled. The build runs once per test run (vitest's global setup)
 * and is skipped while its sources and the lock file are unchanged.
 */
export const REAL_SOURCES = join(ROOT, 'test/fixtures/real');
export const REAL_OUT = join(ROOT, '.cache/real-fixtures');
/** The address prefix the built pages are served under. */
export const REAL_PATH = '/real/';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** What the build depends on: the fixture sources, this file and the installed library versions. */
function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of [...files(REAL_SOURCES).sort(), join(ROOT, 'package-lock.json'), import.meta.filename]) {
    hash.update(relative(ROOT, file)).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * Spectrum 2 loads Adobe Clean from use.typekit.net (@font-face rules and a preload). The browser tests
 * refuse every request that leaves the fixtures, so its font module is replaced by one that loads nothing and
 * the pages use the fallback font.
 */
function noWebFonts(): Plugin {
  const fonts = /@react-spectrum\/s2\/dist\/private\/(Fonts\.mjs|font-faces\.css)$/;
  return {
    name: 'real-fixtures:no-web-fonts',
    enforce: 'pre',
    load(id) {
      if (!fonts.test(id)) return null;
      return id.endsWith('.css') ? '' : 'export function Fonts() { return null; }';
    },
  };
}

export interface RealBuild {
  /** False when the previous build still matched its sources. */
  built: boolean;
  ms: number;
}

export async function buildRealFixtures(): Promise<RealBuild> {
  const started = performance.now();
  const stampFile = join(REAL_OUT, '.fingerprint');
  const stamp = fingerprint();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return { built: false, ms: performance.now() - started };
  rmSync(REAL_OUT, { recursive: true, force: true });
  const { build } = await import('vite');
  const coral = join(REAL_SOURCES, 'coral');
  const pages = files(REAL_SOURCES).filter((file) => file.endsWith('.html') && !file.startsWith(coral + '/'));
  await build({
    configFile: false,
    root: REAL_SOURCES,
    base: REAL_PATH,
    logLevel: 'warn',
    mode: 'production',
    oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
    // the test browsers reach no font host (see noWebFonts)
    plugins: [noWebFonts()],
    build: {
      outDir: REAL_OUT,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 100_000,
      rollupOptions: { input: Object.fromEntries(pages.map((file) => [relative(REAL_SOURCES, file).replace(/\.html$/, ''), file])) },
    },
  });
  cpSync(coral, join(REAL_OUT, 'coral'), { recursive: true });
  const coralDist = join(ROOT, 'node_modules/@adobe/coral-spectrum/dist');
  for (const part of ['js/coral.js', 'css/coral.css', 'resources']) cpSync(join(coralDist, part), join(REAL_OUT, 'coral/vendor/dist', part), { recursive: true });
  writeFileSync(stampFile, stamp);
  return { built: true, ms: performance.now() - started };
}
