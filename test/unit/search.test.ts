import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileArticles } from '../../src/compiler/compile';
import { loadSources } from '../../src/compiler/load';
import { isDocArticleId } from '../../src/shared/article-id';
import type { StoredArticle } from '../../src/shared/kb-types';
import type { ProductKey } from '../../src/shared/products';
import { importFolder } from '../../src/importer/importer';
import { KnowledgeSearch } from '../../src/shared/search';
import { describeCorpus, KCS_ARTICLES, ROOT } from '../paths';

/**
 * The index built exactly as the build builds it, from the real articles/: our own articles only, so the
 * ranking table does not depend on whether imported articles happen to be present.
 */
const kb = compileArticles(loadSources(ROOT).files.filter((file) => !file.imported));
let search: KnowledgeSearch;
let small: KnowledgeSearch;

beforeAll(() => {
  expect(kb.problems).toEqual([]);
  small = KnowledgeSearch.fromJSON(kb.smallIndex);
  search = KnowledgeSearch.fromJSON(kb.smallIndex);
  search.addBody(kb.bodyIndex);
});

interface MadeUp {
  id: string;
  title: string;
  summary?: string;
  body?: string;
  keywords?: string[];
  error?: string;
}

/** A small knowledge base of made-up articles, compiled like the real one, with the body index loaded. */
function madeUp(articles: MadeUp[]): KnowledgeSearch {
  const files = articles.map((a) => ({
    path: `articles/${a.id}.md`,
    text: [
      '---',
      `title: ${a.title}`,
      `summary: ${a.summary ?? 'A made-up article.'}`,
      'products: [aep]',
      `errors: [${JSON.stringify(a.error ?? `Made-up failure number ${a.id.slice(3)} happened in the sandbox`)}]`,
      `keywords: [${(a.keywords ?? []).join(', ')}]`,
      `source: https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/${a.id.toLowerCase()}`,
      'updated: 2024-01-01',
      '---',
      '',
      '## What it means',
      '',
      a.body ?? 'It means nothing.',
      '',
      '## How to fix it',
      '',
      '1. Do the thing.',
      '',
    ].join('\n'),
  }));
  const compiled = compileArticles(files);
  expect(compiled.problems).toEqual([]);
  const index = KnowledgeSearch.fromJSON(compiled.smallIndex);
  index.addBody(compiled.bodyIndex);
  return index;
}

const first = (index: KnowledgeSearch, text: string, products?: ProductKey[]) => index.search({ text, products }).hits[0]?.id;

const TYPOS: [string, string][] = [
  ['segmnt sharng delete', 'KA-21790'],
  ['unpublsh segment', 'KA-20057'],
  ['clasifications import', 'KA-16999'],
  ['powr bi', 'KA-20997'],
  ['enhanced experiance composer', 'KA-18997'],
];
/** As typed, before the last word is finished. */
const PREFIXES: [string, string][] = [
  ['segment shar', 'KA-21790'],
  ['unpub', 'KA-20057'],
  ['throttl', 'KA-14023'],
  ['bigq', 'KA-19525'],
  ['identity namesp', 'KA-18155'],
  ['pairedTrait', 'KA-20057'],
  ['unpublish segment delete pairedTrai', 'KA-20057'],
];
/** Whole error lines pasted from a page or an API response, with ids, quotes and a leading "Error:". */
const PASTED: [string, string][] = [
  ['Error: "Not allowed to delete due to segment sharing enabled" (trait 88231)', 'KA-21790'],
  ['Not allowed to delete due to segment sharing enabled', 'KA-21790'],
  ['Received too many related identities. Received: 72, Maximum: 50.', 'KA-17865'],
  ['Error at meta:enum of property _acme.loyaltyTier. The meta:enum can not be empty.', 'KA-21767'],
  ['Error: You do not have access to the dimension for this request (evar12)', 'KA-21705'],
  ["XTK-170006 Unable to evaluate the expression 'GetDataSources ()'.", 'KA-14191'],
  ['Invalid customer id 1234abcd: error 300', 'KA-19442'],
  ['{"error":"CLIENT_ID_NOT_AUTHORIZED","message":"Client Id not authorized/whitelisted to call Delete API"}', 'KA-18155'],
  ['“Unable to save your project at this time. You may want to refresh your page and try again.”', 'KA-20889'],
  ['Error: This login has expired. Contact your administrator.', 'KA-20631'],
];
/** API field names and other keywords. */
const FIELDS: [string, string][] = [
  ['pairedTraitSegments', 'KA-20057'],
  ['mappedEntities', 'KA-20057'],
  ['entity.categoryId', 'KA-15578'],
  ['targetPageParams', 'KA-15576'],
  ['d_cid_ic', 'KA-19442'],
  ['UPSDK-112004-422', 'KA-17865'],
  ['frame-src connect-src', 'KA-16596'],
  ['Activity Map CSP', 'KA-16596'],
];
const WORDS: [string, string][] = [
  ['login expired', 'KA-20631'],
  ['power bi', 'KA-20997'],
  ['data warehouse marketing channel', 'KA-19350'],
  ['google product feed', 'KA-14505'],
];

