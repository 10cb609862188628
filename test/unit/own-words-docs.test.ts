import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileArticles } from '../../src/compiler/compile';
import { loadSources } from '../../src/compiler/load';
import { isDocArticleId } from '../../src/shared/article-id';
import { sharedRuns } from '../own-words';
import { describeDocs, DOCS_DIR, ROOT } from '../paths';

const { files } = loadSources(ROOT, 'articles', '.no-imports');
const kb = compileArticles(files);
const docArticles = kb.articles.filter((article) => isDocArticleId(article.id));

/** The Markdown body of an article file, after its front matter. */
function bodyOf(id: string): string {
  const file = files.find((f) => f.path === `articles/${id}.md`);
  if (!file) throw new Error(`no file for ${id}`);
  return file.text.replace(/^\ufeff?---\s*\n[\s\S]*?\n---\s*\n?/, '');
}

/** The doc pages each DOC- article draws on: the `source` column of its rows in test/data/ui-errors.tsv. */
function pagesByArticle(): Map<string, Set<string>> {
  const rows = readFileSync(resolve(ROOT, 'test/data/ui-errors.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
  const pages = new Map<string, Set<string>>();
  for (const [article, , , , source] of rows) {
    if (!isDocArticleId(article)) continue;
    if (!pages.has(article)) pages.set(article, new Set());
    pages.get(article)!.add(source);
  }
  return pages;
}

/** `AdobeDocs/analytics.en:help/x.md` → `<docs dir>/AdobeDocs/analytics.en/help/x.md`. */
function pageFile(dir: string, source: string): string | undefined {
  const m = /^([\w.-]+\/[\w.-]+):(.+)$/.exec(source);
  return m ? resolve(dir, m[1], m[2]) : undefined;
}

describe('own words: the shared-run check itself', () => {
  const page = 'Your organization is trying to run too many concurrent requests against a specific report suite. [!UICONTROL Please try again later.]';
  const quoted = ['The report suite is experiencing unusually heavy reporting. Please try again later.'];

  it('finds a sentence copied from the page, whatever its case, punctuation and markup', () => {
    const copied = 'Why? **Your organization** is trying to run too many *concurrent* requests against a specific report-suite, it seems.';
    expect(sharedRuns(copied, page, quoted)).toEqual(['your organization is trying to run too many concurrent requests against a specific report suite']);
  });

  it('lets a quoted error text and short common phrases pass', () => {
    const page2 = `${page} The report suite is experiencing unusually heavy reporting. Please try again later.`;
    expect(sharedRuns('The message "The report suite is experiencing unusually heavy reporting. Please try again later." means the load is high.', page2, quoted)).toEqual([]);
    expect(sharedRuns('Too many requests run at once against the report suite.', page, quoted)).toEqual([]);
  });
});

describeDocs('our DOC- articles against the documentation pages they draw on', () => {
  const pages = pagesByArticle();

  it('names, for every DOC- article, the pages it draws on, and the folder holds each of them', () => {
    expect(docArticles.length).toBeGreaterThan(0);
    expect(docArticles.map((a) => a.id).filter((id) => !pages.get(id)?.size)).toEqual([]);
    const missing = [...new Set([...pages.values()].flatMap((set) => [...set]))].filter((source) => {
      const file = pageFile(DOCS_DIR!, source);
      return !file || !existsSync(file);
    });
    expect(missing, `pages listed in test/data/ui-errors.tsv but not saved under ${DOCS_DIR}`).toEqual([]);
  });

  it('shares no run of ten or more words with them in title, summary or body (quoted error texts aside)', () => {
    const shared: string[] = [];
    for (const article of docArticles) {
      for (const source of pages.get(article.id) ?? []) {
        const file = pageFile(DOCS_DIR!, source);
        if (!file || !existsSync(file)) continue; // reported by the test above
        const page = readFileSync(file, 'utf8');
        for (const [part, text] of [['title', article.title], ['summary', article.summary], ['body', bodyOf(article.id)]] as const) {
          for (const run of sharedRuns(text, page, article.errors)) shared.push(`${article.id} (${part}) shares with ${source}: "${run}"`);
        }
      }
    }
    expect(shared).toEqual([]);
  });
});
