import { describe, expect, it } from 'vitest';
import { addItem, badgeText, changeUrl } from '../../src/background/tabs';
import { PageContexts } from '../../src/shared/page-context';
import { emptyTab, tabState } from '../../src/shared/tab-records';
import type { DetectionTable } from '../../src/shared/kb-types';

describe('per-tab detections', () => {
  const table: DetectionTable = {
    articles: [
      { id: 'KA-1', title: '', products: ['target'] },
      { id: 'KA-2', title: '', products: ['aam'] },
    ],
    patterns: [],
    contexts: [{ a: 0, url: 'https://experience.adobe.com/*target*' }],
  };
  const contexts = new PageContexts(table);

  it('lists newest first, one entry per article, an error outranking a context', () => {
    let tab = addItem(emptyTab('u'), { id: 'KA-1', kind: 'context', seenAt: 1 });
    tab = addItem(tab, { id: 'KA-2', kind: 'error', seenAt: 2, text: 'boom' });
    tab = addItem(tab, { id: 'KA-1', kind: 'error', seenAt: 3 });
    expect(tabState(tab).items.map((i) => [i.id, i.kind])).toEqual([
      ['KA-1', 'error'],
      ['KA-2', 'error'],
    ]);
    expect(badgeText(tab)).toBe('2');
  });

  it('drops contexts that no longer apply after navigation, keeps errors', () => {
    let tab = addItem(emptyTab('https://experience.adobe.com/#/target'), { id: 'KA-1', kind: 'context', seenAt: 1 });
    tab = addItem(tab, { id: 'KA-2', kind: 'error', seenAt: 2 });
    expect(changeUrl(tab, 'https://experience.adobe.com/#/platform', contexts).items.map((i) => i.id)).toEqual(['KA-2']);
    expect(changeUrl(tab, 'https://experience.adobe.com/#/target/activities', contexts).items.map((i) => i.id)).toEqual(['KA-2', 'KA-1']);
  });

  it('shows no badge text when nothing applies', () => {
    expect(badgeText(undefined)).toBe('');
    expect(badgeText(emptyTab())).toBe('');
  });
});
