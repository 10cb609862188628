import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { compileArticles, type CompiledKnowledgeBase, type SourceFile } from './compile';

export interface LoadedSources {
  files: SourceFile[];
  /** Imported articles left out because one of ours has the same id. */
  shadowed: string[];
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()
    .map((name) => join(dir, name));
}

/** Our articles, then the imported ones whose id we do not have. Paths are relative to `root`. */
export function loadSources(root: string, ownDir = 'articles', importedDir = 'imported'): LoadedSources {
  const files: SourceFile[] = markdownFiles(resolve(root, ownDir)).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
  const ours = new Set(files.map((f) => f.path.split('/').pop()));
  const shadowed: string[] = [];
  for (const path of markdownFiles(resolve(root, importedDir))) {
    const name = path.split('/').pop();
    if (ours.has(name)) shadowed.push(name!.replace(/\.md$/, ''));
    else files.push({ path: relative(root, path), text: readFileSync(path, 'utf8'), imported: true });
  }
  return { files, shadowed };
}

export function compileProject(root: string, importedDir = 'imported'): CompiledKnowledgeBase & { shadowed: string[] } {
  const { files, shadowed } = loadSources(root, 'articles', importedDir);
  return { ...compileArticles(files), shadowed };
}
