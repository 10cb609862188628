import { describe, expect, it } from 'vitest';
import { compileArticles } from '../../src/compiler/compile';
import { Matcher } from '../../src/matcher/matcher';
import { TextBuffer } from '../../src/matcher/buffer';
import { convertBody } from '../../src/importer/body';
import { responseFields, withVariables } from '../../src/importer/extract';
import { AAM_API_PAGES, importArticles } from '../../src/importer/importer';
import { parseOverrides } from '../../src/importer/overrides';

/**
 * The importer's rules for what a page can show: example values become variables, API response fields
 * named as the sign become texts on the API pages, and the override file adds page contexts. The sentences
 * are our own, shaped like the knowledge base's; the error texts are the knowledge base's own.
 */

describe('example values become variable parts', () => {
  it.each([
    ['a count beside a limit', 'Received too many related identities. Received: 85, Maximum: 50.', 'Received too many related identities. Received: {n}, Maximum: 50.'],
    ['an id after "id"', 'Invalid customer id 123456:', 'Invalid customer id {id}:'],
    ['a quoted name', 'PGS-220000 PostgreSQL error: ERROR: relation "list22017314" does not exist', 'PGS-220000 PostgreSQL error: ERROR: relation "{name}" does not exist'],
    ['a URL', "Refused to frame 'https://sitecatalyst.omniture.com/' because it violates the following Content Security Policy directive", "Refused to frame '{url}' because it violates the following Content Security Policy directive"],
    ['an origin in quotes', 'Uncaught DOMException: Blocked a frame with origin "https://view.customer-website.com" from accessing a cross-origin frame.', 'Uncaught DOMException: Blocked a frame with origin "{url}" from accessing a cross-origin frame.'],
    ['a UUID and a date', 'Batch 3fa85f64-5717-4562-b3fc-2c963f66afa6 failed on 3/14/2024', 'Batch {id} failed on {date}'],
    ['a hex id', 'Segment 5f3a9b2c7d1e0f44 could not be mapped', 'Segment {id} could not be mapped'],
    ['an e-mail address and an ISO date', 'User jane.doe@example.com has no access since 2024-03-01', 'User {email} has no access since {date}'],
    ['an id made of letters and digits', 'Trait trait_88412 is still in use', 'Trait {id} is still in use'],
  ])('%s', (_, text, expected) => {
    expect(withVariables(text)).toBe(expected);
  });

  it.each([
    ['error codes', 'RST-360011 An error has occurred. Please contact the administrator.'],
    ['codes with several parts', 'UPSDK-112004-422'],
    ['single digits and quoted phrases', 'Net::SFTP::StatusException (8, "op unsupported")'],
    ['limits', 'The file is larger than 100 MB'],
    ['words in quotes with spaces', "Unable to evaluate the expression 'GetDataSources ()'"],
  ])('keeps %s literal', (_, text) => {
    expect(withVariables(text)).toBe(text);
  });

  it('detects the message with the page’s own values', () => {
    const text = withVariables('Received too many related identities. Received: 85, Maximum: 50.');
    const kb = compileArticles([{ path: 'imported/KA-17865.md', imported: true, text: article('KA-17865', [text]) }]);
    expect(kb.problems).toEqual([]);
    const hits = new Matcher(kb.table).find(TextBuffer.of('Received too many related identities. Received: 132, Maximum: 50.'));
    expect(hits.map((h) => kb.table.articles[h.article].id)).toEqual(['KA-17865']);
  });

  it('lists every text so changed in the report, and the override file corrects a wrong one', () => {
    const body = `## Description

Loading the profile shows the error "Profile 4411 has more than 20 linked devices".

## Resolution

1. Unlink devices.
`;
    const plain = importArticles([entry('KA-10001', body)]);
    expect(plain.articles[0].errors).toEqual([{ text: 'Profile {n} has more than 20 linked devices' }]);
    expect(plain.report.variables).toEqual([{ id: 'KA-10001', from: 'Profile 4411 has more than 20 linked devices', to: 'Profile {n} has more than 20 linked devices' }]);
    expect(plain.report.perProduct.aam.madeVariable).toBe(1);

    // in this screen the number is part of the message: the override file keeps it as written
    const overrides = parseOverrides(`KA-10001:\n  add: ["Profile 4411 has more than 20 linked devices"]\n`);
    const corrected = importArticles([entry('KA-10001', body)], { overrides });
    expect(corrected.articles[0].errors).toEqual([{ text: 'Profile 4411 has more than 20 linked devices' }]);
    expect(corrected.report.errorTexts.scopedByOverrides).toBe(1);
    // or drops it, named as the article writes it or as it was changed
    for (const text of ['Profile 4411 has more than 20 linked devices', 'Profile {n} has more than 20 linked devices']) {
      const removed = importArticles([entry('KA-10001', body)], { overrides: parseOverrides(`KA-10001:\n  remove: [${JSON.stringify(text)}]\n`) });
      expect(removed.articles[0].errors).toEqual([]);
      expect(removed.report.overrides.ignored).toEqual([]);
    }
    expect(corrected.report.overrides.ignored).toEqual([]);
  });
});