describe('ranking: query → first article', () => {
  it.each([...TYPOS, ...PREFIXES, ...PASTED, ...FIELDS, ...WORDS])('%j → %s', (query, expected) => {
    expect(first(search, query)).toBe(expected);
    // the small index alone (before the body index has loaded) already ranks it first
    expect(first(small, query)).toBe(expected);
  });
});

/** How far down the list a pasted error line may put its article: it must be among the first results. */
const FIRST_RESULTS = 3;

/** The articles drawn from product documentation pages, and each of their error texts. */
const DOC_ARTICLES = kb.articles.filter((article) => isDocArticleId(article.id));
const DOC_ERRORS = DOC_ARTICLES.flatMap((article) => article.errors.map((text): [string, string] => [article.id, text]));

/** An error text as a person copies it off a page: "Error:" in front, the rest of the line (a code, a button) around. */
function pastedLines(text: string): string[] {
  const shown = text.replace(/\{[^{}]*\}/g, '4455667788');
  return [`Error: ${shown}`, `Error: ${shown} (code 5031-A)`, `12:04 PM ${shown} Dismiss`];
}

const firstResults = (index: KnowledgeSearch, line: string) => index.search({ text: line, limit: FIRST_RESULTS }).hits.map((hit) => hit.id);

describe('pasted error lines → the articles drawn from product docs', () => {
  it('covers every such article', () => {
    expect(DOC_ARTICLES.length).toBeGreaterThanOrEqual(16);
    expect(new Set(DOC_ERRORS.map(([id]) => id)).size).toBe(DOC_ARTICLES.length);
  });

  it.each(DOC_ERRORS)('%s ← %j', (id, text) => {
    for (const line of pastedLines(text)) {
      expect(firstResults(search, line), line).toContain(id);
      expect(firstResults(small, line), line).toContain(id);
    }
  });
});

/**
 * With the whole public knowledge base imported as well (into a temporary folder): hundreds more articles,
 * and the same queries still find theirs, except short prefixes, which other titles may share.
 */
