import { compileArticles } from '../compiler/compile';
import { isGeneric } from '../compiler/generic';
import { checkMarkdownShape } from '../compiler/markdown';
import { MAX_SUMMARY, sourceOf, textKey, unsafeTextProblem } from '../compiler/rules';
import { anchorIndex, patternParts } from '../matcher/matcher';
import { articleIdOf, isMisspeltArticleFile } from '../shared/article-id';
import type { ProductKey } from '../shared/products';
import { convertBody, type BodyStats, type ConvertedBody } from './body';
import { extractErrors, responseFields, withVariables, type Candidate } from './extract';
import { MalformedError, readMeta, splitFile, type KcsMeta } from './frontmatter';
import type { Overrides } from './overrides';
import { emptyReport, type DropReason, type ImportReport } from './report';
import { firstSentence } from './text';

/**
 * Turns Experience League knowledge-base files into articles our compiler accepts. `importArticles` takes
 * file contents and returns article texts and a report, with no file system access (`folder.ts` reads the
 * folder and writes the output).
 */

export interface SourceEntry {
  name: string;
  bytes: Uint8Array;
  /** Set when the file could not be read (not a regular file, too big): reported as malformed. */
  problem?: string;
}

export interface ImportedArticle {
  id: string;
  /** The whole file: front matter and body. */
  text: string;
  errors: { text: string; url?: string }[];
  contexts: { url: string; text?: string }[];
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
  /** API response fields the article names as the sign of its cause. */
  fields: string[];
  texts: { text: string; url?: string; key: string }[];
  contexts: { url: string; text?: string }[];
}

const TUTORIAL_FILE = /^KT-\d+\.md$/i;
const ARCHIVED = /\bthis article has been archived\b/i;
/** Where Audience Manager shows API responses: its API reference portal. */
export const AAM_API_PAGES = 'https://bank.demdex.com/*';

/** The description, unless it is a placeholder ("Description", "N/A") or too short to say anything. */
function usableDescription(meta: KcsMeta): string {
  const description = meta.description;
  return description.length >= 20 && !/^(?:description|n\/a|none|tbd)\b/i.test(description) && !ARCHIVED.test(description) ? description : '';
}

function summaryOf(meta: KcsMeta, body: ConvertedBody): string {
  return firstSentence(usableDescription(meta) || body.firstMeaning || meta.title, MAX_SUMMARY) || firstSentence(meta.title, MAX_SUMMARY);
}

const yamlString = (value: string): string => JSON.stringify(value);
const entry = (t: { text?: string; url?: string }) => `{ ${t.text !== undefined ? `text: ${yamlString(t.text)}${t.url ? ', ' : ''}` : ''}${t.url ? `url: ${yamlString(t.url)}` : ''} }`;

function articleText(p: Pending): string {
  const { meta } = p;
  const keywords = meta.bug ? [...meta.keywords, 'known issue'] : meta.keywords;
  const lines = ['---', `title: ${yamlString(meta.title)}`, `summary: ${yamlString(summaryOf(meta, p.body))}`, `products: [${meta.products.join(', ')}]`];
  if (p.texts.length) lines.push('errors:', ...p.texts.map((t) => `  - ${t.url ? entry(t) : yamlString(t.text)}`));
  if (p.contexts.length) lines.push('contexts:', ...p.contexts.map((c) => `  - ${entry(c)}`));
  if (keywords.length) lines.push(`keywords: [${keywords.map(yamlString).join(', ')}]`);
  lines.push(`source: ${sourceOf(p.id)}`, `updated: ${meta.updated}`, '---', '');
  return `${lines.join('\n')}\n${p.body.markdown}`;
}

type Triage = { skip: 'tutorial' | 'stub' | 'other' } | { malformed: string } | { pending: Pending };

