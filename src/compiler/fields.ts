import { anchorIndex, patternParts } from '../matcher/matcher';
import { isProductKey, PRODUCT_KEYS, type ProductKey } from '../shared/products';
import { isDocArticleId } from '../shared/article-id';
import { isGeneric } from './generic';
import { checkUrlPattern, DOCS_PREFIX, hasCrmAddress, MAX_SUMMARY, SOURCE_PREFIX, sourceOf, unsafeTextProblem } from './rules';
import type { FrontMatter } from './yaml';

/**
 * The front matter of an article, field by field, into honest types. Each reader reports what is wrong
 * with the line it is on and returns what it could read; `readFields` returns null when anything was wrong.
 */

export type Report = (line: number, message: string) => void;

export interface ErrorEntry {
  text: string;
  url?: string;
  line: number;
}

export interface ContextEntry {
  url: string;
  text?: string;
}

export interface ArticleFields {
  id: string;
  title: string;
  summary: string;
  products: ProductKey[];
  errors: ErrorEntry[];
  contexts: ContextEntry[];
  keywords: string[];
  source: string;
  updated: string;
}

export const FIELDS = new Set(['title', 'summary', 'products', 'errors', 'contexts', 'keywords', 'source', 'updated']);

const CRM_MESSAGE = 'holds a CRM address (crm.dynamics.com): those are private and never ship';
const PRODUCT_LIST = `${PRODUCT_KEYS.slice(0, -1).join(', ')} or ${PRODUCT_KEYS[PRODUCT_KEYS.length - 1]}`;

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

interface Reader {
  data: Record<string, unknown>;
  /** The line of a field, or of one item of a list field; 1 when the field is missing. */
  at(key: string, index?: number): number;
  report: Report;
}

export function readFields(front: FrontMatter, id: string, imported: boolean, report: Report): ArticleFields | null {
  let failed = false;
  const r: Reader = {
    data: front.data as Record<string, unknown>,
    at: (key, index) => front.lineOf(key, index, 1),
    report: (line, message) => {
      failed = true;
      report(line, message);
    },
  };
  for (const key of Object.keys(r.data)) {
    if (!FIELDS.has(key)) r.report(r.at(key), `unknown field "${key}"${key === 'id' ? ': the id is the file name' : ''}`);
  }
  const title = readText(r, 'title', 'missing title');
  const summary = readText(r, 'summary', 'missing summary: one sentence for the tip');
  if (summary && summary.length > MAX_SUMMARY) r.report(r.at('summary'), `summary is ${summary.length} characters; keep it under ${MAX_SUMMARY}`);
  const products = readProducts(r);
  const errors = readErrors(r);
  const contexts = readContexts(r);
  // an imported article may be search-only: listed in the popup's search, never detected on a page
  const listed = Array.isArray(r.data.errors) && r.data.errors.length > 0;
  if (!imported && !errors.length && !contexts.length && !listed) r.report(r.at('title'), 'the article needs error texts (errors:) or page contexts (contexts:)');
  const keywords = readKeywords(r);
  const source = readSource(r, id);
  const updated = readDate(r, 'updated');
  if (failed || !title || !summary || !source || !updated) return null;
  return { id, title, summary, products, errors, contexts, keywords, source, updated };
}

function readText(r: Reader, key: string, missing: string): string | null {
  const value = r.data[key];
  if (!isText(value)) {
    r.report(r.at(key), missing);
    return null;
  }
  if (hasCrmAddress(value)) r.report(r.at(key), `the ${key} ${CRM_MESSAGE}`);
  return value.trim();
}

function readProducts(r: Reader): ProductKey[] {
  const list = r.data.products;
  if (!Array.isArray(list) || list.length === 0) {
    r.report(r.at('products'), `products must list one or more of ${PRODUCT_LIST}`);
    return [];
  }
  const products: ProductKey[] = [];
  list.forEach((product, index) => {
    if (isProductKey(product)) products.push(product);
    else r.report(r.at('products', index), `unknown product "${String(product)}": use ${PRODUCT_LIST}`);
  });
  return products;
}

/** A text to look for on pages: literal words, no bidi control or look-alike letter, no CRM address. */
function checkPageText(r: Reader, line: number, text: string, what: string): boolean {
  const unsafe = unsafeTextProblem(text);
  if (unsafe) r.report(line, `${what}: ${unsafe}`);
  if (hasCrmAddress(text)) r.report(line, `${what} ${CRM_MESSAGE}`);
  if (anchorIndex(patternParts(text)) < 0) {
    r.report(line, `${what} "${text}" has no literal words to look for`);
    return false;
  }
  return !unsafe;
}

