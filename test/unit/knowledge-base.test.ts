import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileArticles, formatProblems } from '../../src/compiler/compile';
import { loadSources } from '../../src/compiler/load';
import { TextBuffer } from '../../src/matcher/buffer';
import { Matcher } from '../../src/matcher/matcher';
import { isDocArticleId } from '../../src/shared/article-id';
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

  it('detects every UI error the public knowledge base quotes for our products', () => {
    // test/data/ui-errors.tsv: the error texts as the Adobe UIs show them, with their article and products
    const rows = readFileSync(resolve(ROOT, 'test/data/ui-errors.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
    expect(rows.length).toBeGreaterThanOrEqual(47);
    const matcher = new Matcher(kb.table);
    // one error text, three articles: ours is KA-16999, which links the other two
    const merged: Record<string, string> = { 'KA-17101': 'KA-16999', 'KA-17102': 'KA-16999' };
    const missing: string[] = [];
    for (const [article, , , text] of rows) {
      const ids = matcher.find(TextBuffer.of(text)).map((h) => kb.table.articles[h.article].id);
      if (!ids.includes(merged[article] ?? article)) missing.push(`${article}: ${text}`);
    }
    expect(missing).toEqual([]);
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
