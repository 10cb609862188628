import { describe, expect, it } from 'vitest';
import { historyFromChanges } from '../../src/background/history-events';
import { escapeXml, suggestion } from '../../src/background/omnibox';
import { lookupText, MAX_LOOKUP } from '../../src/shared/lookup-text';
import { OPTIONS_VERSION } from '../../src/shared/options';
import { readerPath, searchPath } from '../../src/shared/popup-address';

const T0 = Date.UTC(2025, 5, 15, 12, 0, 0);

describe('a looked-up text', () => {
  it('is folded like a pasted line and cut to a bound', () => {
    expect(lookupText('\n  Error:\t"Not allowed"  (trait 88231)\n')).toBe('Error: "Not allowed" (trait 88231)');
    expect(lookupText(undefined)).toBe('');
    expect(lookupText('x'.repeat(MAX_LOOKUP * 3))).toHaveLength(MAX_LOOKUP);
    // counted as messages count them (UTF-16 units), never cutting a character in two
    expect(lookupText('😀'.repeat(MAX_LOOKUP))).toBe('😀'.repeat(MAX_LOOKUP / 2));
    expect(lookupText(`a${'😀'.repeat(MAX_LOOKUP)}`)).toBe(`a${'😀'.repeat(MAX_LOOKUP / 2 - 1)}`);
  });

  it('opens the reader or the search at addresses that carry it safely', () => {
    expect(readerPath('KA-21790')).toBe('src/popup/index.html?article=KA-21790');
    expect(searchPath('a&b=c #d', { inTab: false })).toBe('src/popup/index.html?q=a%26b%3Dc+%23d');
    expect(searchPath('segment', { tabId: 12, inTab: true })).toBe('src/popup/index.html?q=segment&tab=12&view=tab');
    expect(searchPath('segment', { tabId: -1, inTab: true })).toBe('src/popup/index.html?q=segment&view=tab');
    expect(new URLSearchParams(searchPath('a&b=c #d', { inTab: false }).split('?')[1]).get('q')).toBe('a&b=c #d');
  });
});

describe('address-bar suggestions', () => {
  const article = { id: 'KA-20057', title: 'Segments & traits: <pairedTraitSegments> won\'t "unpublish"', summary: '', products: ['aam' as const, 'cja' as const] };

  it('escape the five XML characters for Chrome', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  });

  it('carry the id as what is entered, title and products as what is shown', () => {
    expect(suggestion(article, true)).toEqual({
      content: 'KA-20057',
      description: 'Segments &amp; traits: &lt;pairedTraitSegments&gt; won&apos;t &quot;unpublish&quot; <dim>— Audience Manager · Customer Journey Analytics · KA-20057</dim>',
    });
    expect(suggestion(article, false)).toEqual({ content: 'KA-20057', description: `${article.title} — Audience Manager · Customer Journey Analytics · KA-20057` });
    expect(suggestion({ ...article, products: [] }, false).description).toBe(`${article.title} — KA-20057`);
  });
});

describe('what the worker counts for itself', () => {
  const tab = (...ids: string[]) => ({ url: 'https://bank.demdex.com/', items: ids.map((id) => ({ id, kind: 'error', seenAt: T0 })) });
  const options = (fields: Record<string, unknown>) => ({ version: OPTIONS_VERSION, ...fields });

  it('an article that joins a tab’s list is listed; one already there is not listed again', () => {
    expect(historyFromChanges({ 'tab:7': { oldValue: tab('KA-21790'), newValue: tab('KA-20057', 'KA-21790') } }, 'session', T0)).toEqual({ events: [{ id: 'KA-20057', count: 'listed', at: T0 }], clear: false });
    expect(historyFromChanges({ 'tab:7': { newValue: tab('KA-21790') } }, 'session', T0).events).toEqual([{ id: 'KA-21790', count: 'listed', at: T0 }]);
    expect(historyFromChanges({ 'tab:7': { oldValue: tab('KA-21790'), newValue: tab('KA-21790') } }, 'session', T0).events).toEqual([]);
  });

  it('a new page in the tab starts a fresh list, so the same error there is listed again', () => {
    const reloaded = historyFromChanges({ 'tab:7': { oldValue: tab(), newValue: tab('KA-21790') } }, 'session', T0);
    expect(reloaded.events).toEqual([{ id: 'KA-21790', count: 'listed', at: T0 }]);
  });

  it('ignores other keys, other areas and corrupt records', () => {
    expect(historyFromChanges({ 'lookup:7': { newValue: tab('KA-21790') } }, 'session', T0).events).toEqual([]);
    expect(historyFromChanges({ 'tab:7': { newValue: tab('KA-21790') } }, 'local', T0).events).toEqual([]);
    expect(historyFromChanges({ 'tab:7': { newValue: { url: '', items: [null, 3, { id: 9 }, { id: 'KA-21790', kind: 'error', seenAt: T0 }] } } }, 'session', T0).events).toEqual([{ id: 'KA-21790', count: 'listed', at: T0 }]);
    expect(historyFromChanges({ 'tab:7': { newValue: 'corrupt' } }, 'session', T0).events).toEqual([]);
  });

  it('an article newly muted, from a tip or anywhere, is counted; one brought back is not', () => {
    expect(historyFromChanges({ options: { oldValue: options({ muted: ['KA-20057'] }), newValue: options({ muted: ['KA-20057', 'KA-21790'] }) } }, 'sync', T0)).toEqual({ events: [{ id: 'KA-21790', count: 'muted', at: T0 }], clear: false });
    expect(historyFromChanges({ options: { oldValue: options({ muted: ['KA-21790'] }), newValue: options({ muted: [] }) } }, 'sync', T0).events).toEqual([]);
  });

  it('the history switched off clears it; switched on, or other changes, do not', () => {
    expect(historyFromChanges({ options: { oldValue: options({}), newValue: options({ history: false }) } }, 'sync', T0).clear).toBe(true);
    expect(historyFromChanges({ options: { oldValue: options({ history: false }), newValue: options({ history: true }) } }, 'sync', T0).clear).toBe(false);
    expect(historyFromChanges({ options: { oldValue: options({ history: false }), newValue: options({ history: false, theme: 'dark' }) } }, 'sync', T0).clear).toBe(false);
    // options cleared (back to the defaults) while the history was on: it stays on, as it is by default
    expect(historyFromChanges({ options: { oldValue: options({ history: true }) } }, 'sync', T0).clear).toBe(false);
  });
});