describe('named API response fields', () => {
  const blocks = (markdown: string) => convertBody({ body: `## Description\n\n${markdown}\n\n## Resolution\n\n1. Fix it.\n`, id: 'KA-10001', title: 't', description: '', source: 'https://x', stats: { images: 0, elements: 0, links: 0 } }).meaning;

  it('takes a distinctive field the article names as the sign, in the response', () => {
    expect(responseFields(blocks('Call the segment API. When you see the `pairedTraitSegments` node under the `mappedEntities` node in the response, the trait is shared.'))).toEqual(['pairedTraitSegments']);
    expect(responseFields(blocks('The response contains an `error_code` field when the call was refused.'))).toEqual(['error_code']);
  });

  it('never takes a plain word, a field outside a response, or a field not named as the sign', () => {
    expect(responseFields(blocks('If you see the `segments` node in the response, all is well.'))).toEqual([]);
    expect(responseFields(blocks('Set the `includedInUseStatus` parameter to true and call it again.'))).toEqual([]);
    expect(responseFields(blocks('If you see the `pairedTraitSegments` node in the trait screen, it is shared.'))).toEqual([]);
  });

  it('scopes it to the Audience Manager API pages, and leaves it out for other products', () => {
    const body = `## Description\n\nUnpublishing fails.\n\n## Resolution\n\n1. Remove the trait from the other segments.\n\nIf you see the \`pairedTraitSegments\` node in the response, the trait is in use elsewhere.\n`;
    const aam = importArticles([entry('KA-10001', body)]);
    expect(aam.articles[0].errors).toEqual([{ text: 'pairedTraitSegments', url: AAM_API_PAGES }]);
    expect(aam.report.fields).toEqual([{ id: 'KA-10001', text: 'pairedTraitSegments', url: 'https://bank.demdex.com/*' }]);
    expect(aam.report.perProduct.aam.fromFields).toBe(1);
    const kb = compileArticles([{ path: 'imported/KA-10001.md', text: aam.articles[0].text, imported: true }]);
    expect(kb.table.patterns[0].u).toEqual(['https://bank.demdex.com/*']);

    const target = importArticles([entry('KA-10001', body, 'Target')]);
    expect(target.articles[0].errors).toEqual([]);
    expect(target.report.perProduct.target.dropped.noApiPage).toBe(1);
  });
});

describe('page contexts from the override file', () => {
  it('writes them as our articles have them, and the article is no longer search-only', () => {
    const overrides = parseOverrides('KA-10001:\n  contexts:\n    - { url: "https://experience.adobe.com/*target*audiences*", text: "Audience Manager" }\n');
    const body = '## Description\n\nShared segments show up in the audience list.\n\n## Resolution\n\n1. Remove them at the source.\n';
    const { articles, report } = importArticles([entry('KA-10001', body)], { overrides });
    expect(articles[0].text).toContain('contexts:\n  - { text: "Audience Manager", url: "https://experience.adobe.com/*target*audiences*" }\n');
    expect(report.contextsAdded).toBe(1);
    expect(report.imported.searchOnly).toBe(0);
    expect(report.perProduct.aam.withTexts).toBe(1);
    const kb = compileArticles([{ path: 'imported/KA-10001.md', text: articles[0].text, imported: true }]);
    expect(kb.problems).toEqual([]);
    expect(kb.table.contexts).toEqual([{ a: 0, url: 'https://experience.adobe.com/*target*audiences*', text: 0 }]);
  });

  it('refuses a context without an https pattern, naming the entry', () => {
    expect(() => parseOverrides('KA-10001:\n  contexts: [{ text: "Audience Manager" }]\n')).toThrow(/KA-10001: url must be a non-empty string/);
    expect(() => parseOverrides('KA-10001:\n  contexts: [{ url: "http://x/*" }]\n')).toThrow(/must start with https/);
  });
});

function entry(id: string, body: string, product = 'Audience Manager') {
  const text = ['---', 'title: Sample article', 'description: What to do when the sample fails in the screen.', `solution: ${product}`, 'article-published-date: 3/4/2024 10:00:00 AM', '---', body].join('\n');
  return { name: `${id}.md`, bytes: new TextEncoder().encode(text) };
}

function article(id: string, errors: string[]): string {
  return `---
title: Sample
summary: A sample.
products: [aep]
errors:
${errors.map((e) => `  - ${JSON.stringify(e)}`).join('\n')}
source: https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/${id.toLowerCase()}
updated: 2024-01-26
---

## What it means

Sample.

## How to fix it

1. Sample.
`;
}
