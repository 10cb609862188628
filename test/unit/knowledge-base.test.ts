import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileArticles, formatProblems } from '../../src/compiler/compile';
import { loadSources } from '../../src/compiler/load';
import { ROOT, SHARED } from './paths';

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
      expect(article.source, article.id).toBe(`https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/${article.id.toLowerCase()}`);
    }
  });

  it('detects every in-scope UI error of the public knowledge base', async () => {
    const { readFileSync } = await import('node:fs');
    const rows = readFileSync(resolve(SHARED, 'kcs/ui-errors.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
    const { Matcher } = await import('../../src/matcher/matcher');
    const { TextBuffer } = await import('../../src/matcher/buffer');
    const matcher = new Matcher(kb.table);
    const merged: Record<string, string> = { 'KA-17101': 'KA-16999', 'KA-17102': 'KA-16999' };
    const missing: string[] = [];
    for (const [article, , , , inScope, text] of rows) {
      if (inScope !== 'yes') continue;
      const ids = matcher.find(TextBuffer.of(text)).map((h) => kb.table.articles[h.article].id);
      if (!ids.includes(merged[article] ?? article)) missing.push(`${article}: ${text}`);
    }
    expect(missing).toEqual([]);
  });

  it('is written in our own words', () => {
    const tool = resolve(SHARED, 'tools/own-words');
    expect(existsSync(tool)).toBe(true);
    const run = spawnSync('python3', [tool, 'articles'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stdout + run.stderr).not.toMatch(/KA-\d+.*shares/);
    expect(run.status).toBe(0);
  });
});
