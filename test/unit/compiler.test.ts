import { describe, expect, it } from 'vitest';
import { compileArticles, formatProblems, type SourceFile } from '../../src/compiler/compile';
import { MODE_CONTEXT, MODE_STRICT } from '../../src/shared/kb-types';

const BODY = `
## What it means

The thing failed.

## How to fix it

1. Do this.
2. Then that.
`;

function article(front: string, body = BODY): string {
  return `---\n${front.trim()}\n---\n${body}`;
}

const GOOD = `
title: Not allowed to delete due to segment sharing enabled
summary: The item is still shared with Experience Platform.
products: [aam, aep]
errors:
  - Not allowed to delete due to segment sharing enabled
  - text: Unknown Error
    url: "https://experience.adobe.com/*target*"
keywords: [segment sharing]
source: https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/ka-21790
updated: 2023-03-29
`;

function file(name: string, text: string, imported = false): SourceFile {
  return { path: `articles/${name}.md`, text, imported };
}

/** Problems of one article; its source is set to its own page, the rest is as given. */
function problemsOf(text: string, name = 'KA-10001'): string[] {
  return compileArticles([file(name, text.replace('kbarticles/ka-21790', `kbarticles/${name.toLowerCase()}`))]).problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
}

describe('compileArticles on good articles', () => {
  const kb = compileArticles([file('KA-21790', article(GOOD)), file('KA-20675', article(`
title: Audience Manager to Target segment share
summary: How shared audiences behave.
products: [aam, target]
contexts:
  - { url: "https://experience.adobe.com/*target*audiences*", text: Audience Manager }
source: https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/ka-20675
updated: 2024-02-26
`))]);

  it('has no problems and takes the id from the file name', () => {
    expect(kb.problems).toEqual([]);
    expect(kb.articles.map((a) => a.id)).toEqual(['KA-20675', 'KA-21790']);
  });

  it('writes the detection table without bodies', () => {
    const json = JSON.stringify(kb.table);
    expect(json).not.toContain('Then that');
    expect(kb.table.articles[1]).toEqual({ id: 'KA-21790', title: 'Not allowed to delete due to segment sharing enabled', products: ['aam', 'aep'] });
    const strict = kb.table.patterns.find((p) => p.p.join('') === 'unknownerror');
    expect(strict).toMatchObject({ m: MODE_STRICT, u: ['https://experience.adobe.com/*target*'] });
    const context = kb.table.contexts[0];
    expect(context.url).toBe('https://experience.adobe.com/*target*audiences*');
    expect(kb.table.patterns[context.text!]).toMatchObject({ m: MODE_CONTEXT, p: ['audiencemanager'] });
  });

  it('compiles the body to an element tree with the meaning and the steps', () => {
    const stored = kb.articles[1];
    expect(stored.meaning).toEqual([['p', null, 'The thing failed.']]);
    expect(stored.steps).toEqual(['ol', null, ['li', null, 'Do this.'], ['li', null, 'Then that.']]);
    expect(stored.updated).toBe('2023-03-29');
  });

  it('builds search indexes that load', () => {
    expect(JSON.parse(kb.smallIndex).documentCount).toBe(2);
    expect(JSON.parse(kb.bodyIndex).documentCount).toBe(2);
  });
});

