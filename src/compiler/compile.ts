import matter from 'gray-matter';
import MiniSearch from 'minisearch';
import { MODE_CONTEXT, MODE_STRICT, type DetectionTable, type StoredArticle, type TablePattern } from '../shared/kb-types';
import { isProductKey, type ProductKey } from '../shared/products';
import { BODY_FIELDS, SMALL_FIELDS, STORE_FIELDS, processTerm, tokenize } from '../shared/search-config';
import { anchorIndex, patternParts } from '../matcher/matcher';
import { compileBody } from './markdown';
import { isGeneric } from './generic';

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

export const SOURCE_PREFIX = 'https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/';
const ID_FROM_PATH = /(?:^|\/)(KA-\d{4,6})\.md$/;
const FIELDS = new Set(['title', 'summary', 'products', 'errors', 'contexts', 'keywords', 'source', 'updated']);
const MAX_SUMMARY = 200;

interface ErrorEntry {
  text: string;
  url?: string;
  line: number;
}

/** The line of the front matter (1-based in the file) where `needle` first appears, or 1. */
function lineFinder(text: string): (needle: string, from?: number) => number {
  const lines = text.split(/\r?\n/);
  return (needle, from = 1) => {
    for (let i = Math.max(0, from - 1); i < lines.length; i++) {
      if (lines[i].includes(needle)) return i + 1;
      if (i > 0 && lines[i].trim() === '---') break;
    }
    return from;
  };
}

