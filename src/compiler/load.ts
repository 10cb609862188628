import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { articleIdOf, isMisspeltArticleFile } from '../shared/article-id';
import { compileArticles, type CompiledKnowledgeBase, type Problem, type SourceFile } from './compile';
import { MAX_ARTICLE_BYTES } from './rules';

export interface LoadedSources {
  files: SourceFile[];
  /** Imported articles left out because one of ours has the same id. */
  shadowed: string[];
  /** Files that could not be read as articles: not a regular file, a misspelt name, not UTF-8, too big. */
  problems: Problem[];
}

/**
 * The line of the first byte that is not UTF-8, or 0 when all of it is. Decoding would turn such bytes
 * into U+FFFD silently; an article must say what it means.
 */
export function invalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      decoder.decode(bytes.subarray(start, i));
    } catch {
      return line;
    }
    line++;
    start = i + 1;
  }
  return 0;
}

/**
 * Reads one article file as text, or says why it cannot: only regular files (a directory, a symbolic link
 * or a device named `KA-90001.md` is reported, never followed), within the size limit, valid UTF-8.
 */
export function readArticleFile(path: string, shown: string): { text: string } | Problem {
  const problem = (line: number, message: string): Problem => ({ file: shown, line, message });
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    return problem(1, `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (stat.isSymbolicLink()) return problem(1, 'is a symbolic link: articles must be regular files in the folder');
  if (!stat.isFile()) return problem(1, `is a ${stat.isDirectory() ? 'directory' : 'special file'}, not an article file`);
  if (stat.size > MAX_ARTICLE_BYTES) return problem(1, `the article is ${stat.size} bytes; the limit is ${MAX_ARTICLE_BYTES}: split it or shorten it`);
  const bytes = readFileSync(path);
  const bad = invalidUtf8Line(bytes);
  if (bad) return problem(bad, 'not valid UTF-8 text: save the file as UTF-8');
  return { text: bytes.toString('utf8') };
}

/** Markdown files of a folder (README.md aside), with a problem for each name that is not an article's. */
function articleFiles(root: string, dir: string, imported: boolean, problems: Problem[]): SourceFile[] {
  if (!existsSync(dir)) return [];
  const files: SourceFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    const shown = relative(root, join(dir, name));
    if (isMisspeltArticleFile(name)) {
      problems.push({ file: shown, line: 1, message: `file name must be the article number with a lower-case .md, e.g. ${name.slice(0, -3).toUpperCase()}.md` });
      continue;
    }
    if (!name.endsWith('.md') || name === 'README.md') continue;
    const read = readArticleFile(join(dir, name), shown);
    if ('text' in read) files.push({ path: shown, text: read.text, imported: imported || undefined });
    else problems.push(read);
  }
  return files;
}

/** Our articles, then the imported ones whose id we do not have. Paths are relative to `root`. */
export function loadSources(root: string, ownDir = 'articles', importedDir = 'imported'): LoadedSources {
  const problems: Problem[] = [];
  const files = articleFiles(root, resolve(root, ownDir), false, problems);
  const ours = new Set(files.map((f) => articleIdOf(f.path.split('/').pop() ?? '')));
  const shadowed: string[] = [];
  for (const file of articleFiles(root, resolve(root, importedDir), true, problems)) {
    const id = articleIdOf(file.path.split('/').pop() ?? '');
    if (id && ours.has(id)) shadowed.push(id);
    else files.push(file);
  }
  return { files, shadowed, problems };
}

export function compileProject(root: string, importedDir = 'imported'): CompiledKnowledgeBase & { shadowed: string[] } {
  const { files, shadowed, problems } = loadSources(root, 'articles', importedDir);
  const compiled = compileArticles(files);
  if (!problems.length) return { ...compiled, shadowed };
  return { ...compiled, table: { articles: [], patterns: [], contexts: [] }, articles: [], problems: [...problems, ...compiled.problems], shadowed };
}
