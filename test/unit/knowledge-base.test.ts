import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileArticles, formatProblems } from '../../src/compiler/compile';
import { loadSources } from '../../src/compiler/load';
import { isGeneric } from '../../src/compiler/generic';
import { PageScope } from '../../src/content/scope';
import { F_BLOCK, TextBuffer } from '../../src/matcher/buffer';
import { Matcher, patternParts } from '../../src/matcher/matcher';
import { isDocArticleId } from '../../src/shared/article-id';
import { PRODUCT_KEYS, type ProductKey } from '../../src/shared/products';
import { describeCorpus, KCS_DIR, ROOT } from '../paths';

const { files } = loadSources(ROOT, 'articles', '.no-imports');
const kb = compileArticles(files);

describe('our knowledge base', () => {
  it('compiles with no problems', () => {
    expect(formatProblems(kb.problems)).toBe('');
    expect(kb.articles.length).toBe(files.length);
    expect(kb.articles.length).toBeGreaterThanOrEqual(39);
  });

  it('ships the detection table in the committed snapshot', async () => {
    // A change to an article shows in review as a change to what the content script carries.
    await expect(`${JSON.stringify(kb.table, null, 1)}\n`).toMatchFileSnapshot('__snapshots__/detection-table.json');
  });

  it('links every article to its own Experience League page', () => {
    for (const article of kb.articles) {
      if (isDocArticleId(article.id)) expect(article.source, article.id).toMatch(/^https:\/\/experienceleague\.adobe\.com\/en\/docs\/(?!experience-cloud-kcs\/)[a-z0-9/._-]+$/);
      else expect(article.source, article.id).toBe(`https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/${article.id.toLowerCase()}`);
    }
  });

  it('detects every UI error text of the table on its article, on a page of its product', () => {
    // test/data/ui-errors.tsv: the error texts as the Adobe UIs show them, with their article and products
    const rows = readFileSync(resolve(ROOT, 'test/data/ui-errors.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
    expect(rows.length).toBeGreaterThanOrEqual(83);
    // one error text, three articles: ours is KA-16999, which links the other two
    const merged: Record<string, string> = { 'KA-17101': 'KA-16999', 'KA-17102': 'KA-16999' };
    const missing: string[] = [];
    for (const [article, products, , text] of rows) {
      // a text scoped to a product's screens counts there; products without a screen of ours (Campaign, …) have unscoped texts
      const addresses = products.split(',').flatMap((name) => SCREENS[name] ?? []);
      const ids = (addresses.length ? addresses : ['']).flatMap((url) => detectedAt(text, url));
      if (!ids.includes(merged[article] ?? article)) missing.push(`${article}: ${text}`);
    }
    expect(missing).toEqual([]);
  });
});

/** Addresses of each product's screens, by the product names of the table's `products` column. */
const SCREENS: Record<string, string[]> = {
  'Audience Manager': ['https://bank.demdex.com/portal/Traits/traitsEditor.ddx?traitId=88231', 'https://bank.demdex.com/portal/destinations', 'https://bank.demdex.com/portal/marketplace/payables'],
  'Experience Platform': ['source/catalog', 'destination/browse', 'schema/edit', 'segment/browse', 'query', 'dataset/browse'].map((screen) => `https://experience.adobe.com/#/@acme/sname:prod/platform/${screen}`),
  Analytics: ['workspace/edit/5f1e', 'admin/classifications', 'admin/user-management'].map((screen) => `https://experience.adobe.com/#/@acme/so:acme0/analytics/spa/#/${screen}`),
  'Customer Journey Analytics': ['https://experience.adobe.com/#/@acme/sname:prod/platform/analytics/#/workspace/edit/5f1e'],
  Target: ['activities', 'audiences', 'recommendations/feeds'].map((screen) => `https://experience.adobe.com/#/@acme/target/${screen}`),
};
const SCREENS_OF: Record<ProductKey, string[]> = {
  aam: SCREENS['Audience Manager'],
  aep: SCREENS['Experience Platform'],
  analytics: SCREENS.Analytics,
  cja: SCREENS['Customer Journey Analytics'],
  target: SCREENS.Target,
};
/** Pages of no product: the shell's home, the documentation site, another site, a page not known yet. */
const NO_PRODUCT = ['https://experience.adobe.com/#/@acme/home', 'https://experienceleague.adobe.com/en/docs/analytics/analyze/analysis-workspace/workspace-faq/error-messages', 'https://www.example.org/', ''];

const matcher = new Matcher(kb.table);

/** Ids of the articles detected in `text` (its own block) in a frame at `url`, every product picked. */
function detectedAt(text: string | TextBuffer, url: string): string[] {
  const scope = new PageScope(kb.table);
  scope.products = [...PRODUCT_KEYS];
  scope.url = url;
  return matcher.find(typeof text === 'string' ? TextBuffer.of(text) : text, (p) => scope.allowed(p)).map((h) => kb.table.articles[h.article].id);
}

/** The text of an HTML page as the blocks between its tags, hidden parts and scripts included. */
function pageText(html: string): TextBuffer<number> {
  const buf = new TextBuffer<number>();
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: '\u00a0' };
  html.split(/<[^>]*>/).forEach((piece, i) => {
    buf.edge(F_BLOCK);
    const text = piece.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => entities[name]);
    if (text.trim()) buf.append(text, i);
  });
  return buf;
}

