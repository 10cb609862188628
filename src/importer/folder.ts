import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ARTICLE_FILE } from '../shared/article-id';
import { importArticles, type ImportResult, type SourceEntry } from './importer';
import { parseOverrides } from './overrides';

/**
 * The importer's dealings with the file system: the source folder is read as regular files only (never
 * through a symbolic link), the licence is taken only from a regular file, and the output folder is
 * written only when it is new, empty or an earlier import's (a marker file lists what it wrote); only
 * those files are ever removed.
 */

/**
 * A knowledge-base file. The largest in the public corpus is 420 KB, nearly all of it pictures inlined as
 * base64 (dropped on import); 4 MB is ten times that and keeps one file from holding the run up.
 */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;
/** The licence is a page of text (the MIT licence is 1 KB). */
export const MAX_LICENCE_BYTES = 64 * 1024;
/** Where the licence of imported articles is kept in the output folder (not .md: it is not an article). */
export const LICENCE_FILE = 'LICENSE.txt';
/** Lists the files an import wrote, so the next run removes those and nothing else. */
export const MARKER_FILE = '.xc-import.json';
const LICENCE_NAMES = ['license.md', 'LICENSE.md', 'LICENSE', 'license.txt', 'LICENSE.txt'];

export interface FolderOptions {
  input: string;
  out: string;
  /** The override file; missing is fine when it is the default. */
  overrides?: string | null;
  /** The project root, to find our own articles. */
  root?: string;
}

/** The folder's files, each read only when it is a regular file within the size limit; others say why not. */
export function readSourceFolder(input: string): SourceEntry[] {
  return readdirSync(input)
    .sort()
    .flatMap((name): SourceEntry[] => {
      const stat = lstatSync(join(input, name));
      const problem = (why: string): SourceEntry[] => (name.toLowerCase().endsWith('.md') ? [{ name, bytes: new Uint8Array(), problem: why }] : []);
      if (stat.isSymbolicLink()) return problem('a symbolic link: only regular files in the folder are read');
      if (stat.isDirectory()) return problem('a directory, not a file');
      if (!stat.isFile()) return problem('not a regular file');
      if (stat.size > MAX_SOURCE_BYTES) return problem(`${stat.size} bytes; the limit is ${MAX_SOURCE_BYTES}`);
      return [{ name, bytes: readFileSync(join(input, name)) }];
    });
}

/** The source's licence: a regular file in the folder or the one above it (never a link to elsewhere). */
export function findLicence(input: string): { path: string | null; note: string } {
  for (const path of [input, dirname(input)].flatMap((dir) => LICENCE_NAMES.map((name) => join(dir, name)))) {
    if (!existsSync(path) && !lstatExists(path)) continue;
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return { path: null, note: `${path} is a symbolic link: not copied` };
    if (!stat.isFile()) continue;
    if (stat.size > MAX_LICENCE_BYTES) return { path: null, note: `${path} is ${stat.size} bytes, over ${MAX_LICENCE_BYTES}: not copied` };
    return { path, note: `copied from ${path}` };
  }
  return { path: null, note: 'none found' };
}

/**
 * The licence the build ships beside imported articles: the import folder's own licence file, read only
 * when it is a regular file (not a link to somewhere else) within the size limit; null otherwise.
 */
export function shippedLicence(importedDir: string): string | null {
  const path = join(importedDir, LICENCE_FILE);
  if (!lstatExists(path)) return null;
  const stat = lstatSync(path);
  return stat.isFile() && stat.size <= MAX_LICENCE_BYTES ? readFileSync(path, 'utf8') : null;
}

function lstatExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** What an earlier import wrote here, or throws when the folder holds anything it did not write. */
function earlierImport(out: string, shown: string): string[] {
  if (!existsSync(out)) return [];
  if (!statSync(out).isDirectory()) throw new Error(`${shown} is not a folder`);
  const names = readdirSync(out);
  if (!names.length) return [];
  const refuse = (why: string) => new Error(`refusing to write imported articles into ${shown}: ${why}; pick a folder of their own, such as imported/`);
  if (!names.includes(MARKER_FILE)) throw refuse(`it holds files an import did not write (${names.slice(0, 3).join(', ')})`);
  let written: unknown;
  try {
    written = JSON.parse(readFileSync(join(out, MARKER_FILE), 'utf8')).files;
  } catch {
    throw refuse(`its ${MARKER_FILE} cannot be read`);
  }
  const ours = new Set(Array.isArray(written) ? written.filter((n): n is string => typeof n === 'string' && !n.includes('/') && !n.includes('\\')) : []);
  const others = names.filter((n) => n !== MARKER_FILE && !ours.has(n));
  if (others.length) throw refuse(`it holds files an import did not write (${others.slice(0, 3).join(', ')})`);
  return [...ours];
}

/** Reads a folder, imports it, replaces what an earlier import wrote in the output folder. */
export function importFolder(options: FolderOptions): ImportResult {
  const input = resolve(options.input);
  const out = resolve(options.out);
  const root = resolve(options.root ?? process.cwd());
  if (!existsSync(input) || !statSync(input).isDirectory()) throw new Error(`${options.input} is not a folder`);
  for (const forbidden of [input, root, join(root, 'articles'), join(root, 'src')]) {
    if (out === resolve(forbidden)) throw new Error(`refusing to write imported articles into ${options.out}: pick a folder of their own, such as imported/`);
  }
  const earlier = earlierImport(out, options.out);
  const overridesFile = options.overrides && existsSync(options.overrides) ? options.overrides : null;
  const overrides = overridesFile ? parseOverrides(readFileSync(overridesFile, 'utf8'), overridesFile) : new Map();
  const ownDir = join(root, 'articles');
  const ownIds = new Set(existsSync(ownDir) ? readdirSync(ownDir).flatMap((n) => ARTICLE_FILE.exec(n)?.[1] ?? []) : []);

  const result = importArticles(readSourceFolder(input), { overrides, ownIds });
  result.report.overrides.file = overridesFile;
  const licence = findLicence(input);
  result.report.licence = licence.note;

  mkdirSync(out, { recursive: true });
  for (const name of earlier) if (lstatExists(join(out, name)) && lstatSync(join(out, name)).isFile()) rmSync(join(out, name));
  const files = result.articles.map((article) => `${article.id}.md`);
  result.articles.forEach((article, i) => writeFileSync(join(out, files[i]), article.text));
  writeFileSync(join(out, 'report.json'), `${JSON.stringify(result.report, null, 2)}\n`);
  files.push('report.json');
  // the source's licence travels with its articles, and the build ships it beside them
  if (licence.path) {
    writeFileSync(join(out, LICENCE_FILE), readFileSync(licence.path));
    files.push(LICENCE_FILE);
  }
  writeFileSync(join(out, MARKER_FILE), `${JSON.stringify({ files }, null, 2)}\n`);
  return result;
}
