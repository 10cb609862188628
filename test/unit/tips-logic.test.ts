import { describe, expect, it } from 'vitest';
import { addItem, badgeText, changeUrl } from '../../src/background/tabs';
import { PageContexts } from '../../src/shared/page-context';
import { emptyTab, tabState } from '../../src/shared/tab-records';
import { placeTip } from '../../src/content/tips/host';
import { pageFacts, supportDetails } from '../../src/shared/details';
import type { DetectionTable } from '../../src/shared/kb-types';

describe('placeTip', () => {
  const viewport = { width: 1280, height: 800 };
  const rect = (top: number, height = 40, left = 100) => ({ top, bottom: top + height, left, width: 300, height });

  it('goes below the error when there is room, no taller than the room', () => {
    expect(placeTip(rect(60), viewport)).toEqual({ top: 106, left: 100, maxHeight: 520 });
    expect(placeTip(rect(400), viewport)).toEqual({ top: 446, left: 100, maxHeight: 346 });
  });

  it('goes above when the room is there, and docks when it is nowhere', () => {
    expect(placeTip(rect(700), viewport)).toEqual({ bottom: 106, left: 100, maxHeight: 520 });
    expect(placeTip(rect(60, 40), { width: 1280, height: 220 })).toBeNull();
  });

  it('docks for an error off-screen or with no box, and keeps the tip inside the viewport', () => {
    expect(placeTip(rect(-200), viewport)).toBeNull();
    expect(placeTip(rect(900), viewport)).toBeNull();
    expect(placeTip({ top: 0, bottom: 0, left: 0, width: 0, height: 0 }, viewport)).toBeNull();
    expect(placeTip(rect(60, 40, 1200), viewport)?.left).toBe(1280 - 380 - 8);
  });
});

describe('per-tab detections', () => {
  const table: DetectionTable = {
    articles: [
      { id: 'KA-1', title: '', summary: '', products: ['target'] },
      { id: 'KA-2', title: '', summary: '', products: ['aam'] },
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

describe('support details', () => {
  it('reads the org and sandbox from the unified shell address', () => {
    expect(pageFacts('https://experience.adobe.com/#/@acme/sname:prod/platform/source')).toEqual({ org: 'acme', sandbox: 'prod' });
    expect(pageFacts('https://experience.adobe.com/?sandboxName=dev#/@acme%20corp/target')).toEqual({ org: 'acme corp', sandbox: 'dev' });
    expect(pageFacts('https://bank.demdex.com/portal/traits')).toEqual({});
  });

  it('writes what a ticket needs', () => {
    const text = supportDetails({ id: 'KA-21790', title: 'T', products: ['aam', 'aep'], errorText: 'Not allowed', url: 'https://experience.adobe.com/#/@acme/sname:prod/x', source: 'https://s', seenAt: new Date('2026-01-02T03:04:05Z') });
    expect(text).toBe(
      ['Error: Not allowed', 'Product: Audience Manager, Experience Platform', 'Organization: acme', 'Sandbox: prod', 'Page: https://experience.adobe.com/#/@acme/sname:prod/x', 'Time: 2026-01-02T03:04:05.000Z', 'Article: KA-21790 (T) https://s'].join('\n'),
    );
  });
});