describe('compileArticles on bad articles: every problem with its file and line', () => {
  it('bad YAML', () => {
    expect(problemsOf(article('title: [unclosed\nsummary: x'))).toEqual([expect.stringMatching(/^articles\/KA-10001\.md:\d+: front matter is not valid YAML/)]);
  });

  it('no front matter', () => {
    expect(problemsOf('# Just a heading\n')).toEqual(['articles/KA-10001.md:1: missing front matter: the file must start with a line "---"']);
  });

  it('a file name that is not an article number', () => {
    expect(compileArticles([{ path: 'articles/segment-sharing.md', text: article(GOOD) }]).problems[0].message).toMatch(/file name must be the article number/);
  });

  it('unknown and missing fields', () => {
    const problems = problemsOf(article(GOOD.replace('title: Not allowed to delete due to segment sharing enabled\n', 'id: KA-1\n')));
    expect(problems).toContain('articles/KA-10001.md:2: unknown field "id": the id is the file name');
    expect(problems.some((p) => /: missing title$/.test(p))).toBe(true);
  });

  it('unknown product keys, on their line', () => {
    expect(problemsOf(article(GOOD.replace('products: [aam, aep]', 'products:\n  - aam\n  - campaign')))).toEqual([
      'articles/KA-10001.md:6: unknown product "campaign": use aam, aep, analytics, cja or target',
    ]);
  });

  it('the same error text in two articles', () => {
    const other = GOOD.replace('ka-21790', 'ka-10002').replace(/ {2}- text: Unknown Error\n {4}url: .*\n/, '');
    const problems = compileArticles([file('KA-21790', article(GOOD)), file('KA-10002', article(`${other}`.replace('Not allowed to delete', 'NOT ALLOWED to  delete')))]).problems;
    expect(formatProblems(problems)).toBe('articles/KA-21790.md:6: error text "Not allowed to delete due to segment sharing enabled" is also in articles/KA-10002.md:6: merge the two articles');
  });

  it('an imported article gives way on a shared error text', () => {
    const kb = compileArticles([file('KA-21790', article(GOOD)), file('KA-10002', article(GOOD.replace('ka-21790', 'ka-10002')), true)]);
    expect(kb.problems).toEqual([]);
    expect(kb.warnings.map((w) => w.message)).toEqual([
      'error text "Not allowed to delete due to segment sharing enabled" is already in KA-21790; dropped here',
      'error text "Unknown Error" is already in KA-21790; dropped here',
    ]);
  });

  it('a generic error text without a scope', () => {
    const problems = problemsOf(article(GOOD.replace('  - text: Unknown Error\n    url: "https://experience.adobe.com/*target*"', '  - access denied\n  - Service Unavailable')));
    expect(problems).toEqual([
      expect.stringMatching(/^articles\/KA-10001\.md:7: error text "access denied" is too generic/),
      expect.stringMatching(/^articles\/KA-10001\.md:8: error text "Service Unavailable" is too generic/),
    ]);
  });

  it('raw HTML and script in a body, on their lines', () => {
    const problems = problemsOf(article(GOOD, `${BODY}\nSee <b>this</b>.\n\n<script>alert(1)</script>\n`));
    expect(problems).toEqual([
      'articles/KA-10001.md:23: raw HTML is not allowed in an article body: <b>',
      'articles/KA-10001.md:23: raw HTML is not allowed in an article body: </b>',
      'articles/KA-10001.md:25: raw HTML is not allowed in an article body: <script>alert(1)</script>',
    ]);
  });

  it('images and links that are not https', () => {
    const problems = problemsOf(article(GOOD, `${BODY}\n![](assets/x.png)\n\n[click](javascript:alert(1)) and [old](http://example.com)\n`));
    expect(problems).toEqual([
      'articles/KA-10001.md:23: images are not allowed: the extension cannot show them',
      'articles/KA-10001.md:25: link "javascript:alert(1)" is not an absolute https URL',
      'articles/KA-10001.md:25: link "http://example.com" is not an absolute https URL',
    ]);
  });

  it('a body without steps', () => {
    expect(problemsOf(article(GOOD, '\n## What it means\n\nSomething.\n\n## How to fix it\n\n- not numbered\n'))).toEqual([
      'articles/KA-10001.md:18: the body has no steps: add "## How to fix it" followed by a numbered list',
    ]);
  });

  it('a wrong source, a bad date, a missing summary, no errors or contexts', () => {
    const front = `
title: Something
products: [aam]
source: https://example.com/ka-10001
updated: 29/03/2023
`;
    expect(problemsOf(article(front))).toEqual([
      'articles/KA-10001.md:1: missing summary: one sentence for the tip',
      'articles/KA-10001.md:2: the article needs error texts (errors:) or page contexts (contexts:)',
      'articles/KA-10001.md:4: source must be the Experience League page, https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/ka-10001',
      'articles/KA-10001.md:5: updated must be a date, YYYY-MM-DD',
    ]);
  });

  it('an article drawn from a product documentation page is named DOC-… and cites that page', () => {
    const page = 'https://experienceleague.adobe.com/en/docs/analytics/analyze/analysis-workspace/workspace-faq/error-messages';
    const doc = GOOD.replace('https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/ka-21790', page);
    const kb = compileArticles([file('DOC-workspace-errors', article(doc))]);
    expect(kb.problems).toEqual([]);
    expect(kb.articles.map((a) => [a.id, a.source])).toEqual([['DOC-workspace-errors', page]]);
    const kbPage = compileArticles([file('DOC-workspace-errors', article(GOOD))]).problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(kbPage).toEqual(['articles/DOC-workspace-errors.md:10: source must be the product documentation page the article draws on: https://experienceleague.adobe.com/en/docs/…, not a knowledge-base article']);
    const elsewhere = compileArticles([file('DOC-workspace-errors', article(doc.replace(page, 'https://example.com/en/docs/x')))]).problems;
    expect(elsewhere.map((p) => p.line)).toEqual([10]);
  });

  it('lists every problem of every file at once', () => {
    const kb = compileArticles([file('KA-10001', article(GOOD.replace('aep', 'xyz').replace('ka-21790', 'ka-10001'))), file('KA-10002', '---\ntitle: [\n---\n')]);
    expect(kb.problems.map((p) => p.file)).toEqual(['articles/KA-10001.md', 'articles/KA-10002.md']);
    expect(kb.articles).toEqual([]);
  });
});