/** The items of a list field with their lines; none when the field is absent or (reported) not a list. */
function listField(r: Reader, key: string, notAList: string): { entry: unknown; line: number }[] {
  const list = r.data[key];
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    r.report(r.at(key), notAList);
    return [];
  }
  return list.map((entry: unknown, index) => ({ entry, line: r.at(key, index) }));
}

function readErrors(r: Reader): ErrorEntry[] {
  const errors: ErrorEntry[] = [];
  listField(r, 'errors', 'errors must be a list').forEach(({ entry, line }) => {
    const object = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : null;
    const text = object ? object.text : entry;
    if (!isText(text)) {
      r.report(line, 'an error entry needs its text: a string, or { text, url }');
      return;
    }
    const url = object?.url;
    if (object) {
      for (const key of Object.keys(object)) if (key !== 'text' && key !== 'url') r.report(line, `unknown key "${key}" in an error entry`);
      const bad = url === undefined ? null : checkUrlPattern(url);
      if (bad) r.report(line, bad);
    }
    if (!checkPageText(r, line, text, 'error text')) return;
    if (isGeneric(text) && url === undefined) {
      r.report(line, `error text "${text}" is too generic to match on every page: give it a url scope ({ text, url }) or use the full message`);
    }
    errors.push({ text, url: isText(url) ? url : undefined, line });
  });
  return errors;
}

function readContexts(r: Reader): ContextEntry[] {
  const contexts: ContextEntry[] = [];
  listField(r, 'contexts', 'contexts must be a list of { url, text }').forEach(({ entry, line }) => {
    const context = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const bad = checkUrlPattern(context.url);
    if (bad) r.report(line, bad);
    if (context.text !== undefined && !isText(context.text)) r.report(line, 'context text must be a string');
    for (const key of Object.keys(context)) if (key !== 'url' && key !== 'text') r.report(line, `unknown key "${key}" in a context`);
    const text = isText(context.text) ? context.text : undefined;
    if (text !== undefined && !checkPageText(r, line, text, 'context text')) return;
    if (!bad && isText(context.url)) contexts.push(text ? { url: context.url, text } : { url: context.url });
  });
  return contexts;
}

function readKeywords(r: Reader): string[] {
  const list = r.data.keywords;
  if (list === undefined) return [];
  const keywords = Array.isArray(list) ? list.filter(isText) : [];
  if (!Array.isArray(list) || keywords.length !== list.length) r.report(r.at('keywords'), 'keywords must be a list of strings');
  keywords.forEach((keyword) => {
    if (hasCrmAddress(keyword)) r.report(r.at('keywords'), `a keyword ${CRM_MESSAGE}`);
  });
  return keywords;
}

/**
 * The article's own Experience League page: for a knowledge-base article the prefix and this file's number,
 * no other; for a `DOC-` article the product documentation page it draws on (any page of the docs but the
 * knowledge base's, no query or fragment).
 */
function readSource(r: Reader, id: string): string | null {
  const value = r.data.source;
  if (isDocArticleId(id)) return readDocSource(r, value);
  const expected = sourceOf(id);
  if (!isText(value) || !value.startsWith(SOURCE_PREFIX)) {
    r.report(r.at('source'), `source must be the Experience League page, ${expected}`);
    return null;
  }
  if (value.trim().replace(/\/$/, '').toLowerCase() !== expected) {
    r.report(r.at('source'), `source ${value} is not this article's page (the file is ${id}): use ${expected}`);
    return null;
  }
  return value.trim();
}

function readDocSource(r: Reader, value: unknown): string | null {
  const page = isText(value) ? value.trim() : '';
  if (!page.startsWith(DOCS_PREFIX) || page.startsWith(SOURCE_PREFIX) || !/^[a-z0-9/._-]+$/i.test(page.slice(DOCS_PREFIX.length))) {
    r.report(r.at('source'), `source must be the product documentation page the article draws on: ${DOCS_PREFIX}…, not a knowledge-base article`);
    return null;
  }
  return page;
}

/** `YYYY-MM-DD`, and a day that exists: 2024-02-30 is refused, not moved to March. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function readDate(r: Reader, key: string): string | null {
  const value = r.data[key];
  if (typeof value === 'string' && isCalendarDate(value.trim())) return value.trim();
  r.report(r.at(key), typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${key} ${value.trim()} is not a day of the calendar` : `${key} must be a date, YYYY-MM-DD`);
  return null;
}
