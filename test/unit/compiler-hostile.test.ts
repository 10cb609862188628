import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileArticles, formatProblems } from '../../src/compiler/compile';
import { compileProject } from '../../src/compiler/load';
import { MAX_INLINE_MARKS, MAX_NESTING } from '../../src/compiler/markdown';
import { MAX_ARTICLE_BYTES } from '../../src/compiler/rules';
import { MAX_FRONT_MATTER_BYTES, MAX_YAML_DEPTH } from '../../src/compiler/yaml';

/**
 * Articles written to hurt the build: each must end with `file:LINE: message`, never a hang, a crash, a
 * stack trace, or something that ships when it should not. Each message names the limit that stopped the
 * input before it was expanded or parsed (how fast that is, is the benchmark's to say).
 */

const FRONT = `title: Segment could not be saved in the sample screen
summary: The sample screen refuses to save a segment without an audience.
products: [aam]
errors:
  - Your segment could not be saved because the audience is missing
source: https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/ka-10001
updated: 2024-01-02`;

const BODY = `
## What it means

The sample screen needs an audience.

## How to fix it

1. Pick an audience.
2. Save again.
`;

const article = (front = FRONT, body = BODY) => `---\n${front}\n---\n${body}`;

/** Compiles one article. */
function compileOne(text: string, name = 'KA-10001') {
  const kb = compileArticles([{ path: `articles/${name}.md`, text }]);
  return { kb, lines: formatProblems(kb.problems).split('\n') };
}

/** Nested anchors, each a list of nine of the one before: 9^depth values once expanded. */
function aliasBomb(depth: number, field: string): string {
  const lines = ['l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < depth; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n${field}: *l${depth - 1}`;
}

describe('YAML alias bombs', () => {
  it('refuses aliases in front matter at once, with the line', () => {
    const { kb, lines } = compileOne(article(`${aliasBomb(9, 'products')}\n${FRONT.replace('products: [aam]\n', '')}`));
    expect(kb.articles).toEqual([]);
    expect(lines).toEqual(['articles/KA-10001.md:3: front matter is not valid YAML: aliases ("*l0") are not allowed; write the value out']);
  });

  it('bounds the size and nesting of front matter before parsing', () => {
    const deep = compileOne(article(`${FRONT}\nkeywords: ${'['.repeat(7000)}${']'.repeat(7000)}`));
    expect(deep.lines).toEqual([expect.stringMatching(new RegExp(`^articles/KA-10001\\.md:9: front matter is nested \\d+ levels deep; the limit is ${MAX_YAML_DEPTH}$`))]);
    const big = compileOne(article(`${FRONT}\nkeywords: [${'a, '.repeat(10_000)}b]`));
    expect(big.lines).toEqual([expect.stringMatching(new RegExp(`^articles/KA-10001\\.md:2: front matter is \\d+ bytes; the limit is ${MAX_FRONT_MATTER_BYTES}$`))]);
  });
});

describe('pathological Markdown', () => {
  // the body starts on line 20; the list by indentation goes one level too deep MAX_NESTING lines later
  const cases: [string, string, string][] = [
    ['4,000 nested list markers on a line', `${'- '.repeat(4000)}x\n`, `:20: Markdown nested 4000 levels deep; the limit is ${MAX_NESTING}$`],
    ['3,000 quote markers', `${'>'.repeat(3000)} x\n`, `:20: Markdown nested 3000 levels deep; the limit is ${MAX_NESTING}$`],
    ['300 list levels by indentation', Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'), `:${20 + MAX_NESTING}: Markdown nested ${MAX_NESTING + 1} levels deep; the limit is ${MAX_NESTING}$`],
    ['40,000 emphasis marks in a paragraph', `${'*a_'.repeat(40_000)}\n`, `:20: a block holds more than ${MAX_INLINE_MARKS} emphasis, link or code marks`],
  ];
  it.each(cases)('%s: reported with its line', (_, markdown, message) => {
    const { kb, lines } = compileOne(article(FRONT, `${BODY}\n${markdown}`));
    expect(kb.articles).toEqual([]);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^articles/KA-10001\\.md${message}`))]);
  });

  it('refuses an article over the size limit before reading it', () => {
    const { lines } = compileOne(article(FRONT, `${BODY}\n${'Plenty of words here. '.repeat(600_000)}\n`));
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^articles/KA-10001\\.md:1: the article is \\d+ bytes; the limit is ${MAX_ARTICLE_BYTES}`))]);
  });
});

