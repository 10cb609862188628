import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compileArticles, formatProblems } from '../../src/compiler/compile';
import { loadSources } from '../../src/compiler/load';
import { productKey } from '../../src/importer/frontmatter';
import { textKey as keyOf } from '../../src/compiler/rules';
import { readFrontMatter } from '../../src/compiler/yaml';
import { importArticles, type ImportResult } from '../../src/importer/importer';
import { parseOverrides } from '../../src/importer/overrides';
import { TextBuffer } from '../../src/matcher/buffer';
import { Matcher } from '../../src/matcher/matcher';
import { articleIdOf } from '../../src/shared/article-id';
import { describeCorpus, KCS_ARTICLES, KCS_DIR, ROOT } from '../paths';

/**
 * The importer against the real knowledge base (the folder XC_KCS_DIR names, 1,179 files as published),
 * not a tidy sample: every file read, counts checked by hand, no private value in the output, every UI
 * error of ui-errors.tsv detected, and the result compiling with our own articles. The corpus is read in
 * beforeAll only: without it, the suite is reported as not run.
 */

let names: string[] = [];
let texts = new Map<string, string>();
let overrides: ReturnType<typeof parseOverrides>;
let result: ImportResult;
let output: string;
let dir: string;

beforeAll(() => {
  if (!KCS_ARTICLES) return;
  names = readdirSync(KCS_ARTICLES).sort();
  const sources = names.map((name) => ({ name, bytes: readFileSync(join(KCS_ARTICLES!, name)) }));
  texts = new Map(sources.map((s) => [s.name, s.bytes.toString('utf8')]));
  overrides = parseOverrides(readFileSync(resolve(ROOT, 'importer-overrides.yaml'), 'utf8'));
  const ownIds = new Set(readdirSync(resolve(ROOT, 'articles')).filter((n) => /^KA-\d+\.md$/.test(n)).map((n) => n.replace('.md', '')));
  result = importArticles(sources, { overrides, ownIds });
  output = result.articles.map((a) => a.text).join('\n') + JSON.stringify(result.report);
  dir = mkdtempSync(join(tmpdir(), 'xc-import-'));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const fronts = new Map<string, Record<string, unknown>>();
function frontOf(name: string): Record<string, unknown> {
  if (!fronts.has(name)) {
    const read = readFrontMatter(texts.get(name)!);
    fronts.set(name, read.ok ? (read.front.data as Record<string, unknown>) : {});
  }
  return fronts.get(name)!;
}

describeCorpus('the importer on the real knowledge base', () => {
  it('reads every file without a crash and finds none malformed', () => {
    expect(names.length).toBe(1179);
    expect(result.report.filesRead).toBe(1179);
    expect(result.report.malformed).toEqual([]);
  });

  it('imports the counts checked by hand, per product and per skip reason', () => {
    const { imported, skipped } = result.report;
    expect(imported.total).toBe(344);
    expect(imported.perProduct).toEqual({ aam: 65, aep: 57, analytics: 160, cja: 16, target: 96 });
    expect(skipped).toEqual({ stub: 42, tutorial: 17, productNotCovered: 776, malformed: 0 });
    expect(imported.total + skipped.stub + skipped.tutorial + skipped.productNotCovered).toBe(1179);
  });

  it('skips every archived stub and every tutorial', () => {
    const ids = new Set(result.articles.map((a) => a.id));
    const stubs = names.filter((n) => frontOf(n).hide === true || /This article has been archived/.test(texts.get(n)!.slice(0, 3000)));
    expect(stubs.length).toBe(42);
    for (const name of stubs) expect(ids.has(name.replace('.md', '')), name).toBe(false);
    expect([...ids].filter((id) => id.startsWith('KT-'))).toEqual([]);
  });

  it('never copies internal notes, author names or CRM addresses', () => {
    const publicText = [...texts.values()].map((t) => t.replace(/^---[\s\S]*?\n---/, '')).join('\n') + names.map((n) => ` ${String(frontOf(n).title)} ${String(frontOf(n).description)} ${String(frontOf(n).keywords)}`).join('');
    const secrets = new Set<string>();
    for (const name of names) {
      const data = frontOf(name);
      for (const field of ['internal-notes', 'article-created-by', 'article-published-by', 'dynamics-url']) {
        const value = data[field];
        if (typeof value !== 'string') continue;
        for (const line of value.split(/\r?\n/).map((l) => l.trim())) {
          if (line.length >= 6) secrets.add(line);
        }
      }
    }
    expect(secrets.size).toBeGreaterThan(300);
    // a value the article also says in public (a URL, a product name) is not a secret
    const leaked = [...secrets].filter((s) => output.includes(s) && !publicText.includes(s));
    expect(leaked).toEqual([]);
    expect(output).not.toMatch(/crm\.dynamics\.com/i);
    expect(output).not.toMatch(/internal-notes|article-created-by|article-published-by|dynamics-url/);
  });

  it('leaves no raw HTML, image or Experience League marker in the bodies', () => {
    for (const article of result.articles) {
      const body = article.text.replace(/^---[\s\S]*?\n---\n/, '');
      const prose = body.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
      expect(prose, article.id).not.toMatch(/<\/?(?:b|br|u|i|p|ul|li|a|div|span|script|style|img|table|td|tr)\b[^>]*>/i);
      expect(prose, article.id).not.toMatch(/\[!(?:DNL|UICONTROL)|!\[|\u200b|\u00a0|assets\//);
    }
  });

  it('detects every UI error of ui-errors.tsv for our products, on the article that quotes it', () => {
    const rows = readFileSync(resolve(KCS_DIR!, 'ui-errors.tsv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split('\t'));
    const kb = compileArticles(result.articles.map((a) => ({ path: `imported/${a.id}.md`, text: a.text, imported: true })));
    expect(kb.problems).toEqual([]);
    const matcher = new Matcher(kb.table);
    const byKey = new Map(result.articles.flatMap((a) => a.errors.map((e) => [keyOf(e.text), a.id] as const)));
    const duplicateOf = new Map(result.report.duplicates.map((d) => [`${d.droppedFrom}\u0000${keyOf(d.text)}`, d.keptIn]));
    const missing: string[] = [];
    let checked = 0;
    for (const [id, products, file, , , text] of rows) {
      if (!products.split(',').some((p) => productKey(p))) continue;
      const data = frontOf(file.replace(/^articles\//, ''));
      if (data.hide === true) continue;
      checked++;
      // the text may be in an earlier article (by id) that quotes it too: then it is detected there
      const owner = duplicateOf.get(`${id}\u0000${keyOf(text)}`) ?? id;
      const exact = byKey.get(keyOf(text)) === owner;
      const hits = matcher.find(TextBuffer.of(text)).map((h) => kb.table.articles[h.article].id);
      if (!exact && !hits.includes(owner)) missing.push(`${id}: ${text}`);
    }
    expect(missing).toEqual([]);
    expect(checked).toBe(46);
  }, 60_000);

  it('accounts for every extracted text', () => {
    const t = result.report.errorTexts;
    // every text that came in (extracted, added by the override file, an API response field kept) is
    // written to an article, merged into an added one, removed or dropped: each count once. A field refused
    // for want of an API page never came in: that count stands alone, checked by hand below.
    expect(t.extracted + t.added + t.fromFields).toBe(t.kept + t.scopedByOverrides + t.removedByOverrides + t.droppedGeneric + t.droppedDuplicate + t.droppedUnsafe);
    expect(t).toEqual({ extracted: 53, kept: 52, added: 9, scopedByOverrides: 7, madeVariable: 7, fromFields: 1, droppedGeneric: 3, droppedDuplicate: 1, droppedUnsafe: 0, droppedNoApiPage: 0, removedByOverrides: 0 });
    expect(result.report.fields).toEqual([{ id: 'KA-20057', text: 'pairedTraitSegments', url: 'https://bank.demdex.com/*' }]);
    expect(result.report.variables.map((v) => v.id)).toEqual(['KA-14194', 'KA-16596', 'KA-16999', 'KA-17865', 'KA-18998', 'KA-19442', 'KA-22296']);
    expect(result.report.contextsAdded).toBe(1);
    expect(result.report.articlesWithoutErrorTexts).toBe(305);
    expect(result.report.imported.searchOnly).toBe(304);
  });

  it('uses every entry of the override file', () => {
    expect(result.report.overrides.unused).toEqual([]);
    expect(result.report.overrides.ignored).toEqual([]);
    expect(result.report.errorTexts.added).toBe([...overrides.values()].reduce((n, o) => n + o.add.length, 0));
  });

  it('never gives one error text to two imported articles', () => {
    const seen = new Map<string, string>();
    for (const article of result.articles) {
      for (const error of article.errors) {
        const key = keyOf(error.text);
        expect(seen.get(key), `${article.id}: ${error.text}`).toBeUndefined();
        seen.set(key, article.id);
      }
    }
    expect(result.report.duplicates).toEqual([{ text: 'Relation 0 is not currently set up to import data', keptIn: 'KA-16999', droppedFrom: 'KA-17101' }]);
  });

  it('compiles with our own articles, with no problem', () => {
    mkdirSync(join(dir, 'articles'));
    mkdirSync(join(dir, 'imported'));
    for (const name of readdirSync(resolve(ROOT, 'articles'))) writeFileSync(join(dir, 'articles', name), readFileSync(resolve(ROOT, 'articles', name)));
    for (const article of result.articles) writeFileSync(join(dir, 'imported', `${article.id}.md`), article.text);
    const { files, shadowed } = loadSources(dir);
    const kb = compileArticles(files);
    expect(formatProblems(kb.problems)).toBe('');
    expect(formatProblems(kb.warnings)).toBe('');
    // every article of ours counts, whether drawn from the knowledge base (KA-) or from a docs page (DOC-)
    const own = readdirSync(resolve(ROOT, 'articles')).filter((n) => articleIdOf(n) !== null).length;
    expect(kb.articles.length).toBe(own + result.articles.length - shadowed.length);
    expect(shadowed).toEqual(result.report.shadowedByOurs);
  }, 60_000);
});
