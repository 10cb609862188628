import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileArticles, formatProblems, type CompiledKnowledgeBase } from '../../src/compiler/compile';
import { loadSources } from '../../src/compiler/load';
import { importFolder, type ImportResult } from '../../src/importer/importer';
import { TextBuffer } from '../../src/matcher/buffer';
import { Matcher } from '../../src/matcher/matcher';
import { ROOT } from '../paths';

/**
 * The importer end to end on the project's own knowledge-base sample (test/fixtures/kcs-sample: our words,
 * every messy trait of the real corpus): import with the sample's override file, compile together with our
 * own articles as the build does, and detect the error texts in page text carrying other values.
 */

const SAMPLE = resolve(ROOT, 'test/fixtures/kcs-sample');
let work = '';
let result: ImportResult;
let kb: CompiledKnowledgeBase;
let written: Map<string, string>;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'xc-sample-'));
  cpSync(resolve(ROOT, 'articles'), join(work, 'articles'), { recursive: true });
  result = importFolder({ input: join(SAMPLE, 'articles'), out: join(work, 'imported'), overrides: join(SAMPLE, 'overrides.yaml'), root: work });
  written = new Map(readdirSync(join(work, 'imported')).map((name) => [name, readFileSync(join(work, 'imported', name), 'utf8')]));
  kb = compileArticles(loadSources(work).files);
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const detected = (text: string) => new Matcher(kb.table).find(TextBuffer.of(text)).map((h) => kb.table.articles[h.article].id);

describe('the importer on the knowledge-base sample', () => {
  it('sorts every file: imported, archived stub, tutorial, product not covered', () => {
    expect(result.report.filesRead).toBe(12);
    expect(result.report.malformed).toEqual([]);
    expect(result.report.skipped).toEqual({ stub: 1, tutorial: 1, productNotCovered: 1, malformed: 0 });
    expect(result.articles.map((a) => a.id)).toEqual(['KA-90101', 'KA-90102', 'KA-90103', 'KA-90104', 'KA-90108', 'KA-90109', 'KA-90110', 'KA-90111', 'KA-90112']);
    expect(result.report.productsNotCovered).toEqual({ Campaign: 1 });
  });

  it('compiles together with our own articles, with no problem', () => {
    expect(formatProblems(kb.problems)).toBe('');
    expect(formatProblems(kb.warnings)).toBe('');
    expect(kb.articles.filter((a) => a.id.startsWith('KA-901')).length).toBe(9);
  });

  it('reads CRLF and LF, quoted and unquoted dates, and bug spelt four ways', () => {
    const front = (id: string) => written.get(`${id}.md`)!.split('\n---\n')[0];
    expect(front('KA-90101')).toContain('updated: 2024-02-05'); // CRLF, unquoted, bug: false
    expect(front('KA-90102')).toContain('updated: 2023-11-21'); // LF, quoted, bug: True
    expect(front('KA-90104')).toContain('updated: 2024-04-30'); // CRLF, 11:59:59 PM, bug: true
    const knownIssue = result.articles.filter((a) => a.text.includes('"known issue"')).map((a) => a.id);
    expect(knownIssue).toEqual(['KA-90102', 'KA-90104', 'KA-90111']);
    expect([...written.values()].join('')).not.toContain('\r');
  });

  it('never lets internal notes, authors, CRM addresses, markers, HTML or pictures through', () => {
    const all = [...written.values()].join('\n');
    for (const secret of ['SECRET-TICKET-4471', 'PRIVATE-LINE-2290', 'PRIVATE-NOTE-3318', 'Robin Sampleauthor', 'crm.dynamics', 'internal-notes', 'night shift']) expect(all).not.toContain(secret);
    for (const markup of ['[!DNL', '[!UICONTROL', '<b>', '<u>', '<script', 'onclick', 'steal', 'data:image', 'assets/', '<br>', '<table']) expect(all).not.toContain(markup);
    expect(written.get('KA-90110.md')).toContain('Replace `<your-selector>` with a selector');
    expect(written.get('KA-90110.md')).toContain('[tags documentation](https://experienceleague.adobe.com/docs/experience-platform/tags/home.html)');
    expect(result.report.html.imagesDropped).toBe(2);
  });

  it('ships the sample licence beside the articles', () => {
    expect(written.get('LICENSE.txt')).toBe(readFileSync(join(SAMPLE, 'license.md'), 'utf8'));
  });

  it('detects each error text on a page, with the page’s own values', () => {
    const pages: [string, string][] = [
      ['Export halted: the daily transfer quota for this destination is used up', 'KA-90101'],
      ['Report data for activity 7731 is not available in the selected source', 'KA-90102'],
      ['Sample rule has too many conditions', 'KA-90103'],
      ['Sample record does not match the schema of dataset sampleset_01', 'KA-90104'],
      ['Sample rule skipped: element #promo-banner was not found', 'KA-90110'],
      ['You do not have access to the sample project folder', 'KA-90112'],
    ];
    for (const [text, id] of pages) expect(detected(text), text).toEqual([id]);
  });

  it('scopes the named response field and the generic message to their pages, and adds the page context', () => {
    const patterns = kb.table.patterns.filter((p) => p.u).map((p) => [kb.table.articles[p.a].id, p.u]);
    expect(patterns).toContainEqual(['KA-90108', ['https://bank.demdex.com/*']]);
    expect(patterns).toContainEqual(['KA-90111', ['https://experience.adobe.com/*target*']]);
    expect(kb.table.contexts.map((c) => [kb.table.articles[c.a].id, c.url])).toContainEqual(['KA-90109', 'https://experience.adobe.com/*cja*']);
    expect(result.report.variables).toEqual([{ id: 'KA-90102', from: 'Report data for activity 48213 is not available in the selected source', to: 'Report data for activity {n} is not available in the selected source' }]);
  });
});