describe('CRM addresses never ship', () => {
  const crm = 'adobe-ent.crm.dynamics.com/main.aspx?id=1';
  it.each([
    ['the title', article(FRONT.replace('title: Segment', `title: See ${crm} Segment`)), 2],
    ['the summary', article(FRONT.replace('summary: The', `summary: See https://${crm}. The`)), 3],
    ['a keyword', article(`${FRONT}\nkeywords: [sample, "https://${crm}"]`), 9],
    ['a keyword, entity-encoded', article(`${FRONT}\nkeywords: [sample, "adobe-ent.crm&#46;dynamics.com"]`), 9],
    ['body text', article(FRONT, `${BODY}\nSee https://${crm} for more.\n`), 20],
    ['body text split by empty tags', article(FRONT, `${BODY}\nSee adobe-ent.crm<b></b>.dynamics<span></span>.com for more.\n`), 20],
    ['body text, entity-encoded', article(FRONT, `${BODY}\nSee adobe-ent.crm&#46;dynamics&#x2e;com for more.\n`), 20],
    ['a code block', article(FRONT, `${BODY}\n\`\`\`\ncurl https://${crm}\n\`\`\`\n`), 20],
    ['block HTML', article(FRONT, `${BODY}\n<table><tr><td>https://${crm}</td></tr></table>\n`), 20],
    ['a link address', article(FRONT, `${BODY}\n[the case](https://${crm})\n`), 20],
  ])('in %s: the build stops with the line', (_, text, line) => {
    const { kb, lines } = compileOne(text);
    expect(kb.articles).toEqual([]);
    expect(JSON.stringify(kb.table)).not.toMatch(/dynamics/);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^articles/KA-10001\\.md:${line}: .*CRM address`)));
  });
});

describe('bad values', () => {
  it('refuses days that are not in the calendar', () => {
    expect(compileOne(article(FRONT.replace('2024-01-02', '2024-13-45'))).lines).toEqual(['articles/KA-10001.md:8: updated 2024-13-45 is not a day of the calendar']);
    expect(compileOne(article(FRONT.replace('2024-01-02', '2024-02-30'))).lines).toEqual(['articles/KA-10001.md:8: updated 2024-02-30 is not a day of the calendar']);
    expect(compileOne(article(FRONT.replace('2024-01-02', '2024-02-29'))).lines).toEqual(['']);
  });

  it('refuses a source naming another article', () => {
    expect(compileOne(article(FRONT.replace('ka-10001', 'ka-21790'))).lines).toEqual([
      "articles/KA-10001.md:7: source https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/ka-21790 is not this article's page (the file is KA-10001): use https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/ka-10001",
    ]);
  });

  it('refuses bidi controls in error texts', () => {
    const { lines } = compileOne(article(FRONT.replace('Your segment', 'Your \u202esegment')));
    expect(lines).toEqual([expect.stringMatching(/^articles\/KA-10001\.md:6: error text: .*bidirectional control character \(U\+202E\)/)]);
  });

  it('refuses look-alike letters, and finds a look-alike copy of another text', () => {
    const cyrillic = 'Your segment could nоt be saved because the audience is missing'; // о is Cyrillic
    expect(compileOne(article(FRONT.replace(/Your segment .*missing/, cyrillic))).lines).toEqual([
      'articles/KA-10001.md:6: error text: the word "nоt" mixes Latin with Cyrillic or Greek letters: a look-alike character?',
    ]);
    const greek = 'Yοur segment could not be saved because the audience is missing'.replace('ο', '\u03bf');
    const kb = compileArticles([
      { path: 'articles/KA-10001.md', text: article() },
      { path: 'imported/KA-10002.md', text: article(FRONT.replace(/Your segment .*missing/, greek).replace('ka-10001', 'ka-10002')), imported: true },
    ]);
    expect(formatProblems(kb.problems)).toMatch(/^imported\/KA-10002\.md:6: error text: the word "Yοur" mixes Latin/);
  });
});

describe('files that are not articles', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reports a directory, a dangling link, a symbolic link, a misspelt name and invalid UTF-8, and never throws', () => {
    root = mkdtempSync(join(tmpdir(), 'xc-compile-files-'));
    mkdirSync(join(root, 'articles'));
    mkdirSync(join(root, 'imported'));
    writeFileSync(join(root, 'articles', 'KA-10001.md'), article());
    mkdirSync(join(root, 'articles', 'KA-90001.md'));
    symlinkSync(join(root, 'nowhere.md'), join(root, 'articles', 'KA-90002.md'));
    symlinkSync('/etc/hostname', join(root, 'imported', 'KA-90003.md'));
    writeFileSync(join(root, 'articles', 'KA-90004.MD'), article());
    writeFileSync(join(root, 'articles', 'KA-90005.md'), Buffer.concat([Buffer.from(article().slice(0, 40)), Buffer.from([0xc3, 0x28]), Buffer.from(article().slice(40))]));
    const kb = compileProject(root);
    expect(formatProblems(kb.problems).split('\n')).toEqual([
      'articles/KA-90001.md:1: is a directory, not an article file',
      'articles/KA-90002.md:1: is a symbolic link: articles must be regular files in the folder',
      'articles/KA-90004.MD:1: file name must be the article number with a lower-case .md, e.g. KA-90004.md',
      'articles/KA-90005.md:2: not valid UTF-8 text: save the file as UTF-8',
      'imported/KA-90003.md:1: is a symbolic link: articles must be regular files in the folder',
    ]);
    expect(kb.articles).toEqual([]);
  });
});
