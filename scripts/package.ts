/**
 * `npm run package` (after the build): the files a store asks for, under release/, named with the version
 * from package.json:
 * - xc-troubleshooter-<version>-chrome.zip: dist/chrome, for the Chrome Web Store;
 * - xc-troubleshooter-<version>-firefox.zip: dist/firefox, zipped by web-ext build, for addons.mozilla.org;
 *   unpacked again and checked with web-ext lint, so the file that ships is the file that was linted;
 * - xc-troubleshooter-<version>-source.zip: the project's tracked files and a build guide, which
 *   addons.mozilla.org asks for from bundled extensions.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { ROOT } from '../test/paths';

export interface Packages {
  chrome: string;
  firefox: string;
  source: string;
}

export const packageName = (version: string, kind: keyof Packages) => `xc-troubleshooter-${version}-${kind}.zip`;

/** Every file under `dir`, as paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

/** A zip of the given files (paths relative to `base`) with fixed dates, so the same input gives the same bytes. */
function zipFiles(base: string, files: string[], extra: Record<string, string> = {}): Uint8Array {
  const entries: Zippable = {};
  const mtime = new Date('2000-01-01T00:00:00Z');
  for (const file of files) entries[file.split('\\').join('/')] = [readFileSync(join(base, file)), { mtime }];
  for (const [name, text] of Object.entries(extra)) entries[name] = [new TextEncoder().encode(text), { mtime }];
  return zipSync(entries, { level: 9 });
}

/** The build guide shipped inside the source zip. */
export function buildGuide(version: string): string {
  return `# Building XC Troubleshooter ${version} from this source

The add-on is built from these files with Node.js and npm; nothing is downloaded at build time but the npm
packages named in package-lock.json.

Requirements: Node.js 20 or later (with npm 10 or later), on Linux, macOS or Windows.

    npm ci
    npm run build

\`dist/firefox/\` is then the add-on as submitted (\`dist/chrome/\` is the Chrome build). The knowledge base
is compiled from \`articles/*.md\` by \`src/compiler/\` during the build; \`vite.config.ts\` drives it.
To make the same zip as the one submitted: \`npm run package\` (it writes \`release/\`).
`;
}

/** The tracked files of the project, less the pictures of the docs (not needed to build). */
export function sourceFiles(root: string): string[] {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  return tracked.filter((file) => !/^docs\/.*\.png$/.test(file) && statSync(join(root, file), { throwIfNoEntry: false })?.isFile());
}

/** Runs web-ext lint on an unpacked copy of the Firefox zip; throws when it finds an error. */
function lintFirefoxZip(zipFile: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'xc-firefox-zip-'));
  try {
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zipFile)))) {
      if (name.endsWith('/')) continue;
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), bytes);
    }
    const report = join(dir, '..', `${relative(tmpdir(), dir)}-lint.json`);
    const lint = execFileSync(join(ROOT, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', dir, '--self-hosted', '--output', 'json', '--pretty=false'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    writeFileSync(report, lint);
    execFileSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/check-web-ext-lint.ts'), report, dir], { cwd: ROOT, stdio: 'inherit' });
    rmSync(report, { force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function makePackages(options: { root: string; out: string; lint?: boolean }): Packages {
  const { root, out } = options;
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  for (const browser of ['chrome', 'firefox']) {
    const manifest = JSON.parse(readFileSync(join(root, 'dist', browser, 'manifest.json'), 'utf8')) as { version: string };
    if (manifest.version !== version) throw new Error(`dist/${browser} is version ${manifest.version}, package.json says ${version}: run npm run build first`);
  }
  mkdirSync(out, { recursive: true });
  const paths: Packages = { chrome: join(out, packageName(version, 'chrome')), firefox: join(out, packageName(version, 'firefox')), source: join(out, packageName(version, 'source')) };

  writeFileSync(paths.chrome, zipFiles(join(root, 'dist/chrome'), filesUnder(join(root, 'dist/chrome'))));
  execFileSync(join(root, 'node_modules/.bin/web-ext'), ['build', '--source-dir', join(root, 'dist/firefox'), '--artifacts-dir', out, '--filename', packageName(version, 'firefox'), '--overwrite-dest'], { cwd: root, stdio: 'pipe' });
  writeFileSync(paths.source, zipFiles(root, sourceFiles(root), { 'BUILD.md': buildGuide(version) }));
  if (options.lint !== false) lintFirefoxZip(paths.firefox);
  return paths;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const made = makePackages({ root: ROOT, out: join(ROOT, 'release') });
  for (const file of Object.values(made)) console.log(`${relative(ROOT, file)}  ${(statSync(file).size / 1024).toFixed(1)} KB`);
}
