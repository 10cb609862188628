import { describe, expect, it } from 'vitest';
import { isTabPage, listBody, listStatus, offersAllProducts, type ScreenState } from '../../src/popup/screen';

const state = (fields: Partial<ScreenState>): ScreenState => ({ ready: true, searching: false, indexLoaded: false, failed: false, count: 0, ...fields });
const NONE = { total: 0, hidden: 0 };

describe('status line', () => {
  it('says it is loading until the tab, its titles and the options are in', () => {
    expect(listStatus(state({ ready: false, searching: true, indexLoaded: true }), NONE, false, '')).toEqual({ kind: 'text', text: 'Loading…' });
  });

  it('names the page, with its host, when not searching', () => {
    expect(listStatus(state({}), NONE, false, 'https://bank.demdex.com/aam/traits')).toEqual({ kind: 'page', host: 'bank.demdex.com' });
    expect(listStatus(state({}), NONE, false, '')).toEqual({ kind: 'page', host: '' });
  });

  it('while searching: waits for the index, says when it failed, then counts', () => {
    expect(listStatus(state({ searching: true }), NONE, false, '')).toEqual({ kind: 'text', text: 'Loading the knowledge base…' });
    expect(listStatus(state({ searching: true, failed: true }), NONE, false, '')).toEqual({ kind: 'text', text: 'The knowledge base could not be loaded' });
    expect(listStatus(state({ searching: true, indexLoaded: true }), { total: 3, hidden: 2 }, true, '')).toEqual({ kind: 'text', text: '3 results in your products, 2 more in others' });
    expect(listStatus(state({ searching: true, indexLoaded: true }), { total: 1, hidden: 0 }, false, '')).toEqual({ kind: 'text', text: '1 result' });
  });
});

describe('main area', () => {
  it.each([
    ['not ready', state({ ready: false, count: 3 }), 'loading'],
    ['rows to show', state({ count: 2 }), 'list'],
    ['search results', state({ searching: true, indexLoaded: true, count: 2 }), 'list'],
    ['nothing on the page', state({}), 'nothing-on-page'],
    ['a search that found nothing', state({ searching: true, indexLoaded: true }), 'no-results'],
    ['a search waiting for its index', state({ searching: true }), 'loading'],
  ] as const)('%s → %s', (_name, screen, body) => {
    expect(listBody(screen)).toBe(body);
  });
});

describe('"All products" toggle', () => {
  it('is offered while searching with some but not all products picked', () => {
    expect(offersAllProducts(true, 2)).toBe(true);
    expect(offersAllProducts(true, 4)).toBe(true);
    expect(offersAllProducts(true, 5)).toBe(false);
    expect(offersAllProducts(true, 0)).toBe(false);
    expect(offersAllProducts(false, 2)).toBe(false);
  });
});

describe('page layout', () => {
  it('is a page of its own for the reader on an article and for a lookup opened in a tab; the popup otherwise', () => {
    expect(isTabPage('KA-21790', '?article=KA-21790')).toBe(true);
    expect(isTabPage(null, '?q=segment&tab=3&view=tab')).toBe(true);
    expect(isTabPage(null, '?q=segment')).toBe(false);
    expect(isTabPage(null, '?article=<b>')).toBe(false);
  });
});
