import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compileArticles, SOURCE_PREFIX } from '../compiler/compile';
import { isGeneric } from '../compiler/generic';
import { anchorIndex, patternParts } from '../matcher/matcher';
import { convertBody, type BodyStats, type ConvertedBody } from './body';
import { extractErrors, type Candidate } from './extract';
import { MalformedError, readMeta, splitFile, type KcsMeta } from './frontmatter';
import { parseOverrides, type Overrides } from './overrides';
import { emptyReport, type ImportReport } from './report';
import { firstSentence } from './text';

/**
 * Turns a folder of Experience League knowledge-base files into articles our compiler accepts. The work is
 * in `importArticles`, which takes file contents and returns article texts and a report, with no file
 * system access; `importFolder` reads the folder, writes the articles and `report.json`.
 */

export interface SourceEntry {
  name: string;
  bytes: Uint8Array;
}

export interface ImportedArticle {
  id: string;
  /** The whole file: front matter and body. */
  text: string;
  errors: { text: string; url?: string }[];
}

export interface ImportResult {
  articles: ImportedArticle[];
  report: ImportReport;
}

export interface ImportOptions {
  overrides?: Overrides;
  /** Ids of our own articles, which replace imported ones at build time (reported only). */
  ownIds?: ReadonlySet<string>;
}

interface Pending {
  id: string;
  meta: KcsMeta;
  body: ConvertedBody;
  candidates: Candidate[];
  texts: { text: string; url?: string; key: string }[];
}

const ARTICLE_FILE = /^(KA-\d{4,6})\.md$/;
const TUTORIAL_FILE = /^KT-\d+\.md$/i;
const ARCHIVED = /\bthis article has been archived\b/i;
const MAX_SUMMARY = 200;

export const keyOf = (text: string): string => patternParts(text).join('\u0000');

function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** The description, unless it is a placeholder ("Description", "N/A") or too short to say anything. */
function usableDescription(meta: KcsMeta): string {
  const description = meta.description;
  return description.length >= 20 && !/^(?:description|n\/a|none|tbd)\b/i.test(description) && !ARCHIVED.test(description) ? description : '';
}

function summaryOf(meta: KcsMeta, body: ConvertedBody): string {
  return firstSentence(usableDescription(meta) || body.firstMeaning || meta.title, MAX_SUMMARY) || firstSentence(meta.title, MAX_SUMMARY);
}

function articleText(p: Pending): string {
  const { meta } = p;
  const keywords = meta.bug ? [...meta.keywords, 'known issue'] : meta.keywords;
  const lines = ['---', `title: ${yamlString(meta.title)}`, `summary: ${yamlString(summaryOf(meta, p.body))}`, `products: [${meta.products.join(', ')}]`];
  if (p.texts.length) {
    lines.push('errors:');
    for (const t of p.texts) lines.push(t.url ? `  - { text: ${yamlString(t.text)}, url: ${yamlString(t.url)} }` : `  - ${yamlString(t.text)}`);
  }
  if (keywords.length) lines.push(`keywords: [${keywords.map(yamlString).join(', ')}]`);
  lines.push(`source: ${SOURCE_PREFIX}${p.id.toLowerCase()}`, `updated: ${meta.updated}`, '---', '');
  return `${lines.join('\n')}\n${p.body.markdown}`;
}

