import { describe, expect, it } from 'vitest';
import { compileArticles } from '../../src/compiler/compile';
import { loadSources } from '../../src/compiler/load';
import { KnowledgeSearch } from '../../src/shared/search';
import { ROOT } from '../paths';

/**
 * What "Did this help? No" offers instead: articles related to the same error text, from the index built
 * exactly as the build builds it from our own articles.
 */
const kb = compileArticles(loadSources(ROOT).files.filter((file) => !file.imported));
const search = KnowledgeSearch.fromJSON(kb.smallIndex);

const related = (text: string, without: string, limit = 3) => search.related(text, without, limit).map((hit) => hit.id);

describe('related articles', () => {
  it('never offer the article that did not help, and at most the number asked for', () => {
    const ids = related('Not allowed to delete due to segment sharing enabled', 'KA-21790');
    expect(ids).not.toContain('KA-21790');
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(3);
    expect(related('Not allowed to delete due to segment sharing enabled', 'KA-21790', 1)).toHaveLength(1);
  });

  it('share at least two words of the text with it', () => {
    // "Audience Manager segments shared with Target" shares "segment" and "sharing" (as prefixes)
    expect(related('Not allowed to delete due to segment sharing enabled', 'KA-21790')).toContain('KA-20675');
  });

  it('are none when other articles share a single word only ("property", "empty")', () => {
    // a plain search does list such articles after the one that matched
    expect(search.search({ text: 'Error at meta:enum of property ECID. The meta:enum can not be empty.' }).hits.length).toBeGreaterThan(1);
    expect(related('Error at meta:enum of property ECID. The meta:enum can not be empty.', 'KA-21767')).toEqual([]);
  });

  it('include an article whose error text the line holds word for word', () => {
    // the line holds both KA-21790's and KA-17836's error texts
    expect(related('Not allowed to delete due to segment sharing enabled. Access to this trait has been revoked', 'KA-21790')[0]).toBe('KA-17836');
  });

  it('keep to the products asked for', () => {
    const hits = search.related('segment sharing delete', 'KA-21790', 5, ['target']);
    expect(hits.every((hit) => hit.products.includes('target'))).toBe(true);
  });
});
