import MiniSearch from 'minisearch';
import { anchorIndex, patternParts } from '../matcher/matcher';
import { articleIdOf } from '../shared/article-id';
import { MODE_CONTEXT, MODE_STRICT, type DetectionTable, type StoredArticle, type TablePattern } from '../shared/kb-types';
import { BODY_FIELDS, SMALL_FIELDS, STORE_FIELDS, processTerm, tokenize } from '../shared/search-config';
import { readFields, type ArticleFields, type ErrorEntry, type Report } from './fields';
import { isGeneric } from './generic';
import { compileBody, type CompiledBody } from './markdown';
import { MAX_ARTICLE_BYTES, textKey } from './rules';
import { readFrontMatter } from './yaml';

export { SOURCE_PREFIX } from './rules';

export interface SourceFile {
  /** Shown in problems, e.g. `articles/KA-21790.md`. */
  path: string;
  text: string;
  /** Imported articles give way to our own: a clashing error text is dropped with a warning. */
  imported?: boolean;
}

export interface Problem {
  file: string;
  line: number;
  message: string;
}

export interface CompiledKnowledgeBase {
  table: DetectionTable;
  articles: StoredArticle[];
  /** MiniSearch JSON over title, error texts, keywords and summary. */
  smallIndex: string;
  /** MiniSearch JSON over bodies. */
  bodyIndex: string;
  problems: Problem[];
  warnings: Problem[];
}

/** An article that passed every check, before error texts are shared out between articles. */
interface Draft {
  file: SourceFile;
  fields: ArticleFields;
  body: CompiledBody;
  steps: NonNullable<CompiledBody['steps']>;
}

/** An article with the error texts it keeps. */
interface Checked extends Draft {
  errors: ErrorEntry[];
}

/**
 * Compiles article sources into the detection table, the article store and the search indexes, in four
 * steps: check each file, give each error text to one article, build the table, build the indexes.
 * Never throws on bad input: every problem is collected with its file and line.
 */
export function compileArticles(files: SourceFile[]): CompiledKnowledgeBase {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const drafts: Draft[] = [];
  for (const file of ourArticlesFirst(files)) {
    const draft = checkArticle(file, (line, message) => problems.push({ file: file.path, line, message }));
    if (draft) drafts.push(draft);
  }
  const checked = shareErrorTexts(drafts, problems, warnings);
  if (problems.length) return { table: { articles: [], patterns: [], contexts: [] }, articles: [], smallIndex: '', bodyIndex: '', problems, warnings };
  const articles = checked.map(storedArticle);
  return { table: buildTable(checked), articles, ...buildIndexes(articles, checked), problems, warnings };
}

/** Our own articles claim error texts before imported ones; within each, by path. */
function ourArticlesFirst(files: readonly SourceFile[]): SourceFile[] {
  return [...files].sort((a, b) => Number(!!a.imported) - Number(!!b.imported) || a.path.localeCompare(b.path));
}

/** Checks one file: name, size, front matter, body. Returns the draft, or null after reporting why. */
function checkArticle(file: SourceFile, report: Report): Draft | null {
  const id = articleIdOf(file.path.split('/').pop() ?? '');
  if (!id) {
    report(1, 'file name must be the article number, e.g. KA-21790.md');
    return null;
  }
  const size = Buffer.byteLength(file.text, 'utf8');
  if (size > MAX_ARTICLE_BYTES) {
    report(1, `the article is ${size} bytes; the limit is ${MAX_ARTICLE_BYTES}: split it or shorten it`);
    return null;
  }
  const read = readFrontMatter(file.text);
  if (!read.ok) {
    report(read.problem.line, read.problem.message);
    return null;
  }
  let failed = false;
  const counted: Report = (line, message) => {
    failed = true;
    report(line, message);
  };
  const fields = readFields(read.front, id, !!file.imported, counted);
  const body = compileBody(read.front.body);
  for (const p of body.problems) counted(p.line + read.front.bodyOffset, p.message);
  if (failed || !fields || !body.steps) return null;
  return { file, fields, body, steps: body.steps };
}

/**
 * Gives each error text (compared by `textKey`) to one article: the first by `ourArticlesFirst` order.
 * Two of our own articles sharing a text is a problem; an imported article gives way with a warning.
 */
function shareErrorTexts(drafts: readonly Draft[], problems: Problem[], warnings: Problem[]): Checked[] {
  const owners = new Map<string, { id: string; file: string; line: number }>();
  return drafts.map((draft) => {
    const { file, fields } = draft;
    const errors = fields.errors.filter((error) => {
      const key = textKey(error.text);
      const earlier = owners.get(key);
      if (!earlier) {
        owners.set(key, { id: fields.id, file: file.path, line: error.line });
        return true;
      }
      if (file.imported) warnings.push({ file: file.path, line: error.line, message: `error text "${error.text}" is already in ${earlier.id}; dropped here` });
      else problems.push({ file: file.path, line: error.line, message: `error text "${error.text}" is also in ${earlier.file}:${earlier.line}: merge the two articles` });
      return false;
    });
    return { ...draft, errors };
  });
}

function storedArticle({ fields, body, steps, errors }: Checked): StoredArticle {
  return {
    id: fields.id,
    title: fields.title,
    summary: fields.summary,
    products: fields.products,
    errors: errors.map((e) => e.text),
    contexts: fields.contexts,
    keywords: fields.keywords,
    source: fields.source,
    updated: fields.updated,
    body: body.body,
    meaning: body.meaning,
    steps,
  };
}

/** What the content script carries: articles with something to detect, their patterns and contexts. */
function buildTable(checked: readonly Checked[]): DetectionTable {
  const table: DetectionTable = { articles: [], patterns: [], contexts: [] };
  for (const { fields, errors } of checked) {
    // a search-only article has nothing to detect: it stays out of what the content script carries
    if (!errors.length && !fields.contexts.length) continue;
    const index = table.articles.push({ id: fields.id, title: fields.title, products: fields.products }) - 1;
    for (const error of errors) {
      const parts = patternParts(error.text);
      const pattern: TablePattern = { a: index, p: parts, k: anchorIndex(parts) };
      if (error.url) pattern.u = [error.url];
      if (isGeneric(error.text)) pattern.m = MODE_STRICT;
      table.patterns.push(pattern);
    }
    for (const context of fields.contexts) {
      const entry: DetectionTable['contexts'][number] = { a: index, url: context.url };
      if (context.text) {
        const parts = patternParts(context.text);
        entry.text = table.patterns.push({ a: index, p: parts, k: anchorIndex(parts), m: MODE_CONTEXT }) - 1;
      }
      table.contexts.push(entry);
    }
  }
  return table;
}

function buildIndexes(articles: readonly StoredArticle[], checked: readonly Checked[]): { smallIndex: string; bodyIndex: string } {
  const small = new MiniSearch({ fields: [...SMALL_FIELDS], storeFields: [...STORE_FIELDS], tokenize, processTerm });
  small.addAll(articles.map((a) => ({ id: a.id, title: a.title, errors: a.errors.join(' \n '), keywords: a.keywords.join(' '), summary: a.summary, products: a.products })));
  const body = new MiniSearch({ fields: [...BODY_FIELDS], tokenize, processTerm });
  body.addAll(checked.map(({ fields, body: compiled }) => ({ id: fields.id, body: compiled.text })));
  return { smallIndex: JSON.stringify(small), bodyIndex: JSON.stringify(body) };
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}

