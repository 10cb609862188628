import { describe, expect, it } from 'vitest';
import { compileArticles, type SourceFile } from '../../src/compiler/compile';

const SEARCH_ONLY = `---
title: How long are project links valid?
summary: Shared project links stay valid until the project is deleted.
products: [analytics]
keywords: [project link]
source: https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/ka-17001
updated: 2024-01-02
---

## What it means

A link to a project keeps working.

## How to fix it

1. Nothing to fix.
`;

/** An article file; its source is set to the page of the id in its name. */
function file(text: string, imported: boolean, path = 'imported/KA-17001.md'): SourceFile {
  const id = /KA-\d+/.exec(path)![0].toLowerCase();
  return { path, text: text.replace('kbarticles/ka-17001', `kbarticles/${id}`), imported };
}

describe('compiler rule for imported articles', () => {
  it('accepts an imported article with neither errors nor contexts, as search-only', () => {
    const kb = compileArticles([file(SEARCH_ONLY, true)]);
    expect(kb.problems).toEqual([]);
    expect(kb.articles.map((a) => a.id)).toEqual(['KA-17001']);
    expect(kb.articles[0].errors).toEqual([]);
    expect(kb.table.patterns).toEqual([]);
    expect(kb.table.contexts).toEqual([]);
    // nothing to detect: the content script does not carry it
    expect(kb.table.articles).toEqual([]);
  });

  it('keeps search-only articles out of the detection table, and points patterns at the right article', () => {
    const detected = SEARCH_ONLY.replace('keywords: [project link]', 'errors:\n  - Project link could not be created for this workspace\nkeywords: [project link]');
    const kb = compileArticles([file(SEARCH_ONLY, true, 'imported/KA-17000.md'), file(detected, true, 'imported/KA-17002.md')]);
    expect(kb.problems).toEqual([]);
    expect(kb.articles.map((a) => a.id)).toEqual(['KA-17000', 'KA-17002']);
    expect(kb.table.articles.map((a) => a.id)).toEqual(['KA-17002']);
    expect(kb.table.patterns.map((p) => kb.table.articles[p.a].id)).toEqual(['KA-17002']);
  });

  it('still asks our own articles for errors or contexts', () => {
    const kb = compileArticles([file(SEARCH_ONLY, false, 'articles/KA-17001.md')]);
    expect(kb.problems.map((p) => p.message)).toEqual(['the article needs error texts (errors:) or page contexts (contexts:)']);
  });

  it('keeps every other rule for imported articles', () => {
    const broken = SEARCH_ONLY.replace('updated: 2024-01-02', 'updated: 1/2/2024 10:00:00 AM').replace('1. Nothing to fix.', 'Nothing to fix.');
    const kb = compileArticles([file(broken, true)]);
    expect(kb.problems.map((p) => p.message)).toEqual([
      'updated must be a date, YYYY-MM-DD',
      'the body has no steps: add "## How to fix it" followed by a numbered list',
    ]);
  });

  it('still refuses a generic error text without a scope in an imported article', () => {
    const generic = SEARCH_ONLY.replace('keywords: [project link]', 'errors:\n  - Unknown Error\nkeywords: [project link]');
    const kb = compileArticles([file(generic, true)]);
    expect(kb.problems.map((p) => p.message)).toEqual([
      'error text "Unknown Error" is too generic to match on every page: give it a url scope ({ text, url }) or use the full message',
    ]);
  });
});