describeCorpus('ranking with the imported articles too', () => {
  let everything: KnowledgeSearch;
  beforeAll(() => {
    if (!KCS_ARTICLES) return;
    const out = mkdtempSync(join(tmpdir(), 'xc-search-'));
    try {
      importFolder({ input: KCS_ARTICLES, out, overrides: join(ROOT, 'importer-overrides.yaml'), root: ROOT });
      const files = loadSources(ROOT, 'articles', out).files;
      expect(files.filter((file) => file.imported).length).toBeGreaterThan(300);
      const compiled = compileArticles(files);
      expect(compiled.problems).toEqual([]);
      everything = KnowledgeSearch.fromJSON(compiled.smallIndex);
      everything.addBody(compiled.bodyIndex);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it.each([...TYPOS, ...PASTED, ...FIELDS, ...WORDS])('%j → %s', (query, expected) => {
    expect(first(everything, query)).toBe(expected);
  });

  it.each(DOC_ERRORS)('pasted: %s ← %j', (id, text) => {
    for (const line of pastedLines(text)) expect(firstResults(everything, line), line).toContain(id);
  });
});

describe('ranking rules', () => {
  it('weighs titles, error texts and keywords above summaries and bodies', () => {
    const made = madeUp([
      { id: 'KA-90001', title: 'Zephyr quota reached', body: 'Nothing else.' },
      { id: 'KA-90002', title: 'Something else', body: 'The zephyr and the zephyr and again the zephyr quota.' },
      { id: 'KA-90003', title: 'Another thing', summary: 'Mentions the zephyr quota once.' },
      { id: 'KA-90004', title: 'Keyword holder', keywords: ['zephyrQuota'] },
      { id: 'KA-90005', title: 'Error holder', error: 'The zephyr quota was reached for this sandbox' },
    ]);
    const order = made.search({ text: 'zephyr quota' }).hits.map((h) => h.id);
    expect(order.indexOf('KA-90001')).toBeLessThan(order.indexOf('KA-90003'));
    expect(order.indexOf('KA-90005')).toBeLessThan(order.indexOf('KA-90003'));
    expect(order.indexOf('KA-90003')).toBeLessThan(order.indexOf('KA-90002'));
    expect(order.at(-1)).toBe('KA-90002');
    expect(made.search({ text: 'zephyrQuota' }).hits[0].id).toBe('KA-90004');
  });

  it('finds words that only the bodies have, once the body index is loaded', () => {
    const onlyInBodies = 'wildcards';
    expect(small.search({ text: onlyInBodies }).hits).toEqual([]);
    expect(search.search({ text: onlyInBodies }).hits[0]?.id).toBe('KA-16596');
  });

  it('puts an article whose error text the query holds word for word first, and says so', () => {
    const hits = search.search({ text: 'payload too large' }).hits;
    expect(hits[0]).toMatchObject({ id: 'KA-19933', exact: true });
    expect(hits.slice(1).every((h) => !h.exact)).toBe(true);
  });

  it('ranks the longer of two contained error texts first', () => {
    // "RST-360011 An error has occurred..." belongs to two articles with different wording
    const hits = search.search({ text: 'RST-360011 An error has occurred - please contact your administrator.' }).hits;
    expect(hits[0].id).toBe('KA-14194');
  });

  it('ignores case, curly quotes and spacing in exact matches', () => {
    expect(search.search({ text: 'NOT  ALLOWED to delete due to segment\u00a0sharing ENABLED' }).hits[0]).toMatchObject({ id: 'KA-21790', exact: true });
  });

  it('returns nothing for an empty or stop-word-only query', () => {
    expect(search.search({ text: '' }).hits).toEqual([]);
    expect(search.search({ text: '   ' }).hits).toEqual([]);
    expect(search.search({ text: 'the of and' }).hits).toEqual([]);
  });

  it('caps the number of hits', () => {
    expect(search.search({ text: 'segment', limit: 3 }).hits).toHaveLength(3);
  });
});

describe('product filter', () => {
  it('keeps articles with at least one picked product and counts the others', () => {
    const all = search.search({ text: 'segment sharing delete' });
    const filtered = search.search({ text: 'segment sharing delete', products: ['analytics'] });
    expect(filtered.hits.map((h) => h.id)).not.toContain('KA-21790');
    expect(filtered.hits.every((h) => h.products.includes('analytics'))).toBe(true);
    expect(filtered.total + filtered.hidden).toBe(all.total + all.hidden);
    expect(all.total).toBeGreaterThanOrEqual(all.hits.length);
    expect(filtered.hidden).toBeGreaterThan(0);
  });

  it.each([
    ['segmnt sharng delete', ['aep'], 'KA-21790'],
    ['segmnt sharng delete', ['aam'], 'KA-21790'],
    ['pairedTraitSegments', ['cja'], 'KA-20057'],
    ['no analytics link', ['target'], 'KA-21035'],
    ['no analytics link', ['analytics'], 'KA-21035'],
    ['Unknown Error', ['target'], 'KA-14505'],
  ] as [string, ProductKey[], string][])('%j in %j → %s', (query, products, expected) => {
    expect(first(search, query, products)).toBe(expected);
  });

  it('hides a pasted error of an unpicked product, however exact', () => {
    const results = search.search({ text: 'Not allowed to delete due to segment sharing enabled', products: ['target'] });
    expect(results.hits.map((h) => h.id)).not.toContain('KA-21790');
    expect(results.hidden).toBeGreaterThan(0);
  });

  it('null means every product', () => {
    expect(search.search({ text: 'segment', products: null }).hidden).toBe(0);
  });
});

describe('article info', () => {
  it('knows every article of the store with its title and products', () => {
    expect(search.size).toBe(kb.articles.length);
    for (const article of kb.articles as StoredArticle[]) {
      expect(search.info(article.id)).toEqual({ id: article.id, title: article.title, summary: article.summary, products: article.products });
    }
    expect(search.info('KA-00000')).toBeUndefined();
  });

  it('lists articles before the search index is built, and builds it on the first search', () => {
    const fresh = KnowledgeSearch.fromJSON(kb.smallIndex);
    expect(fresh.prepared).toBe(false);
    expect(fresh.info('KA-21790')?.title).toBe('Not allowed to delete due to segment sharing enabled');
    expect(fresh.search({ text: 'segment sharing' }).hits[0].id).toBe('KA-21790');
    expect(fresh.prepared).toBe(true);
  });

  it('loads from parsed JSON as well as text', () => {
    const parsed = KnowledgeSearch.fromJSON(JSON.parse(kb.smallIndex) as object);
    expect(parsed.search({ text: 'pairedTraitSegments' }).hits[0].id).toBe('KA-20057');
  });
});
