import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileArticles } from '../../src/compiler/compile';
import { compileBody } from '../../src/compiler/markdown';
import { readArgs as parseArgs } from '../../src/importer/cli';
import { convertBody, safeHref, type BodyStats } from '../../src/importer/body';
import { extractErrors, finish, fromTitle, quotedSpans } from '../../src/importer/extract';
import { bugFlag, kcsDate, MalformedError, productKey, readMeta, splitFile } from '../../src/importer/frontmatter';
import { htmlToBlocks } from '../../src/importer/html';
import { importArticles, importFolder, type SourceEntry } from '../../src/importer/importer';
import { OverrideError, parseOverrides } from '../../src/importer/overrides';
import { cleanLine, firstSentence, unwrapMarkers } from '../../src/importer/text';
import { toMarkdown } from 'mdast-util-to-markdown';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';

const encoder = new TextEncoder();

/** A knowledge-base file in the Experience League shape. */
function kcs(fields: Record<string, string>, body: string, eol = '\n'): string {
  const front = {
    title: 'Sample article',
    description: 'Learn what to do when the sample fails.',
    solution: 'Target',
    product: 'Target',
    'applies-to': 'Target',
    keywords: 'KCS, sample',
    resolution: 'Resolution',
    'internal-notes': 'null',
    bug: 'false',
    'article-created-by': 'Pat Example',
    'article-created-date': '6/13/2024 5:50:47 PM',
    'article-published-by': 'Sam Example',
    'article-published-date': '6/14/2024 5:52:02 PM',
    'dynamics-url': 'https://example.crm.dynamics.com/main.aspx?id=1',
    ...fields,
  };
  const lines = ['---', ...Object.entries(front).map(([k, v]) => `${k}: ${v}`), '---', ...body.split('\n')];
  return lines.join(eol);
}

const BODY = `# Sample article

Learn what to do when the sample fails.

## Description {#description}

### <b>Environment</b>

- Adobe Target

### <b>Issue/Symptoms</b>

When saving, the error "Your activity could not be saved because the audience is missing" appears.

## Resolution {#resolution}

Add an audience, then save the activity again.
`;

function entry(name: string, text: string | Uint8Array): SourceEntry {
  return { name, bytes: typeof text === 'string' ? encoder.encode(text) : text };
}

function importOne(text: string, name = 'KA-10001.md') {
  return importArticles([entry(name, text)]);
}

const stats = (): BodyStats => ({ images: 0, elements: 0, links: 0 });
const md = (html: string) =>
  toMarkdown({ type: 'root', children: htmlToBlocks(html, { href: safeHref }) }, { bullet: '-', emphasis: '*', strong: '*', resourceLink: true, extensions: [gfmTableToMarkdown()] }).trim();

function convert(body: string) {
  return convertBody({ body, id: 'KA-10001', title: 'Sample article', description: 'Learn what to do when the sample fails.', source: 'https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/ka-10001', stats: stats() });
}

