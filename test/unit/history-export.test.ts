import { describe, expect, it } from 'vitest';
import { applyEvents, emptyHistory } from '../../src/shared/history';
import { csvField, EXPORT_FORMAT, exportName, historyRows, sortRows, toCSV, toJSON, type HistoryRow } from '../../src/shared/history-export';
import type { ProductKey } from '../../src/shared/products';

const T0 = Date.UTC(2025, 5, 15, 12, 0, 0);
const TITLES: Record<string, { title: string; products: ProductKey[] }> = {
  'KA-21790': { title: 'Not allowed to delete due to segment sharing enabled', products: ['aam', 'aep'] },
  'KA-20057': { title: 'Cannot delete a trait, "pairedTraitSegments"', products: ['aam'] },
};

const history = applyEvents(emptyHistory(), [
  { id: 'KA-21790', count: 'listed', at: T0 },
  { id: 'KA-21790', count: 'shown', at: T0 },
  { id: 'KA-21790', count: 'no', at: T0 + 60_000 },
  { id: 'KA-20057', count: 'shown', at: T0 + 1000 },
  { id: 'KA-20057', count: 'shown', at: T0 + 2000 },
  { id: 'KA-20057', count: 'yes', at: T0 + 3000 },
  { id: 'KA-99999', count: 'opened', at: T0 + 4000 },
  { notFound: '=HYPERLINK("x") quota, "exceeded"', at: T0 + 5000 },
  { notFound: 'Dataflow failed', at: T0 + 6000 },
]);
const rows = historyRows(history, (id) => TITLES[id]);

describe('rows', () => {
  it('one per article, with its title and products; an article this knowledge base lacks keeps its id', () => {
    const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
    expect(byId['KA-21790']).toMatchObject({ title: TITLES['KA-21790'].title, products: ['aam', 'aep'], listed: 1, shown: 1, no: 1, first: T0, last: T0 + 60_000 });
    expect(byId['KA-99999']).toMatchObject({ title: '', products: [], opened: 1 });
  });

  it('sort by any count, either way; ties by the latest seen', () => {
    expect(sortRows(rows, 'shown', 'desc').map((r) => r.id)).toEqual(['KA-20057', 'KA-21790', 'KA-99999']);
    expect(sortRows(rows, 'shown', 'asc').map((r) => r.id)).toEqual(['KA-99999', 'KA-21790', 'KA-20057']);
    expect(sortRows(rows, 'yes', 'desc').map((r) => r.id)).toEqual(['KA-20057', 'KA-21790', 'KA-99999']);
    expect(sortRows(rows, 'last', 'desc').map((r) => r.id)).toEqual(['KA-21790', 'KA-99999', 'KA-20057']);
  });
});

describe('CSV', () => {
  const csv = toCSV(sortRows(rows, 'shown', 'desc'), history.notFound);
  const lines = csv.split('\r\n');

  it('has a header, a row per article, then a row per text that found nothing', () => {
    expect(lines[0]).toBe('kind,article_id,title,products,tip_shown,listed,opened,helped_yes,helped_no,muted,looked_up,text,first_seen,last_seen');
    expect(lines[1]).toBe('article,KA-20057,"Cannot delete a trait, ""pairedTraitSegments""",Audience Manager,2,0,0,1,0,0,,,2025-06-15T12:00:01.000Z,2025-06-15T12:00:03.000Z');
    expect(lines[2]).toBe('article,KA-21790,Not allowed to delete due to segment sharing enabled,Audience Manager; Experience Platform,1,1,0,0,1,0,,,2025-06-15T12:00:00.000Z,2025-06-15T12:01:00.000Z');
    expect(lines[3]).toBe('article,KA-99999,,,0,0,1,0,0,0,,,2025-06-15T12:00:04.000Z,2025-06-15T12:00:04.000Z');
    expect(lines[4]).toBe('not-found,,,,,,,,,,1,Dataflow failed,2025-06-15T12:00:06.000Z,2025-06-15T12:00:06.000Z');
    expect(lines[5]).toBe(`not-found,,,,,,,,,,1,"'=HYPERLINK(""x"") quota, ""exceeded""",2025-06-15T12:00:05.000Z,2025-06-15T12:00:05.000Z`);
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe('');
  });

  it('every line has the same number of fields', () => {
    // a naive split is enough once quoted commas are taken out
    const fields = lines.slice(0, -1).map((line) => line.replace(/"(?:[^"]|"")*"/g, 'Q').split(',').length);
    expect(new Set(fields)).toEqual(new Set([14]));
  });

  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['a=b', 'a=b'],
  ])('field %j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('an empty history is the header alone', () => {
    expect(toCSV([], [])).toBe('kind,article_id,title,products,tip_shown,listed,opened,helped_yes,helped_no,muted,looked_up,text,first_seen,last_seen\r\n');
  });
});

describe('JSON', () => {
  it('names its format and version, when and by what it was made, and holds every count', () => {
    const parsed = JSON.parse(toJSON(sortRows(rows, 'last', 'desc'), history.notFound, { exportedAt: T0 + 86_400_000, extensionVersion: '0.2.0', knowledgeBuiltAt: '2025-06-01T08:00:00.000Z' }));
    expect(parsed).toMatchObject({ format: EXPORT_FORMAT, version: 1, exportedAt: '2025-06-16T12:00:00.000Z', extensionVersion: '0.2.0', knowledgeBaseBuiltAt: '2025-06-01T08:00:00.000Z' });
    expect(parsed.articles[0]).toEqual({
      id: 'KA-21790',
      title: TITLES['KA-21790'].title,
      products: ['aam', 'aep'],
      tip_shown: 1,
      listed: 1,
      opened: 0,
      helped_yes: 0,
      helped_no: 1,
      muted: 0,
      firstSeen: '2025-06-15T12:00:00.000Z',
      lastSeen: '2025-06-15T12:01:00.000Z',
    });
    expect(parsed.articles.map((a: HistoryRow) => a.id)).toEqual(['KA-21790', 'KA-99999', 'KA-20057']);
    expect(parsed.notFound).toEqual([
      { text: 'Dataflow failed', lookedUp: 1, firstSeen: '2025-06-15T12:00:06.000Z', lastSeen: '2025-06-15T12:00:06.000Z' },
      { text: '=HYPERLINK("x") quota, "exceeded"', lookedUp: 1, firstSeen: '2025-06-15T12:00:05.000Z', lastSeen: '2025-06-15T12:00:05.000Z' },
    ]);
  });
});

describe('file names', () => {
  it('carry the format and the day', () => {
    expect(exportName('csv', T0)).toBe('xc-troubleshooter-history-2025-06-15.csv');
    expect(exportName('json', T0)).toBe('xc-troubleshooter-history-2025-06-15.json');
  });
});
