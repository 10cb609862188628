import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shippedLicence } from '../../src/importer/folder';
import { importArticles, importFolder, type SourceEntry } from '../../src/importer/importer';
import { OverrideError, parseOverrides } from '../../src/importer/overrides';

/**
 * Knowledge-base folders written to hurt the import: each bad file is reported and the import goes on
 * with the others, quickly, and nothing private or foreign reaches the output.
 */

const GOOD_BODY = `## Description

<b>Issue/Symptoms</b>

Saving shows the error "The sample audience could not be stored in this workspace".

## Resolution

1. Pick another audience.
`;

function kcs(fields: Record<string, string> = {}, body = GOOD_BODY): string {
  const front = {
    title: 'Sample audience cannot be stored',
    description: 'What to do when the sample audience is not stored.',
    solution: 'Audience Manager',
    keywords: 'KCS, sample',
    'article-published-date': '3/4/2024 10:00:00 AM',
    ...fields,
  };
  return ['---', ...Object.entries(front).map(([k, v]) => `${k}: ${v}`), '---', body].join('\n');
}

const entry = (name: string, text: string | Uint8Array): SourceEntry => ({ name, bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text });

/** Imports the given files beside a good one; the good one must always come through. */
function importWithGood(...entries: SourceEntry[]) {
  const result = importArticles([entry('KA-10001.md', kcs()), ...entries]);
  expect(result.articles.map((a) => a.id)).toContain('KA-10001');
  return { ...result, reasons: Object.fromEntries(result.report.malformed.map((m) => [m.file, m.reason])) };
}

