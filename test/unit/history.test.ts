import { describe, expect, it } from 'vitest';
import { applyEvents, bound, clipText, COUNTS, emptyHistory, HISTORY_VERSION, MAX_ARTICLES, MAX_NOT_FOUND, MAX_KEPT_TEXT, parseHistory, serializeHistory, type ArticleStats, type History } from '../../src/shared/history';
import { migrate } from '../../src/shared/migrate';

const T0 = Date.UTC(2025, 5, 15, 12, 0, 0);
const stats = (fields: Partial<ArticleStats>): ArticleStats => ({ shown: 0, listed: 0, opened: 0, yes: 0, no: 0, muted: 0, first: T0, last: T0, ...fields });

describe('counting events', () => {
  it('counts each kind of event per article, with first and last seen', () => {
    const history = applyEvents(emptyHistory(), [
      { id: 'KA-21790', count: 'listed', at: T0 },
      { id: 'KA-21790', count: 'shown', at: T0 + 1 },
      { id: 'KA-21790', count: 'opened', at: T0 + 2 },
      { id: 'KA-21790', count: 'no', at: T0 + 3 },
      { id: 'KA-21790', count: 'shown', at: T0 + 4 },
      { id: 'KA-20057', count: 'yes', at: T0 + 5 },
      { id: 'KA-20057', count: 'muted', at: T0 + 6 },
    ]);
    expect(history.articles).toEqual({
      'KA-21790': stats({ listed: 1, shown: 2, opened: 1, no: 1, first: T0, last: T0 + 4 }),
      'KA-20057': stats({ yes: 1, muted: 1, first: T0 + 5, last: T0 + 6 }),
    });
  });

  it('does not change the history it is given', () => {
    const before = applyEvents(emptyHistory(), [{ id: 'KA-21790', count: 'shown', at: T0 }]);
    const copy = structuredClone(before);
    applyEvents(before, [{ id: 'KA-21790', count: 'shown', at: T0 + 1 }, { notFound: 'Unknown error 42', at: T0 }]);
    expect(before).toEqual(copy);
  });

  it('ignores an event for something that is not an article id', () => {
    expect(applyEvents(emptyHistory(), [{ id: '__proto__', count: 'shown', at: T0 }, { id: 'KA-1', count: 'yes', at: T0 }])).toEqual(emptyHistory());
  });

  it('keeps a looked-up text that found nothing once, counting repeats, most recent first', () => {
    const history = applyEvents(emptyHistory(), [
      { notFound: 'Quota exceeded for sandbox', at: T0 },
      { notFound: 'Schema  field\nmissing', at: T0 + 1 },
      { notFound: 'quota EXCEEDED for sandbox ', at: T0 + 2 },
      { notFound: '   ', at: T0 + 3 },
    ]);
    expect(history.notFound).toEqual([
      { text: 'quota EXCEEDED for sandbox', count: 2, first: T0, last: T0 + 2 },
      { text: 'Schema field missing', count: 1, first: T0 + 1, last: T0 + 1 },
    ]);
  });

  it(`cuts a looked-up text to ${MAX_KEPT_TEXT} characters, never inside one`, () => {
    expect(clipText('x'.repeat(MAX_KEPT_TEXT * 3))).toHaveLength(MAX_KEPT_TEXT);
    const emoji = clipText('😀'.repeat(300));
    expect(Array.from(emoji)).toHaveLength(MAX_KEPT_TEXT);
    expect(emoji.endsWith('😀')).toBe(true);
    expect(clipText(' a \t b\n')).toBe('a b');
  });
});