/** Decides what one file is: skipped, malformed, or an article to import. */
function triage(entry: SourceEntry, report: ImportReport, stats: BodyStats): Triage {
  if (entry.problem) return { malformed: entry.problem };
  if (isMisspeltArticleFile(entry.name)) return { malformed: 'file name must be an article number with a lower-case .md, such as KA-21790.md' };
  let split;
  try {
    split = splitFile(entry.bytes);
  } catch (error) {
    if (!(error instanceof MalformedError)) throw error;
    return { malformed: error.message };
  }
  const meta = readMeta(split.data);
  if (meta.tutorial || TUTORIAL_FILE.test(entry.name)) return { skip: 'tutorial' };
  const id = articleIdOf(entry.name);
  if (!id) return { malformed: 'file name is not an article number such as KA-21790.md' };
  if (meta.hidden || ARCHIVED.test(meta.description) || ARCHIVED.test(split.body.slice(0, 1000))) return { skip: 'stub' };
  if (!meta.products.length) {
    report.skipped.productNotCovered++;
    for (const name of meta.productNames.length ? meta.productNames : ['(none)']) report.productsNotCovered[name] = (report.productsNotCovered[name] ?? 0) + 1;
    return { skip: 'other' };
  }
  if (!meta.title) return { malformed: 'no title' };
  if (!meta.updated) return { malformed: 'no readable publication or creation date' };
  const shape = checkMarkdownShape(split.body)[0];
  if (shape) return { malformed: `line ${shape.line + split.bodyOffset}: ${shape.message}` };
  const converted = convertBody({ body: split.body, id, title: meta.title, description: usableDescription(meta), source: sourceOf(id), stats });
  const candidates = extractErrors({ title: meta.title, description: usableDescription(meta), meaning: converted.meaning, why: converted.why, fix: converted.fix });
  const fields = responseFields([...converted.meaning, ...converted.why, ...converted.fix]);
  return { pending: { id, meta, body: converted, candidates, fields, texts: [], contexts: [] } };
}

/** Imports file contents. Never throws on a bad file: it is reported as malformed, with its name and why. */
export function importArticles(entries: readonly SourceEntry[], options: ImportOptions = {}): ImportResult {
  const started = performance.now();
  const report = emptyReport();
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
    let result: Triage;
    try {
      result = triage(entry, report, stats);
    } catch (error) {
      result = { malformed: `could not be converted: ${(error as Error).message.split('\n')[0]}` };
    }
    if ('malformed' in result) malformed(entry.name, result.malformed);
    else if ('pending' in result) pending.push(result.pending);
    else if (result.skip !== 'other') report.skipped[result.skip]++;
  }
  assignTexts(pending, options.overrides ?? new Map(), report);
  const articles = compiledArticles(pending, report, malformed, options.ownIds);
  report.html = { imagesDropped: stats.images, elementsDropped: stats.elements, linksUnlinked: stats.links };
  report.durationMs = Math.round(performance.now() - started);
  return { articles, report };
}

/** The same checks as the build: an article that would break it is left out and reported. */
function compiledArticles(pending: Pending[], report: ImportReport, malformed: (file: string, reason: string) => void, ownIds?: ReadonlySet<string>): ImportedArticle[] {
  const files = pending.map((p) => ({ path: `imported/${p.id}.md`, text: articleText(p), imported: true }));
  const problems = new Map<string, string>();
  for (const problem of compileArticles(files).problems) if (!problems.has(problem.file)) problems.set(problem.file, `line ${problem.line}: ${problem.message}`);
  const articles: ImportedArticle[] = [];
  pending.forEach((p, i) => {
    const problem = problems.get(files[i].path);
    if (problem) return malformed(`${p.id}.md`, `the converted article does not compile: ${problem}`);
    articles.push({ id: p.id, text: files[i].text, errors: p.texts.map(({ text, url }) => (url ? { text, url } : { text })), contexts: p.contexts });
    report.imported.total++;
    for (const product of p.meta.products) {
      report.imported.perProduct[product]++;
      const counts = report.perProduct[product];
      counts.articles++;
      counts.kept += p.texts.length;
      if (p.texts.length || p.contexts.length) counts.withTexts++;
    }
    if (!p.texts.length) report.articlesWithoutErrorTexts++;
    if (p.meta.bug) report.imported.bugFlagged++;
    if (ownIds?.has(p.id)) report.shadowedByOurs.push(p.id);
  });
  report.imported.searchOnly = articles.filter((a) => !a.errors.length && !a.contexts.length).length;
  report.errorTexts.kept = articles.reduce((n, a) => n + a.errors.length, 0);
  return articles;
}

/** Counts a dropped text, overall and for each product of its article. */
function drop(report: ImportReport, products: readonly ProductKey[], why: DropReason): void {
  const field = { generic: 'droppedGeneric', duplicate: 'droppedDuplicate', unsafe: 'droppedUnsafe', removed: 'removedByOverrides', noApiPage: 'droppedNoApiPage' } as const;
  report.errorTexts[field[why]]++;
  for (const product of products) report.perProduct[product].dropped[why]++;
}