describe('generic texts of the articles drawn from product docs', () => {
  const docs = kb.articles.filter((article) => isDocArticleId(article.id));
  const scoped = docs.flatMap((article) =>
    article.errors
      .filter((text) => kb.table.patterns.some((p) => p.u && kb.table.articles[p.a].id === article.id && p.p.join('\0') === patternParts(text).join('\0')))
      .map((text) => ({ article, text: text.replace(/\{[^{}]*\}/g, '88231') })),
  );

  it('are all scoped to their product screens', () => {
    const generic = docs.flatMap((article) => article.errors.filter(isGeneric).map((text) => `${article.id}: ${text}`));
    expect(generic.length).toBeGreaterThanOrEqual(7);
    expect(generic.filter((entry) => !scoped.some(({ article, text }) => entry === `${article.id}: ${text}`))).toEqual([]);
  });

  it('fire on a screen of their product, never on a page of no product or of another product', () => {
    const wrong: string[] = [];
    for (const { article, text } of scoped) {
      const own = article.products.flatMap((product) => SCREENS_OF[product]);
      const elsewhere = [...NO_PRODUCT, ...PRODUCT_KEYS.filter((p) => !article.products.includes(p)).flatMap((p) => SCREENS_OF[p])];
      if (!own.some((url) => detectedAt(text, url).includes(article.id))) wrong.push(`${article.id}: "${text}" not detected on its product's screens`);
      for (const url of elsewhere) if (detectedAt(text, url).includes(article.id)) wrong.push(`${article.id}: "${text}" detected at ${url || '(no address)'}`);
    }
    expect(scoped.length).toBeGreaterThanOrEqual(8);
    expect(wrong).toEqual([]);
  });

  it('never fire on the benign fixture pages, whatever the address', () => {
    const dir = resolve(ROOT, 'test/fixtures/benign');
    const pages = readdirSync(dir).filter((name) => name.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(0);
    const fired: string[] = [];
    for (const name of pages) {
      const text = pageText(readFileSync(resolve(dir, name), 'utf8'));
      for (const url of [...Object.values(SCREENS).flat(), ...NO_PRODUCT]) {
        for (const id of detectedAt(text, url)) if (isDocArticleId(id)) fired.push(`${name} at ${url}: ${id}`);
      }
    }
    expect(fired).toEqual([]);
  });
});

describeCorpus('our knowledge base against the public one', () => {
  it('is written in our own words', () => {
    const tool = resolve(KCS_DIR!, '../tools/own-words');
    expect(existsSync(tool), `${tool} (the own-words tool beside the knowledge base folder)`).toBe(true);
    const run = spawnSync('python3', [tool, 'articles'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout + run.stderr).not.toMatch(/KA-\d+.*shares/);
    expect(run.status).toBe(0);
  });

  it('quotes every in-scope UI error of the public table in the project\'s own table', () => {
    const lines = (file: string) => readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
    const ours = new Set(lines(resolve(ROOT, 'test/data/ui-errors.tsv')).map(([article, , , text]) => `${article}\t${text}`));
    const theirs = lines(resolve(KCS_DIR!, 'ui-errors.tsv')).filter((row) => row[4] === 'yes').map((row) => `${row[0]}\t${row[5]}`);
    expect(theirs.filter((row) => !ours.has(row))).toEqual([]);
  });
});
