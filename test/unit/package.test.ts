import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePackages, type Packages } from '../../scripts/package';
import { ROOT } from '../paths';

// Packs the build that `npm test` made (dist/) into a temporary folder; `npm run package` also lints the
// Firefox zip, which is left out here to keep the unit tests quick.
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
let out: string;
let made: Packages;
const entries = (file: string) => unzipSync(readFileSync(file));
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'xc-release-'));
  made = makePackages({ root: ROOT, out, lint: false });
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('store packages', () => {
  it('are named with the version from package.json', () => {
    expect(made).toEqual({
      chrome: join(out, `xc-troubleshooter-${version}-chrome.zip`),
      firefox: join(out, `xc-troubleshooter-${version}-firefox.zip`),
      source: join(out, `xc-troubleshooter-${version}-source.zip`),
    });
  });

  it('hold each browser build with its manifest at the top, of that version', () => {
    for (const [file, background] of [[made.chrome, 'service_worker'], [made.firefox, 'scripts']] as const) {
      const zip = entries(file);
      const manifest = JSON.parse(text(zip['manifest.json'])) as { version: string; background: Record<string, unknown> };
      expect(manifest.version).toBe(version);
      expect(manifest.background[background]).toBeTruthy();
      expect(Object.keys(zip)).toContain('kb/articles.json');
      expect(Object.keys(zip)).toContain('src/content/main.iife.js');
    }
  });

  it('ship the source a reviewer can build from, with the guide, and nothing built or installed', () => {
    const names = Object.keys(entries(made.source));
    for (const needed of ['BUILD.md', 'package.json', 'package-lock.json', 'manifest.json', 'vite.config.ts', 'src/content/app.ts', 'articles/KA-21790.md']) expect(names).toContain(needed);
    expect(names.filter((n) => /^(dist|node_modules|release|imported|\.cache)\//.test(n))).toEqual([]);
    expect(text(entries(made.source)['BUILD.md'])).toContain('npm run build');
  });
});