function toDate(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return value;
  return null;
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

function checkGlob(url: unknown): string | null {
  if (!isString(url)) return 'url must be a non-empty string';
  if (!/^https:\/\/[^/]+/.test(url)) return `url pattern "${url}" must start with https:// and a host`;
  return null;
}

/**
 * Compiles article sources into the detection table, the article store and the search indexes.
 * Never throws on bad input: every problem is collected with its file and line.
 */
export function compileArticles(files: SourceFile[]): CompiledKnowledgeBase {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const articles: StoredArticle[] = [];
  const bodies: string[] = [];
  const table: DetectionTable = { articles: [], patterns: [], contexts: [] };
  const seenTexts = new Map<string, { id: string; file: string; line: number }>();
  const pending: { article: StoredArticle; errors: ErrorEntry[]; contexts: { url: string; text?: string }[]; file: SourceFile }[] = [];

  for (const file of [...files].sort((a, b) => Number(!!a.imported) - Number(!!b.imported) || a.path.localeCompare(b.path))) {
    const report = (line: number, message: string) => problems.push({ file: file.path, line, message });
    const idMatch = ID_FROM_PATH.exec(file.path);
    if (!idMatch) {
      report(1, 'file name must be the article number, e.g. KA-21790.md');
      continue;
    }
    const id = idMatch[1];
    const text = file.text.replace(/^\uFEFF/, '');
    if (!/^---\r?\n/.test(text)) {
      report(1, 'missing front matter: the file must start with a line "---"');
      continue;
    }
    let parsed: matter.GrayMatterFile<string>;
    try {
      parsed = matter(text, {});
    } catch (error) {
      const mark = (error as { mark?: { line?: number } }).mark;
      const reason = (error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0];
      report((mark?.line ?? 0) + 2, `front matter is not valid YAML: ${reason}`);
      continue;
    }
    const data = (parsed.data ?? {}) as Record<string, unknown>;
    const lineOf = lineFinder(text);
    const bodyOffset = text.split(/\r?\n/).length - parsed.content.split(/\r?\n/).length;
    const before = problems.length;

    for (const key of Object.keys(data)) {
      if (!FIELDS.has(key)) report(lineOf(`${key}:`), `unknown field "${key}"${key === 'id' ? ': the id is the file name' : ''}`);
    }
    if (!isString(data.title)) report(lineOf('title:'), 'missing title');
    if (!isString(data.summary)) report(lineOf('summary:'), 'missing summary: one sentence for the tip');
    else if (data.summary.length > MAX_SUMMARY) report(lineOf('summary:'), `summary is ${data.summary.length} characters; keep it under ${MAX_SUMMARY}`);

    const products: ProductKey[] = [];
    if (!Array.isArray(data.products) || data.products.length === 0) report(lineOf('products:'), 'products must list one or more of aam, aep, analytics, cja, target');
    else
      for (const product of data.products) {
        if (isProductKey(product)) products.push(product);
        else report(lineOf(String(product), lineOf('products:')), `unknown product "${String(product)}": use aam, aep, analytics, cja or target`);
      }

    const errors: ErrorEntry[] = [];
    if (data.errors !== undefined && !Array.isArray(data.errors)) report(lineOf('errors:'), 'errors must be a list');
    let cursor = lineOf('errors:');
    for (const entry of Array.isArray(data.errors) ? data.errors : []) {
      const textValue = typeof entry === 'string' ? entry : (entry as { text?: unknown })?.text;
      const url = typeof entry === 'object' && entry ? (entry as { url?: unknown }).url : undefined;
      const line = isString(textValue) ? lineOf(textValue.slice(0, 30), cursor) : cursor;
      cursor = line;
      if (!isString(textValue)) {
        report(line, 'an error entry needs its text: a string, or { text, url }');
        continue;
      }
      if (typeof entry === 'object') {
        for (const key of Object.keys(entry as object)) if (key !== 'text' && key !== 'url') report(line, `unknown key "${key}" in an error entry`);
        const bad = url === undefined ? null : checkGlob(url);
        if (bad) report(line, bad);
      }
      const parts = patternParts(textValue);
      if (anchorIndex(parts) < 0) {
        report(line, `error text "${textValue}" has no literal words to look for`);
        continue;
      }
      if (isGeneric(textValue) && url === undefined) {
        report(line, `error text "${textValue}" is too generic to match on every page: give it a url scope ({ text, url }) or use the full message`);
      }
      errors.push({ text: textValue, url: isString(url) ? url : undefined, line });
    }

    const contexts: { url: string; text?: string }[] = [];
    if (data.contexts !== undefined && !Array.isArray(data.contexts)) report(lineOf('contexts:'), 'contexts must be a list of { url, text }');
    for (const entry of Array.isArray(data.contexts) ? data.contexts : []) {
      const context = (entry ?? {}) as { url?: unknown; text?: unknown };
      const line = lineOf(isString(context.url) ? context.url : 'contexts:');
      const bad = checkGlob(context.url);
      if (bad) report(line, bad);
      if (context.text !== undefined && !isString(context.text)) report(line, 'context text must be a string');
      for (const key of Object.keys(context)) if (key !== 'url' && key !== 'text') report(line, `unknown key "${key}" in a context`);
      if (!bad) contexts.push({ url: context.url as string, text: isString(context.text) ? context.text : undefined });
    }
    // an imported article may be search-only: listed in the popup's search, never detected on a page
    if (!file.imported && !errors.length && !contexts.length && !(Array.isArray(data.errors) && data.errors.length)) {
      report(lineOf('title:'), 'the article needs error texts (errors:) or page contexts (contexts:)');
    }

    const keywords = Array.isArray(data.keywords) ? data.keywords.filter(isString) : [];
    if (data.keywords !== undefined && (!Array.isArray(data.keywords) || keywords.length !== data.keywords.length)) {
      report(lineOf('keywords:'), 'keywords must be a list of strings');
    }
    const expectedSource = `${SOURCE_PREFIX}${id.toLowerCase()}`;
    if (!isString(data.source) || !data.source.startsWith(SOURCE_PREFIX)) {
      report(lineOf('source:'), `source must be the Experience League page, ${expectedSource}`);
    }
    const updated = toDate(data.updated);
    if (!updated) report(lineOf('updated:'), 'updated must be a date, YYYY-MM-DD');

    const compiled = compileBody(parsed.content);
    for (const p of compiled.problems) report(p.line + bodyOffset, p.message);

    if (problems.length > before) continue;
    const article: StoredArticle = {
      id,
      title: (data.title as string).trim(),
      summary: (data.summary as string).trim(),
      products,
      errors: errors.map((e) => e.text),
      contexts,
      keywords,
      source: data.source as string,
      updated: updated as string,
      body: compiled.body,
      meaning: compiled.meaning,
      steps: compiled.steps!,
    };
    pending.push({ article, errors, contexts, file });
    bodies.push(compiled.text);
  }

  // error texts: one article each
  for (const { article, errors, file } of pending) {
    const kept: ErrorEntry[] = [];
    for (const error of errors) {
      const key = patternParts(error.text).join('\u0000');
      const earlier = seenTexts.get(key);
      if (!earlier) {
        seenTexts.set(key, { id: article.id, file: file.path, line: error.line });
        kept.push(error);
      } else if (file.imported) {
        warnings.push({ file: file.path, line: error.line, message: `error text "${error.text}" is already in ${earlier.id}; dropped here` });
      } else {
        problems.push({ file: file.path, line: error.line, message: `error text "${error.text}" is also in ${earlier.file}:${earlier.line}: merge the two articles` });
      }
    }
    errors.splice(0, errors.length, ...kept);
    article.errors = kept.map((e) => e.text);
  }
  if (problems.length) return { table, articles: [], smallIndex: '', bodyIndex: '', problems, warnings };

  pending.forEach(({ article, errors, contexts }) => {
    articles.push(article);
    // a search-only article has nothing to detect: it stays out of what the content script carries
    if (!errors.length && !contexts.length) return;
    const index = table.articles.push({ id: article.id, title: article.title, summary: article.summary, products: article.products }) - 1;
    for (const error of errors) {
      const parts = patternParts(error.text);
      const pattern: TablePattern = { a: index, p: parts, k: anchorIndex(parts) };
      if (error.url) pattern.u = [error.url];
      if (isGeneric(error.text)) pattern.m = MODE_STRICT;
      table.patterns.push(pattern);
    }
    for (const context of contexts) {
      const entry: DetectionTable['contexts'][number] = { a: index, url: context.url };
      if (context.text) {
        const parts = patternParts(context.text);
        entry.text = table.patterns.push({ a: index, p: parts, k: anchorIndex(parts), m: MODE_CONTEXT }) - 1;
      }
      table.contexts.push(entry);
    }
  });

  const small = new MiniSearch({ fields: [...SMALL_FIELDS], storeFields: [...STORE_FIELDS], tokenize, processTerm });
  small.addAll(articles.map((a) => ({ id: a.id, title: a.title, errors: a.errors.join(' \n '), keywords: a.keywords.join(' '), summary: a.summary, products: a.products })));
  const body = new MiniSearch({ fields: [...BODY_FIELDS], tokenize, processTerm });
  body.addAll(articles.map((a, i) => ({ id: a.id, body: bodies[i] })));

  return { table, articles, smallIndex: JSON.stringify(small), bodyIndex: JSON.stringify(body), problems, warnings };
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n');
}