describe('HTML to Markdown', () => {
  it('turns bold, italics and underline into Markdown or plain text', () => {
    expect(md('Click <b>Next</b> then <i>wait</i>, <u>really</u>.')).toBe('Click **Next** then *wait*, really.');
    expect(md('<strong>Save</strong> and <em>close</em>')).toBe('**Save** and *close*');
  });

  it('moves spaces out of bold so it still parses', () => {
    expect(md('the <b>Sources </b>tab')).toBe('the **Sources** tab');
  });

  it('makes line breaks hard breaks, and two breaks a new paragraph', () => {
    expect(md('one<br>two')).toBe('one\\\ntwo');
    expect(md('one<br><br>two')).toBe('one\n\ntwo');
    expect(md('<br>one<br>')).toBe('one');
  });

  it('turns paragraphs and lists into Markdown blocks', () => {
    expect(md('<p>First</p><p>Second</p>')).toBe('First\n\nSecond');
    expect(md('<ul><li>a</li><li>b <b>c</b></li></ul>')).toBe('- a\n- b **c**');
    expect(md('<ol><li>one</li><li>two<ul><li>inner</li></ul></li></ol>')).toBe('1. one\n2. two\n   - inner');
  });

  it('keeps https links, upgrades Adobe http links and unlinks the rest', () => {
    expect(md('<a href="https://experienceleague.adobe.com/docs">docs</a>')).toBe('[docs](https://experienceleague.adobe.com/docs)');
    expect(md('<a href="http://helpx.adobe.com/x">help</a>')).toBe('[help](https://helpx.adobe.com/x)');
    expect(md('<a href="http://example.com/x">plain</a>')).toBe('plain');
    expect(md('<a href="javascript:alert(1)">click</a>')).toBe('click');
    expect(md('<a href="https://adobe-ent.crm.dynamics.com/main.aspx?id=1">this</a> document')).toBe('this document');
  });

  it('drops scripts, styles and images with their content, and never copies attributes', () => {
    const out = md('<p style="color:red" onclick="steal()">Hi <img src="data:image/png;base64,AAAA" onerror="x()"></p><script>alert(1)</script><style>p{}</style>');
    expect(out).toBe('Hi');
    expect(md('<a href="https://example.com/" onclick="steal()" style="color:red">go</a>')).toBe('[go](https://example.com/)');
    for (const bad of ['script', 'onclick', 'onerror', 'style', 'data:', 'alert', 'steal']) expect(out).not.toContain(bad);
  });

  it('turns simple tables into GFM tables and complex ones into lists', () => {
    expect(md('<table><tr><th>Code</th><th>Meaning</th></tr><tr><td>413</td><td>Payload <b>too</b> large</td></tr></table>')).toBe(
      '| Code | Meaning               |\n| ---- | --------------------- |\n| 413  | Payload **too** large |',
    );
    expect(md('<table><tr><td><p>a</p><p>b</p></td><td>c</td></tr><tr><td>d</td><td>e</td></tr></table>')).toBe('- a\n\n  b\n\n  c\n\n- d\n\n  e');
  });

  it('turns <pre> and <code> into code', () => {
    expect(md('<pre>line 1\n  line 2</pre>')).toBe('```\nline 1\n  line 2\n```');
    expect(md('Run <code>npm test</code>')).toBe('Run `npm test`');
  });

  it('shows a placeholder that is not an HTML element as code, never as markup', () => {
    expect(md('Replace <selector> with yours')).toBe('Replace `<selector>` with yours');
  });
});