describe('bounds', () => {
  it(`keeps the ${MAX_ARTICLES} articles seen most recently`, () => {
    const events = Array.from({ length: MAX_ARTICLES + 25 }, (_, i) => ({ id: `KA-${10000 + i}`, count: 'listed' as const, at: T0 + i }));
    const history = applyEvents(emptyHistory(), events);
    const ids = Object.keys(history.articles);
    expect(ids).toHaveLength(MAX_ARTICLES);
    // the 25 seen longest ago went
    expect(ids).not.toContain('KA-10000');
    expect(ids).not.toContain('KA-10024');
    expect(ids).toContain('KA-10025');
    expect(ids).toContain(`KA-${10000 + MAX_ARTICLES + 24}`);
  });

  it('an old article seen again is kept over newer ones', () => {
    let history = applyEvents(emptyHistory(), Array.from({ length: MAX_ARTICLES }, (_, i) => ({ id: `KA-${10000 + i}`, count: 'listed' as const, at: T0 + i })));
    history = applyEvents(history, [{ id: 'KA-10000', count: 'opened', at: T0 + MAX_ARTICLES }, { id: 'KA-99999', count: 'shown', at: T0 + MAX_ARTICLES + 1 }]);
    expect(history.articles['KA-10000']?.opened).toBe(1);
    expect(history.articles['KA-99999']?.shown).toBe(1);
    expect(history.articles['KA-10001']).toBeUndefined();
  });

  it(`keeps the ${MAX_NOT_FOUND} most recent texts that found nothing`, () => {
    const history = applyEvents(emptyHistory(), Array.from({ length: MAX_NOT_FOUND + 10 }, (_, i) => ({ notFound: `error number ${i}`, at: T0 + i })));
    expect(history.notFound).toHaveLength(MAX_NOT_FOUND);
    expect(history.notFound[0].text).toBe(`error number ${MAX_NOT_FOUND + 9}`);
    expect(history.notFound.at(-1)?.text).toBe('error number 10');
  });

  it('a stored history over the limits is cut when read', () => {
    const articles = Object.fromEntries(Array.from({ length: MAX_ARTICLES + 3 }, (_, i) => [`KA-${20000 + i}`, stats({ shown: 1, last: T0 + i })]));
    const notFound = Array.from({ length: MAX_NOT_FOUND + 3 }, (_, i) => ({ text: `t${i}`, count: 1, first: T0, last: T0 + i }));
    const read = parseHistory({ version: HISTORY_VERSION, articles, notFound });
    expect(Object.keys(read.articles)).toHaveLength(MAX_ARTICLES);
    expect(read.articles['KA-20000']).toBeUndefined();
    expect(read.notFound).toHaveLength(MAX_NOT_FOUND);
    expect(read.notFound[0].text).toBe(`t${MAX_NOT_FOUND + 2}`);
  });

  it('leaves a history within its limits as it is', () => {
    const history: History = { articles: { 'KA-21790': stats({ yes: 2 }) }, notFound: [{ text: 'a', count: 1, first: T0, last: T0 }] };
    expect(bound(history)).toEqual(history);
  });
});

