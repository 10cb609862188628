import { describe, expect, it } from 'vitest';
import { builtText, FIRST_SORT, mutedEntries, nextSort, toggleProduct } from '../../src/options/model';

describe('options page', () => {
  it('toggles a product and keeps the registry order', () => {
    expect(toggleProduct(['target', 'aam'], 'cja', true)).toEqual(['aam', 'cja', 'target']);
    expect(toggleProduct(['aam', 'cja'], 'aam', false)).toEqual(['cja']);
    expect(toggleProduct(['aam'], 'aam', true)).toEqual(['aam']);
  });

  it('shows muted articles by title, and says when one is gone from the knowledge base', () => {
    const titles = new Map([['KA-21790', { title: 'Not allowed to delete' }]]);
    expect(mutedEntries(['KA-21790', 'KA-99999'], titles)).toEqual([
      { id: 'KA-21790', title: 'Not allowed to delete' },
      { id: 'KA-99999', title: 'No longer in the knowledge base' },
    ]);
    // titles not loaded (yet): the id alone
    expect(mutedEntries(['KA-21790'], new Map())).toEqual([{ id: 'KA-21790', title: 'KA-21790' }]);
  });

  it('writes the build date for people', () => {
    expect(builtText('2025-06-15T12:00:00.000Z')).toMatch(/^15 Jun 2025, \d\d:\d\d$/);
    expect(builtText('yesterday')).toBe('yesterday');
    expect(builtText('')).toBe('at an unknown date');
  });
});

describe('history table sorting', () => {
  it('a new column sorts the largest first; the same column again turns the order round', () => {
    expect(FIRST_SORT).toEqual({ key: 'last', direction: 'desc' });
    expect(nextSort(FIRST_SORT, 'shown')).toEqual({ key: 'shown', direction: 'desc' });
    expect(nextSort({ key: 'shown', direction: 'desc' }, 'shown')).toEqual({ key: 'shown', direction: 'asc' });
    expect(nextSort({ key: 'shown', direction: 'asc' }, 'shown')).toEqual({ key: 'shown', direction: 'desc' });
    expect(nextSort({ key: 'shown', direction: 'asc' }, 'no')).toEqual({ key: 'no', direction: 'desc' });
  });
});