describe('bodies', () => {
  it('builds What it means, How to fix it (numbered) and Source', () => {
    const out = convert(BODY).markdown;
    expect(out).toContain('## What it means\n\nWhen saving, the error "Your activity could not be saved because the audience is missing" appears.');
    expect(out).toContain('## How to fix it\n\n1. Add an audience, then save the activity again.');
    expect(out).toContain('## Source\n\nImported from the Adobe Experience League knowledge base: [KA-10001](https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/ka-10001).');
    expect(out).not.toContain('Environment');
    expect(compileBody(out).problems).toEqual([]);
  });

  it('turns a resolution without a numbered list into steps: paragraphs and bullets, a list after a colon nested', () => {
    const out = convert('## Resolution\n\nCheck the feed.\n\nThen one of:\n\n- option a\n- option b\n\n```\ncode\n```\n\n- last bullet\n').markdown;
    expect(out).toContain('1. Check the feed.\n\n2. Then one of:\n\n   - option a\n   - option b\n\n   ```\n   code\n   ```\n\n3. last bullet');
    expect(compileBody(out).problems).toEqual([]);
  });

  it('keeps a numbered resolution and joins a list split by a picture', () => {
    const out = convert('## Resolution\n\nFollow these steps:\n\n1. Open **Sources**.\n\n![](assets/a.png)\n\n2. Uncheck it.\n').markdown;
    expect(out).toContain('## How to fix it\n\nFollow these steps:\n\n1. Open **Sources**.\n2. Uncheck it.');
    expect(out).not.toContain('assets/');
  });

  it('gives an empty resolution one step pointing at the source', () => {
    const out = convert('## Description\n\nSomething.\n\n## Resolution\n').markdown;
    expect(out).toMatch(/1\. Follow the resolution in the \[full article on Experience League\]\(https:/);
    expect(compileBody(out).problems).toEqual([]);
  });

  it('unwraps [!DNL] and [!UICONTROL], drops images and data: URLs, zero-width and non-breaking spaces', () => {
    const body = '## Description\n\nIn [!DNL Target], open [!UICONTROL Activities]\u200b\u00a0now ![](assets/x.png) ![x](data:image/png;base64,AAAA).\n\n## Resolution\n\n1. Do it.\n';
    const out = convert(body).markdown;
    expect(out).toContain('In Target, open Activities now.');
    expect(out).not.toMatch(/\[!|\u200b|\u00a0|data:|assets\//);
  });

  it('reads CRLF and LF alike', () => {
    const lf = importOne(kcs({}, BODY));
    const crlf = importOne(kcs({}, BODY, '\r\n'));
    expect(crlf.articles[0].text).toBe(lf.articles[0].text);
    expect(lf.articles[0].text).not.toContain('\r');
  });

  it('treats a lone bold label as a section heading', () => {
    const out = convert('## Description\n\n<b>Environment</b><br>Analytics<br><br><b>Issue</b><br>It breaks.\n\n## Resolution\n\n<b>Solution</b><br>Fix it.\n').markdown;
    expect(out).toContain('## What it means\n\nIt breaks.');
    expect(out).toContain('## How to fix it\n\n1. Fix it.');
    expect(out).not.toContain('Analytics');
  });

  it('treats a plain label line as a heading, and a resolution that only gives the cause as the fix', () => {
    const out = convert('## Description\n\nIssue/Symptoms<br>\n- Changing one collection changes the others\n\nEnvironment\n- Staging\n\n## Resolution\n\nCause\n\nThis behavior is by design.\n').markdown;
    expect(out).toContain('## What it means\n\n- Changing one collection changes the others\n\n## How to fix it\n\n1. This behavior is by design.');
    expect(out).not.toMatch(/Issue\/Symptoms|Staging|Cause/);
    const { articles } = importOne(kcs({ description: 'Description' }, '## Description\n\n### Issue\n\n- Customer data is missing in reports.\n\n## Resolution\n\n1. Fix it.\n'));
    expect(articles[0].text).toContain('summary: "Customer data is missing in reports."');
  });

  it('keeps a Markdown table as written, even with one column or a cell of several parts', () => {
    const out = convert('## Description\n\nThe engines:\n\n| Engine |\n| --- |\n| One |\n| Two |\n\n## Resolution\n\n1. Fix it.\n').markdown;
    expect(out).toContain('| Engine |\n| ------ |\n| One    |\n| Two    |');
  });

  it('never lets a CRM address through, in links or in text', () => {
    const out = convert('## Description\n\nSee [this](https://adobe-ent.crm.dynamics.com/main.aspx?id=2) or https://adobe-ent.crm.dynamics.com/x.\n\n## Resolution\n\n1. `https://adobe-ent.crm.dynamics.com/y`\n').markdown;
    expect(out).not.toContain('crm.dynamics');
  });
});

describe('front matter', () => {
  it('reads dates quoted or not, with or without time, to YYYY-MM-DD', () => {
    expect(kcsDate('6/13/2024 5:50:47 PM')).toBe('2024-06-13');
    expect(kcsDate('"12/1/2023 10:02:00 AM"')).toBe('2023-12-01');
    expect(kcsDate('1/2/2022')).toBe('2022-01-02');
    expect(kcsDate(new Date(Date.UTC(2022, 9, 19)))).toBe('2022-10-19');
    expect(kcsDate('2/30/2024 1:00:00 PM')).toBeNull();
    expect(kcsDate('soon')).toBeNull();
  });

  it('reads bug flags in every spelling', () => {
    for (const v of [true, 'true', 'True', 'TRUE', '"True"', 'yes']) expect(bugFlag(v)).toBe(true);
    for (const v of [false, 'false', 'False', "'false'", 'no']) expect(bugFlag(v)).toBe(false);
    expect(bugFlag(undefined)).toBeNull();
    expect(bugFlag('maybe')).toBeNull();
  });

  it('maps product names to our keys and leaves the others out', () => {
    const meta = readMeta({ solution: 'Campaign,Audience Manager', product: 'Experience Platform, Real-Time Customer Data Platform', 'applies-to': 'Data Collection,Journey Optimizer' });
    expect(meta.products).toEqual(['aam', 'aep']);
    expect(productKey('Customer Journey Analytics')).toBe('cja');
    expect(productKey('Adobe Target')).toBe('target');
    expect(productKey('Journey Optimizer')).toBeUndefined();
  });

  it('cleans titles and keywords: markers, escapes, KCS', () => {
    const meta = readMeta({ title: "[!DNL Target]: '\\*\\*\\*' in\u00a0[!UICONTROL Reports]", keywords: 'KCS, kcs, [!DNL Analytics], Analytics, eVar' });
    expect(meta.title).toBe("Target: '***' in Reports");
    expect(meta.keywords).toEqual(['Analytics', 'eVar']);
  });

  it('reports malformed files by reason', () => {
    const reason = (bytes: Uint8Array) => {
      try {
        splitFile(bytes);
        return 'ok';
      } catch (error) {
        return error instanceof MalformedError ? error.message : 'crash';
      }
    };
    expect(reason(new Uint8Array())).toBe('empty file');
    expect(reason(encoder.encode('  \n'))).toBe('empty file');
    expect(reason(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1]))).toMatch(/^binary/);
    expect(reason(new Uint8Array([0xff, 0xfe, 0x41]))).toMatch(/^binary/);
    expect(reason(encoder.encode('# Title\n\ntext'))).toMatch(/^no front matter/);
    expect(reason(encoder.encode('---\ntitle: x\n'))).toMatch(/not closed/);
    expect(reason(encoder.encode('---\ntitle: [x\nbug: : :\n---\nbody'))).toMatch(/^front matter is not valid YAML/);
    // the reason never quotes the source, which may be a private field
    expect(reason(encoder.encode('---\ntitle: x\ninternal-notes: *secretalias\n---\nbody'))).toMatch(/^front matter is not valid YAML: unidentified alias … \(line \d+\)$/);
  });
});

describe('error texts', () => {
  it('takes quoted and labelled errors from titles', () => {
    expect(fromTitle('Error: Not allowed to delete due to segment sharing enabled').map((c) => c.text)).toEqual(['Not allowed to delete due to segment sharing enabled']);
    expect(fromTitle('"No Analytics link" error in A4T activities').map((c) => c.text)).toEqual(['No Analytics link']);
    expect(fromTitle('\'Total seconds spent\' metric is not available')).toEqual([]);
  });

  it('finds quotes with nested quotes and leaves apostrophes alone', () => {
    expect(quotedSpans('says: detail: "Net::SFTP::StatusException (8, "op unsupported")" and more').map((q) => q.inner)).toEqual(['Net::SFTP::StatusException (8, "op unsupported")']);
    expect(quotedSpans("it can't be 'done here' now").map((q) => q.inner)).toEqual(['done here']);
  });

  it('tidies a text: curly quotes, edges, ellipsis, placeholders, long texts cut at a clause', () => {
    expect(finish('“The message can’t be validated: ....”')).toBe("The message can't be validated");
    expect(finish('*"Not allowed to delete due to segment sharing enabled"*')).toBe('Not allowed to delete due to segment sharing enabled');
    expect(finish('Error while creating the mapping for the xxxxxxx segment.')).toBe('Error while creating the mapping for the {x} segment.');
    expect(finish(`Refused to frame 'https://a.example.com/' because it violates the following Content Security Policy directive: "frame-src *.xyz.com *.facebook.com c.comenity.net *.google.com"`)).toBe(
      "Refused to frame 'https://a.example.com/' because it violates the following Content Security Policy directive",
    );
    expect(finish('{"method":"x"} failed')).toBeNull();
    expect(finish('eVars')).toBeNull();
    expect(finish('NO_CONTENT')).toBe('NO_CONTENT');
  });

  it('reads errors the description presents, and not UI labels in the steps', () => {
    const body = convert(`## Description

The error *Access to this trait has been revoked* occurs.

You get the message:<b> </b>*An error occurred getting data from the source*

The following errors occur:

\`There were errors trying to save the segment.\`

\`\`\`
{ "status": { "code": "NO_CONTENT", "message": "Invalid customer id 123456:" } }
\`\`\`

## Resolution

1. Click **Create a new audience segment now** and save.
`);
    const texts = extractErrors({ title: 'Trait issues', description: '', meaning: body.meaning, why: body.why, fix: body.fix }).map((c) => c.text);
    expect(texts).toEqual([
      'Access to this trait has been revoked',
      'An error occurred getting data from the source',
      'There were errors trying to save the segment.',
      'Invalid customer id 123456:',
      'NO_CONTENT',
    ]);
  });
});

describe('importArticles', () => {
  it('writes front matter our compiler accepts, with no private field', () => {
    const { articles, report } = importOne(kcs({ title: "'Error: Your activity could not be saved because the audience is missing'", 'internal-notes': 'Ticket TK123456 secret' }, BODY));
    expect(report.malformed).toEqual([]);
    const text = articles[0].text;
    expect(text).toMatch(/^---\ntitle: "Error: Your activity could not be saved because the audience is missing"\nsummary: "Learn what to do when the sample fails\."\nproducts: \[target\]\nerrors:\n {2}- "Your activity could not be saved because the audience is missing"\nkeywords: \["sample"\]\nsource: https:\/\/experienceleague\.adobe\.com\/en\/docs\/experience-cloud-kcs\/kbarticles\/ka-10001\nupdated: 2024-06-14\n---\n/);
    for (const secret of ['TK123456', 'Pat Example', 'Sam Example', 'crm.dynamics', 'internal']) expect(text + JSON.stringify(report)).not.toContain(secret);
    expect(compileArticles([{ path: 'imported/KA-10001.md', text, imported: true }]).problems).toEqual([]);
  });

  it('skips stubs, tutorials and products we do not cover, and counts them', () => {
    const { articles, report } = importArticles([
      entry('KA-10001.md', kcs({}, BODY)),
      entry('KA-10002.md', kcs({ hide: 'true', hidefromtoc: 'true' }, '# Old\n\nThis article has been archived.\n')),
      entry('KA-10003.md', kcs({ description: 'This article has been archived. Please refer to the new one.' }, BODY)),
      entry('KT-11162.md', kcs({ kt: '11162' }, 'video')),
      entry('KA-10004.md', kcs({ solution: 'Campaign', product: 'Campaign', 'applies-to': 'Campaign Classic' }, BODY)),
      entry('notes.txt', 'not an article'),
    ]);
    expect(articles.map((a) => a.id)).toEqual(['KA-10001']);
    expect(report.skipped).toEqual({ stub: 2, tutorial: 1, productNotCovered: 1, malformed: 0 });
    expect(report.productsNotCovered).toEqual({ Campaign: 1, 'Campaign Classic': 1 });
    expect(report.filesRead).toBe(5);
    expect(report.otherFiles).toBe(1);
  });

  it('reports malformed files with their name and reason, and goes on', () => {
    const { articles, report } = importArticles([
      entry('KA-10001.md', ''),
      entry('KA-10002.md', new Uint8Array([0, 1, 2, 3])),
      entry('KA-10003.md', '# no front matter'),
      entry('KA-10004.md', '---\ntitle: [unclosed\n---\nbody'),
      entry('KA-10005.md', kcs({}, BODY)),
      entry('notes.md', kcs({}, BODY)),
    ]);
    expect(articles.map((a) => a.id)).toEqual(['KA-10005']);
    expect(report.malformed.map((m) => m.file)).toEqual(['KA-10001.md', 'KA-10002.md', 'KA-10003.md', 'KA-10004.md', 'notes.md']);
    expect(report.malformed.map((m) => m.reason.split(/[:(]/)[0].trim())).toEqual(['empty file', 'binary file', 'no front matter', 'front matter is not valid YAML', 'file name is not an article number such as KA-21790.md']);
  });

  it('keeps an error text in the first article by id and counts the drop', () => {
    const { articles, report } = importArticles([entry('KA-10002.md', kcs({}, BODY)), entry('KA-10001.md', kcs({}, BODY))]);
    expect(articles.map((a) => [a.id, a.errors.length])).toEqual([
      ['KA-10001', 1],
      ['KA-10002', 0],
    ]);
    expect(report.errorTexts.droppedDuplicate).toBe(1);
    expect(report.duplicates).toEqual([{ text: 'Your activity could not be saved because the audience is missing', keptIn: 'KA-10001', droppedFrom: 'KA-10002' }]);
    expect(report.articlesWithoutErrorTexts).toBe(1);
  });

  it('drops generic texts unless the override file scopes them; overrides add and remove', () => {
    const body = BODY.replace('the error "Your activity could not be saved because the audience is missing" appears', 'it throws an "Unknown Error" and the error "Your activity could not be saved because the audience is missing" appears');
    const plain = importOne(kcs({}, body));
    expect(plain.articles[0].errors).toEqual([{ text: 'Your activity could not be saved because the audience is missing' }]);
    expect(plain.report.errorTexts.droppedGeneric).toBe(1);

    const overrides = parseOverrides(`
KA-10001:
  add: [{ text: "Unknown Error", url: "https://experience.adobe.com/*target*" }, "Audience is required to save this activity"]
  remove: ["Your activity could not be saved because the audience is missing"]
KA-99999:
  add: ["Never imported here"]
`);
    const { articles, report } = importArticles([entry('KA-10001.md', kcs({}, body))], { overrides });
    expect(articles[0].errors).toEqual([{ text: 'Unknown Error', url: 'https://experience.adobe.com/*target*' }, { text: 'Audience is required to save this activity' }]);
    expect(articles[0].text).toContain('  - { text: "Unknown Error", url: "https://experience.adobe.com/*target*" }');
    expect(report.errorTexts).toMatchObject({ extracted: 2, added: 2, scopedByOverrides: 1, removedByOverrides: 1, droppedGeneric: 0 });
    expect(report.overrides.unused).toEqual(['KA-99999']);
    expect(compileArticles([{ path: 'imported/KA-10001.md', text: articles[0].text, imported: true }]).problems).toEqual([]);
  });

  it('imports an article without any error text as search-only', () => {
    const { articles, report } = importOne(kcs({}, BODY.replace(/When saving.*appears\./, 'How do audiences work?')));
    expect(articles[0].errors).toEqual([]);
    expect(articles[0].text).not.toContain('errors:');
    expect(report.articlesWithoutErrorTexts).toBe(1);
  });

  it('writes a summary of one sentence, at most 200 characters', () => {
    const long = `${'Very long words '.repeat(20)}end. Second sentence.`;
    const { articles } = importOne(kcs({ description: long }, BODY));
    const summary = /summary: "(.*)"/.exec(articles[0].text)![1];
    expect(summary.length).toBeLessThanOrEqual(200);
    expect(summary.endsWith('…')).toBe(true);
    expect(firstSentence('Use e.g. this one. Not this.', 200)).toBe('Use e.g. this one.');
  });
});

describe('importFolder', () => {
  it('replaces the output folder, writes report.json, and refuses our own articles folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'xc-import-folder-'));
    try {
      const input = join(root, 'kcs');
      const out = join(root, 'imported');
      mkdirSync(input);
      writeFileSync(join(input, 'KA-10001.md'), kcs({}, BODY));
      writeFileSync(join(input, 'KA-10002.md'), '');
      // an earlier import wrote KA-09999.md there
      const earlier = join(root, 'kcs-earlier');
      mkdirSync(earlier);
      writeFileSync(join(earlier, 'KA-09999.md'), kcs({}, BODY));
      importFolder({ input: earlier, out, root });
      expect(readdirSync(out).sort()).toEqual(['.xc-import.json', 'KA-09999.md', 'report.json']);
      writeFileSync(join(root, 'overrides.yaml'), 'KA-10001:\n  add: ["Audience is required to save this activity"]\n');
      const { report } = importFolder({ input, out, overrides: join(root, 'overrides.yaml'), root });
      expect(readdirSync(out).sort()).toEqual(['.xc-import.json', 'KA-10001.md', 'report.json']);
      const written = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
      expect(written.malformed).toEqual([{ file: 'KA-10002.md', reason: 'empty file' }]);
      expect(written.imported.total).toBe(1);
      expect(report.errorTexts.added).toBe(1);
      expect(readFileSync(join(out, 'KA-10001.md'), 'utf8')).toContain('- "Audience is required to save this activity"');
      expect(() => importFolder({ input, out: join(root, 'articles'), root })).toThrow(/refusing/);
      expect(existsSync(join(root, 'articles'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('override file', () => {
  it('refuses entries it does not understand, naming them', () => {
    expect(() => parseOverrides('KA-1: {}')).toThrow(OverrideError);
    expect(() => parseOverrides('KA-14505:\n  scope: []')).toThrow(/KA-14505: unknown key "scope"/);
    expect(() => parseOverrides('KA-14505:\n  add: [{ text: x, url: "http://a" }]')).toThrow(/must start with https/);
    expect(parseOverrides('').size).toBe(0);
  });
});

describe('text helpers', () => {
  it('unwraps markers and cleans invisible characters', () => {
    expect(unwrapMarkers('[!DNL Adobe [!UICONTROL Target]] and [!UICONTROL Save]')).toBe('Adobe Target and Save');
    expect(cleanLine('a\u200b\u200db\u00a0 c\ufeff')).toBe('ab c');
  });
});

describe('command line', () => {
  it('reads the folder, --out and --overrides', () => {
    expect(parseArgs(['../shared/kcs/articles'])).toEqual({ input: '../shared/kcs/articles', out: 'imported', overrides: 'importer-overrides.yaml', overridesGiven: false });
    expect(parseArgs(['in', '--out', 'x', '--overrides=o.yaml'])).toEqual({ input: 'in', out: 'x', overrides: 'o.yaml', overridesGiven: true });
    expect(parseArgs([])).toMatch(/^usage/);
    expect(parseArgs(['in', '--bogus'])).toMatch(/unknown option/);
  });
});