/**
 * Gives each article its texts. Texts added by the override file come first, then extracted texts (with
 * their example values as variables) and API response fields, by article id: a text already taken by
 * another article is dropped as a duplicate, a generic one unless the override file scopes it.
 */
function assignTexts(pending: Pending[], overrides: Overrides, report: ImportReport): void {
  const claimed = new Map<string, string>();
  claimOverrides(pending, overrides, claimed, report);
  for (const p of pending) {
    const removed = new Set((overrides.get(p.id)?.remove ?? []).map(textKey));
    const used = new Set<string>();
    for (const candidate of p.candidates) {
      const text = withVariables(candidate.text);
      report.errorTexts.extracted++;
      for (const product of p.meta.products) report.perProduct[product].extracted++;
      const keys = [textKey(candidate.text), textKey(text)];
      if (text !== candidate.text) {
        report.errorTexts.madeVariable++;
        for (const product of p.meta.products) report.perProduct[product].madeVariable++;
        report.variables.push({ id: p.id, from: candidate.text, to: text });
      }
      if (p.texts.some((t) => keys.includes(t.key))) {
        report.errorTexts.scopedByOverrides++; // scoped or restated by the override file
        continue;
      }
      const removedKey = keys.find((k) => removed.has(k));
      if (removedKey) {
        used.add(removedKey);
        drop(report, p.meta.products, 'removed');
        continue;
      }
      claim(p, { text }, claimed, report);
    }
    claimFields(p, claimed, report);
    for (const text of overrides.get(p.id)?.remove ?? []) if (!used.has(textKey(text))) report.overrides.ignored.push({ id: p.id, text, reason: 'remove: the extractor does not find this text' });
  }
}

/** Gives a text to an article unless it is unsafe, generic without a scope, or already another's. */
function claim(p: Pending, t: { text: string; url?: string }, claimed: Map<string, string>, report: ImportReport): boolean {
  const key = textKey(t.text);
  const unsafe = unsafeTextProblem(t.text);
  if (unsafe) {
    report.refused.push({ id: p.id, text: t.text, reason: unsafe });
    drop(report, p.meta.products, 'unsafe');
    return false;
  }
  if (isGeneric(t.text) && !t.url) {
    report.generic.push({ id: p.id, text: t.text });
    drop(report, p.meta.products, 'generic');
    return false;
  }
  const owner = claimed.get(key);
  if (owner) {
    report.duplicates.push({ text: t.text, keptIn: owner, droppedFrom: p.id });
    drop(report, p.meta.products, 'duplicate');
    return false;
  }
  claimed.set(key, p.id);
  p.texts.push({ ...t, key });
  return true;
}

/** API response fields: detected on Audience Manager's API reference pages, where such responses show. */
function claimFields(p: Pending, claimed: Map<string, string>, report: ImportReport): void {
  for (const field of p.fields) {
    if (p.texts.some((t) => t.key === textKey(field))) continue;
    if (!p.meta.products.includes('aam')) {
      report.refused.push({ id: p.id, text: field, reason: 'an API response field, but only Audience Manager has an API reference page we watch' });
      drop(report, p.meta.products, 'noApiPage');
      continue;
    }
    if (!claim(p, { text: field, url: AAM_API_PAGES }, claimed, report)) continue;
    report.errorTexts.fromFields++;
    for (const product of p.meta.products) report.perProduct[product].fromFields++;
    report.fields.push({ id: p.id, text: field, url: AAM_API_PAGES });
  }
}

/** Texts and page contexts the override file adds: they come first, so they win a duplicate. */
function claimOverrides(pending: Pending[], overrides: Overrides, claimed: Map<string, string>, report: ImportReport): void {
  const byId = new Map(pending.map((p) => [p.id, p]));
  for (const id of [...overrides.keys()].sort()) {
    const p = byId.get(id);
    const override = overrides.get(id)!;
    if (!p) {
      report.overrides.unused.push(id);
      continue;
    }
    p.contexts.push(...override.contexts);
    report.contextsAdded += override.contexts.length;
    for (const added of override.add) {
      const text = added.text.trim();
      const key = textKey(text);
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
}

export { importFolder, LICENCE_FILE, type FolderOptions } from './folder';
