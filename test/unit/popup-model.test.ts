import { describe, expect, it } from 'vitest';
import { countText, errorTextParts, moveActive, pageEntries, parseParams, pageHeading, productFilter, resultEntries, shortcutKeys, updatedText, watchedHosts } from '../../src/popup/model';
import type { PageItem } from '../../src/shared/messages';
import { PRODUCT_KEYS } from '../../src/shared/products';
import type { ArticleInfo } from '../../src/shared/search';

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);

describe('popup address', () => {
  it('reads the tab, article and query', () => {
    expect(parseParams('?tab=12&article=KA-21790&q=segment')).toEqual({ tab: 12, article: 'KA-21790', query: 'segment' });
    expect(parseParams('')).toEqual({ tab: null, article: null, query: '' });
  });

  it('ignores a malformed tab or article id', () => {
    expect(parseParams('?tab=abc&article=<b>')).toEqual({ tab: null, article: null, query: '' });
    expect(parseParams('?tab=-1&article=KA-1')).toEqual({ tab: null, article: null, query: '' });
    expect(parseParams('?tab=').tab).toBeNull();
  });
});

describe('on this page', () => {
  const info = (id: string): ArticleInfo | undefined =>
    id === 'KA-21790' ? { id, title: 'Not allowed to delete', summary: 'Shared with Platform.', products: ['aam', 'aep'] } : id === 'KA-20675' ? { id, title: 'Shared with Target', summary: 'Shared audiences.', products: ['aam', 'target'] } : undefined;

  it('lists newest first, errors with the page text and contexts with the summary', () => {
    const items: PageItem[] = [
      { id: 'KA-20675', kind: 'context', seenAt: NOW - 10 * 60 * 1000 },
      { id: 'KA-21790', kind: 'error', seenAt: NOW - 2 * 60 * 1000, text: 'Error: Not allowed to delete due to segment sharing enabled' },
    ];
    const entries = pageEntries(items, info, ['KA-20675'], NOW);
    expect(entries.map((e) => [e.id, e.kind, e.when, e.detail])).toEqual([
      ['KA-21790', 'error', '2 min ago', 'Error: Not allowed to delete due to segment sharing enabled'],
      ['KA-20675', 'context', '10 min ago', 'Shared audiences.'],
    ]);
    expect(entries[0].products).toEqual(['aam', 'aep']);
    expect(entries[0].item).toBe(items[1]);
    expect(entries.map((e) => e.muted)).toEqual([false, true]);
  });

  it('still lists an article the index does not know, by its id', () => {
    const [entry] = pageEntries([{ id: 'KA-11111', kind: 'error', seenAt: NOW }], info, [], NOW);
    expect(entry).toMatchObject({ id: 'KA-11111', title: 'KA-11111', products: [] });
  });

  it('names the page in the heading when the tab has an address', () => {
    expect(pageHeading('https://bank.demdex.com/portal/traits')).toBe('On this page · bank.demdex.com');
    expect(pageHeading('')).toBe('On this page');
    expect(pageHeading('not a url')).toBe('On this page');
  });

  it('knows which pages are watched, as people write them', () => {
    expect(watchedHosts()).toEqual(['experience.adobe.com', '*.experience.adobe.net', 'bank.demdex.com']);
  });
});

describe('search results', () => {
  it('shows the summary under the title', () => {
    const [entry] = resultEntries([{ id: 'KA-1', title: 'T', summary: 'S', products: ['cja'], score: 3, exact: false }]);
    expect(entry).toEqual({ id: 'KA-1', title: 'T', summary: 'S', products: ['cja'], kind: 'result', detail: 'S' });
  });

  it('filters by the picked products unless all (or none) are picked or the toggle says all', () => {
    expect(productFilter({ products: ['aam', 'target'] }, false)).toEqual(['aam', 'target']);
    expect(productFilter({ products: ['aam', 'target'] }, true)).toBeNull();
    expect(productFilter({ products: [...PRODUCT_KEYS] }, false)).toBeNull();
    expect(productFilter({ products: [] }, false)).toBeNull();
    expect(productFilter(null, false)).toBeNull();
  });

  it.each([
    [0, 0, false, 'No results'],
    [1, 0, false, '1 result'],
    [7, 0, false, '7 results'],
    [3, 0, true, '3 results in your products'],
    [3, 2, true, '3 results in your products, 2 more in others'],
    [0, 4, true, 'No results in your products, 4 more in others'],
  ])('%i shown, %i hidden, filtered %s → %s', (shown, hidden, filtered, text) => {
    expect(countText(shown, hidden, filtered)).toBe(text);
  });
});

describe('keyboard', () => {
  it('moves within the list', () => {
    expect(moveActive(0, 1, 3)).toBe(1);
    expect(moveActive(2, 1, 3)).toBe(2);
    expect(moveActive(0, -1, 3)).toBe(0);
    expect(moveActive(5, -1, 3)).toBe(2);
    expect(moveActive(0, 1, 0)).toBe(0);
  });

  it('splits a shortcut into keys', () => {
    expect(shortcutKeys('Alt+Shift+X')).toEqual(['Alt', 'Shift', 'X']);
    expect(shortcutKeys('⌥⇧X')).toEqual(['⌥', '⇧', 'X']);
    expect(shortcutKeys('')).toEqual([]);
  });
});

describe('error texts in the reader', () => {
  it('marks variable parts', () => {
    expect(errorTextParts('Invalid customer id {id}:')).toEqual(['Invalid customer id ', { variable: 'id' }, ':']);
    expect(errorTextParts('{rule} has maximum number of rule components')).toEqual([{ variable: 'rule' }, ' has maximum number of rule components']);
    expect(errorTextParts('no variable')).toEqual(['no variable']);
    expect(errorTextParts('a {} b')).toEqual(['a ', { variable: '…' }, ' b']);
  });
});

describe('article dates', () => {
  it('writes the updated date for people, whatever the time zone', () => {
    expect(updatedText('2023-03-29')).toBe('29 Mar 2023');
    expect(updatedText('2024-01-01')).toBe('1 Jan 2024');
    expect(updatedText('soon')).toBe('soon');
  });
});