describe('YAML alias bombs in front matter', () => {
  it('reports the file before expanding its aliases, and imports the rest', () => {
    const anchors = ['l0: &l0 [a, a, a, a, a, a, a, a, a]', ...Array.from({ length: 8 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`)];
    const bomb = kcs({ solution: '*l8' }).replace('---\n', `---\n${anchors.join('\n')}\n`);
    const { reasons } = importWithGood(entry('KA-10002.md', bomb));
    expect(reasons['KA-10002.md']).toMatch(/^front matter is not valid YAML: aliases \(…\) are not allowed; write the value out \(line 3\)$/);
  });
});

describe('YAML alias bombs in the override file', () => {
  it('refuses aliases with the line, before expanding them', () => {
    const anchors = ['l0: &l0 [a, a, a, a, a, a, a, a, a]', ...Array.from({ length: 8 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`)];
    expect(() => parseOverrides(`${anchors.join('\n')}\nKA-10001:\n  add: *l8\n`)).toThrow(OverrideError);
    expect(() => parseOverrides(`${anchors.join('\n')}\nKA-10001:\n  add: *l8\n`)).toThrow(/^importer-overrides\.yaml:2: the override file is not valid YAML: aliases \("\*l0"\) are not allowed/);
  });
});

describe('pathological Markdown', () => {
  it.each([
    ['nested list markers', `${'- '.repeat(4000)}x`],
    ['nested quotes', '>'.repeat(3000)],
    ['emphasis marks', '*a_'.repeat(40_000)],
  ])('%s: reported with the line, the rest imported', (_, markdown) => {
    const { reasons } = importWithGood(entry('KA-10002.md', kcs({}, `${GOOD_BODY}\n${markdown}\n`)));
    expect(reasons['KA-10002.md']).toMatch(/^line 18: (Markdown nested \d+ levels deep|a block holds more than 1000)/);
  });

  it('deeply nested HTML is converted or reported, never a stack overflow', () => {
    const { report } = importWithGood(entry('KA-10002.md', kcs({}, `${GOOD_BODY}\n${'<div>'.repeat(20_000)}deep${'</div>'.repeat(20_000)}\n`)));
    expect(report.filesRead).toBe(2);
  });
});

describe('CRM addresses', () => {
  it('never reach an article, in the title, description, keywords or body, however written', () => {
    const crm = 'adobe-ent.crm.dynamics.com/main.aspx?id=7';
    const body = `## Description

See https://${crm} and adobe-ent.crm&#46;dynamics.com/x or adobe-ent.crm<b></b>.dynamics<span></span>.com/y.

<p>Also https://${crm} in a paragraph.</p>

<pre>curl https://${crm}</pre>

<table><tr><td>https://${crm}</td><td>adobe-ent.crm&#x2e;dynamics.com</td></tr><tr><td>a</td><td>b</td></tr></table>

## Resolution

1. Open [the case](https://${crm}) and \`https://${crm}\`.
`;
    const { articles } = importWithGood(
      entry('KA-10002.md', kcs({ title: `Case https://${crm} title`, description: `See crm&#46;dynamics.com/z for the description.`, keywords: `KCS, https://${crm}, other` }, body)),
    );
    const text = articles.map((a) => a.text).join('\n');
    expect(articles.map((a) => a.id)).toContain('KA-10002');
    expect(text).not.toMatch(/dynamics/i);
  });
});

describe('bad values', () => {
  it('reports invalid UTF-8 with its line', () => {
    const bytes = new TextEncoder().encode(kcs());
    const broken = new Uint8Array([...bytes.slice(0, 20), 0xc3, 0x28, ...bytes.slice(20)]);
    const { reasons } = importWithGood(entry('KA-10002.md', broken));
    expect(reasons['KA-10002.md']).toBe('binary file (not UTF-8 text, line 2)');
  });

  it('drops extracted texts with bidi controls or look-alike letters, and says why', () => {
    const body = GOOD_BODY.replace('"The sample audience could not be stored in this workspace"', '"The sample audience could not be \u202estored in this workspace" and then "The sample аudience was refused by this workspace"');
    const { articles, report } = importWithGood(entry('KA-10002.md', kcs({}, body).replace('Sample audience', 'Other audience')));
    expect(articles.find((a) => a.id === 'KA-10002')!.errors).toEqual([]);
    expect(report.errorTexts.droppedUnsafe).toBe(2);
    expect(report.refused.map((r) => r.reason)).toEqual([expect.stringMatching(/bidirectional control/), expect.stringMatching(/mixes Latin with Cyrillic/)]);
  });

  it('never takes an impossible publication date', () => {
    const { articles, reasons } = importWithGood(entry('KA-10002.md', kcs({ 'article-published-date': '13/45/2024 10:00:00 AM' })));
    expect(articles.map((a) => a.id)).not.toContain('KA-10002');
    expect(reasons['KA-10002.md']).toBe('no readable publication or creation date');
  });
});

describe('the folders', () => {
  let root = '';
  let input = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'xc-import-hostile-'));
    input = join(root, 'kcs', 'articles');
    mkdirSync(input, { recursive: true });
    writeFileSync(join(input, 'KA-10001.md'), kcs());
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reports a directory, a dangling link, a link to a file elsewhere, a misspelt name and a file too big, and goes on', () => {
    mkdirSync(join(input, 'KA-90001.md'));
    symlinkSync(join(root, 'nowhere.md'), join(input, 'KA-90002.md'));
    symlinkSync('/etc/hostname', join(input, 'KA-90003.md'));
    writeFileSync(join(input, 'KA-90004.MD'), kcs());
    writeFileSync(join(input, 'KA-90005.md'), kcs({}, `${GOOD_BODY}\n${'x'.repeat(5 * 1024 * 1024)}\n`));
    const { articles, report } = importFolder({ input, out: join(root, 'out'), root });
    expect(articles.map((a) => a.id)).toEqual(['KA-10001']);
    expect(report.malformed).toEqual([
      { file: 'KA-90001.md', reason: 'a directory, not a file' },
      { file: 'KA-90002.md', reason: 'a symbolic link: only regular files in the folder are read' },
      { file: 'KA-90003.md', reason: 'a symbolic link: only regular files in the folder are read' },
      { file: 'KA-90004.MD', reason: 'file name must be an article number with a lower-case .md, such as KA-21790.md' },
      { file: 'KA-90005.md', reason: expect.stringMatching(/^\d+ bytes; the limit is 4194304$/) },
    ]);
  });

  it('never copies a licence that is a symbolic link', () => {
    symlinkSync('/etc/passwd', join(root, 'kcs', 'license.md'));
    const { report } = importFolder({ input, out: join(root, 'out'), root });
    expect(existsSync(join(root, 'out', 'LICENSE.txt'))).toBe(false);
    expect(report.licence).toMatch(/license\.md is a symbolic link: not copied$/);
  });

  it('the build ships a licence placed in the import folder only when it is a regular file there', () => {
    const imported = join(root, 'imported');
    mkdirSync(imported);
    symlinkSync('/etc/passwd', join(imported, 'LICENSE.txt'));
    expect(shippedLicence(imported)).toBeNull();
    rmSync(join(imported, 'LICENSE.txt'));
    writeFileSync(join(imported, 'LICENSE.txt'), 'MIT licence of the sample');
    expect(shippedLicence(imported)).toBe('MIT licence of the sample');
    expect(shippedLicence(join(root, 'nowhere'))).toBeNull();
  });

  it('copies a licence that is a regular file', () => {
    writeFileSync(join(root, 'kcs', 'license.md'), 'MIT licence of the sample');
    importFolder({ input, out: join(root, 'out'), root });
    expect(readFileSync(join(root, 'out', 'LICENSE.txt'), 'utf8')).toBe('MIT licence of the sample');
  });

  it('refuses an output folder holding anything it did not write, and removes only what it wrote', () => {
    const docs = join(root, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'importing.md'), 'our own page');
    expect(() => importFolder({ input, out: docs, root })).toThrow(/refusing to write imported articles into .*docs: it holds files an import did not write \(importing\.md\)/);
    expect(readFileSync(join(docs, 'importing.md'), 'utf8')).toBe('our own page');

    const out = join(root, 'out');
    importFolder({ input, out, root });
    writeFileSync(join(out, 'notes.txt'), 'someone added this');
    expect(() => importFolder({ input, out, root })).toThrow(/it holds files an import did not write \(notes\.txt\)/);
    rmSync(join(out, 'notes.txt'));
    rmSync(join(input, 'KA-10001.md'));
    writeFileSync(join(input, 'KA-10003.md'), kcs());
    importFolder({ input, out, root });
    expect(readdirSync(out).sort()).toEqual(['.xc-import.json', 'KA-10003.md', 'report.json']);
  });
});