/** Imports file contents. Never throws on a bad file: it is reported as malformed, with its name and why. */
export function importArticles(entries: readonly SourceEntry[], options: ImportOptions = {}): ImportResult {
  const started = performance.now();
  const report = emptyReport();
  const overrides = options.overrides ?? new Map();
  const stats: BodyStats = { images: 0, elements: 0, links: 0 };
  const pending: Pending[] = [];
  const malformed = (file: string, reason: string) => {
    report.skipped.malformed++;
    report.malformed.push({ file, reason });
  };

  for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.name.toLowerCase().endsWith('.md')) {
      report.otherFiles++;
      continue;
    }
    report.filesRead++;
    let split;
    try {
      split = splitFile(entry.bytes);
    } catch (error) {
      if (!(error instanceof MalformedError)) throw error;
      malformed(entry.name, error.message);
      continue;
    }
    const meta = readMeta(split.data);
    if (meta.tutorial || TUTORIAL_FILE.test(entry.name)) {
      report.skipped.tutorial++;
      continue;
    }
    const idMatch = ARTICLE_FILE.exec(entry.name);
    if (!idMatch) {
      malformed(entry.name, 'file name is not an article number such as KA-21790.md');
      continue;
    }
    if (meta.hidden || ARCHIVED.test(meta.description) || ARCHIVED.test(split.body.slice(0, 1000))) {
      report.skipped.stub++;
      continue;
    }
    if (!meta.products.length) {
      report.skipped.productNotCovered++;
      for (const name of meta.productNames.length ? meta.productNames : ['(none)']) report.productsNotCovered[name] = (report.productsNotCovered[name] ?? 0) + 1;
      continue;
    }
    if (!meta.title) {
      malformed(entry.name, 'no title');
      continue;
    }
    if (!meta.updated) {
      malformed(entry.name, 'no readable publication or creation date');
      continue;
    }
    const id = idMatch[1];
    let body: ConvertedBody;
    try {
      body = convertBody({ body: split.body, id, title: meta.title, description: usableDescription(meta), source: `${SOURCE_PREFIX}${id.toLowerCase()}`, stats });
    } catch (error) {
      malformed(entry.name, `the body could not be converted: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const candidates = extractErrors({ title: meta.title, description: usableDescription(meta), meaning: body.meaning, why: body.why, fix: body.fix });
    pending.push({ id, meta, body, candidates, texts: [] });
  }

  assignTexts(pending, overrides, report);

  // the same checks as the build: an article that would break it is left out and reported
  const files = pending.map((p) => ({ path: `imported/${p.id}.md`, text: articleText(p), imported: true }));
  const problems = new Map<string, string>();
  for (const problem of compileArticles(files).problems) if (!problems.has(problem.file)) problems.set(problem.file, `line ${problem.line}: ${problem.message}`);
  const articles: ImportedArticle[] = [];
  pending.forEach((p, i) => {
    const problem = problems.get(files[i].path);
    if (problem) {
      malformed(`${p.id}.md`, `the converted article does not compile: ${problem}`);
      return;
    }
    articles.push({ id: p.id, text: files[i].text, errors: p.texts.map(({ text, url }) => (url ? { text, url } : { text })) });
    report.imported.total++;
    for (const product of p.meta.products) report.imported.perProduct[product]++;
    if (!p.texts.length) report.articlesWithoutErrorTexts++;
    if (p.meta.bug) report.imported.bugFlagged++;
    if (options.ownIds?.has(p.id)) report.shadowedByOurs.push(p.id);
  });
  report.imported.searchOnly = report.articlesWithoutErrorTexts;
  report.errorTexts.kept = articles.reduce((n, a) => n + a.errors.length, 0);
  report.html = { imagesDropped: stats.images, elementsDropped: stats.elements, linksUnlinked: stats.links };
  report.durationMs = Math.round(performance.now() - started);
  return { articles, report };
}

/**
 * Gives each article its error texts. Texts added by the override file come first, then extracted texts
 * by article id: a text already taken by another article is dropped as a duplicate, a generic one is
 * dropped unless the override file scopes it to pages.
 */
function assignTexts(pending: Pending[], overrides: Overrides, report: ImportReport): void {
  const claimed = new Map<string, string>();
  const byId = new Map(pending.map((p) => [p.id, p]));
  for (const id of [...overrides.keys()].sort()) {
    const p = byId.get(id);
    if (!p) {
      report.overrides.unused.push(id);
      continue;
    }
    for (const added of overrides.get(id)!.add) {
      const text = added.text.trim();
      const key = keyOf(text);
      const ignore = (reason: string) => report.overrides.ignored.push({ id, text, reason });
      if (anchorIndex(patternParts(text)) < 0) ignore('no literal words to look for');
      else if (isGeneric(text) && !added.url) ignore('generic: give it a url scope');
      else if (claimed.has(key)) ignore(`already added to ${claimed.get(key)}`);
      else {
        claimed.set(key, id);
        p.texts.push({ text, url: added.url, key });
        report.errorTexts.added++;
      }
    }
  }
  for (const p of pending) {
    const removed = new Set((overrides.get(p.id)?.remove ?? []).map(keyOf));
    const used = new Set<string>();
    for (const candidate of p.candidates) {
      report.errorTexts.extracted++;
      const key = keyOf(candidate.text);
      if (p.texts.some((t) => t.key === key)) {
        report.errorTexts.scopedByOverrides++; // scoped or restated by the override file
        continue;
      }
      if (removed.has(key)) {
        report.errorTexts.removedByOverrides++;
        used.add(key);
        continue;
      }
      if (isGeneric(candidate.text)) {
        report.errorTexts.droppedGeneric++;
        report.generic.push({ id: p.id, text: candidate.text });
        continue;
      }
      const owner = claimed.get(key);
      if (owner) {
        report.errorTexts.droppedDuplicate++;
        report.duplicates.push({ text: candidate.text, keptIn: owner, droppedFrom: p.id });
        continue;
      }
      claimed.set(key, p.id);
      p.texts.push({ text: candidate.text, key });
    }
    for (const text of overrides.get(p.id)?.remove ?? []) if (!used.has(keyOf(text))) report.overrides.ignored.push({ id: p.id, text, reason: 'remove: the extractor does not find this text' });
  }
}

export interface FolderOptions {
  input: string;
  out: string;
  /** The override file; missing is fine when it is the default. */
  overrides?: string | null;
  /** The project root, to find our own articles. */
  root?: string;
}

/** Reads a folder, imports it, replaces the output folder's articles and writes `report.json` there. */
export function importFolder(options: FolderOptions): ImportResult {
  const input = resolve(options.input);
  const out = resolve(options.out);
  const root = resolve(options.root ?? process.cwd());
  if (!existsSync(input) || !statSync(input).isDirectory()) throw new Error(`${options.input} is not a folder`);
  for (const forbidden of [input, root, join(root, 'articles'), join(root, 'src')]) {
    if (out === resolve(forbidden)) throw new Error(`refusing to write imported articles into ${options.out}: pick a folder of their own, such as imported/`);
  }
  const overrides = options.overrides && existsSync(options.overrides) ? parseOverrides(readFileSync(options.overrides, 'utf8')) : new Map();
  const ownDir = join(root, 'articles');
  const ownIds = new Set(existsSync(ownDir) ? readdirSync(ownDir).filter((n) => ARTICLE_FILE.test(n)).map((n) => n.replace(/\.md$/, '')) : []);

  const entries: SourceEntry[] = [];
  for (const name of readdirSync(input).sort()) {
    const path = join(input, name);
    if (!statSync(path).isFile()) continue;
    entries.push({ name, bytes: readFileSync(path) });
  }
  const result = importArticles(entries, { overrides, ownIds });
  result.report.overrides.file = options.overrides && existsSync(options.overrides) ? options.overrides : null;

  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(out)) if (name.endsWith('.md') || name === 'report.json') rmSync(join(out, name));
  for (const article of result.articles) writeFileSync(join(out, `${article.id}.md`), article.text);
  writeFileSync(join(out, 'report.json'), `${JSON.stringify(result.report, null, 2)}\n`);
  // the source's licence travels with its articles, and the build ships it beside them
  const licence = [input, dirname(input)].flatMap((dir) => LICENCE_NAMES.map((name) => join(dir, name))).find((path) => existsSync(path));
  if (licence) writeFileSync(join(out, LICENCE_FILE), readFileSync(licence));
  else rmSync(join(out, LICENCE_FILE), { force: true });
  return result;
}

const LICENCE_NAMES = ['license.md', 'LICENSE.md', 'LICENSE', 'license.txt', 'LICENSE.txt'];
/** Where the licence of imported articles is kept in the output folder (not .md: it is not an article). */
export const LICENCE_FILE = 'LICENSE.txt';