describe('schema: reading what is stored never throws', () => {
  it.each([
    ['nothing stored', undefined],
    ['null', null],
    ['a string', 'history'],
    ['an array', [{ id: 'KA-21790' }]],
    ['an empty object', {}],
    ['articles not an object', { version: 1, articles: 'KA-21790', notFound: 'x' }],
    ['articles as a list', { version: 1, articles: [stats({})] }],
  ])('%s gives an empty history', (_name, raw) => {
    expect(parseHistory(raw)).toEqual(emptyHistory());
  });

  it('drops bad entries one by one and keeps the good ones', () => {
    const raw = {
      version: HISTORY_VERSION,
      articles: {
        'KA-21790': { shown: 3, listed: -1, opened: 1.5, yes: '2', no: Number.NaN, muted: 1e300, first: T0, last: T0 + 9 },
        'ka-21790': stats({ shown: 1 }),
        'KA-20057': 'corrupt',
        'KA-21705': { first: 'yesterday', last: T0 },
      },
      notFound: [{ text: 'kept', count: 2, first: T0, last: T0 }, { text: 7 }, null, { text: '', count: 1 }, { text: 'no count', last: T0 - 1 }],
    };
    expect(parseHistory(raw)).toEqual({
      articles: {
        'KA-21790': stats({ shown: 3, first: T0, last: T0 + 9 }),
        'KA-21705': stats({ first: T0, last: T0 }),
      },
      notFound: [
        { text: 'kept', count: 2, first: T0, last: T0 },
        { text: 'no count', count: 1, first: T0 - 1, last: T0 - 1 },
      ],
    });
  });

  it('round-trips through storage', () => {
    const history = applyEvents(emptyHistory(), [
      { id: 'KA-21790', count: 'shown', at: T0 },
      { id: 'KA-21790', count: 'yes', at: T0 + 1 },
      { notFound: 'Sandbox quota reached', at: T0 + 2 },
    ]);
    const stored = serializeHistory(history);
    expect(stored.version).toBe(HISTORY_VERSION);
    expect(parseHistory(JSON.parse(JSON.stringify(stored)))).toEqual(history);
  });

  it('every count is stored and read', () => {
    const all = stats(Object.fromEntries(COUNTS.map((c, i) => [c, i + 1])));
    expect(parseHistory(serializeHistory({ articles: { 'KA-21790': all }, notFound: [] })).articles['KA-21790']).toEqual(all);
  });
});

describe('versions', () => {
  it('reads a history from a later version field by field, leaving out what it does not know', () => {
    const future = { version: HISTORY_VERSION + 1, articles: { 'KA-21790': { ...stats({ opened: 4 }), dwellMs: 1200 } }, notFound: [{ text: 'x', count: 1, first: T0, last: T0, page: 'y' }], sessions: [] };
    expect(parseHistory(future)).toEqual({ articles: { 'KA-21790': stats({ opened: 4 }) }, notFound: [{ text: 'x', count: 1, first: T0, last: T0 }] });
  });

  it.each([
    ['no version', { articles: { 'KA-21790': stats({ yes: 1 }) } }],
    ['a version that is a string', { version: '1', articles: { 'KA-21790': stats({ yes: 1 }) } }],
    ['version 0, which has no migration', { version: 0, articles: { 'KA-21790': stats({ yes: 1 }) } }],
  ])('reads a history with %s as the current version', (_name, raw) => {
    expect(parseHistory(raw).articles).toEqual({ 'KA-21790': stats({ yes: 1 }) });
  });
});

describe('the migration runner the options and the history share', () => {
  const steps = {
    1: ({ list, ...rest }: Record<string, unknown>) => ({ ...rest, items: list }),
    2: (stored: Record<string, unknown>) => ({ ...stored, count: (stored.items as unknown[]).length }),
  };

  it('runs each step from the stored version up to the current one, in order', () => {
    expect(migrate({ version: 1, list: ['a', 'b'] }, 3, steps)).toEqual({ version: 1, items: ['a', 'b'], count: 2 });
    expect(migrate({ version: 2, items: ['a'] }, 3, steps)).toEqual({ version: 2, items: ['a'], count: 1 });
  });

  it('leaves an object of the current or a later version as it is', () => {
    expect(migrate({ version: 3, list: ['a'] }, 3, steps)).toEqual({ version: 3, list: ['a'] });
    expect(migrate({ version: 9, list: ['a'] }, 3, steps)).toEqual({ version: 9, list: ['a'] });
  });

  it('a step that throws leaves an empty object, so the reader falls back to its defaults', () => {
    // version 2's step reads `items`, which a broken version-2 object lacks
    expect(migrate({ version: 2, list: ['a'] }, 3, steps)).toEqual({});
  });

  it('never changes the stored object', () => {
    const raw = Object.freeze({ version: 1, list: Object.freeze(['a']) });
    expect(() => migrate(raw, 3, steps)).not.toThrow();
    expect(raw).toEqual({ version: 1, list: ['a'] });
  });
});
