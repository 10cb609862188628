import { describe, expect, it } from 'vitest';
import { PageScope } from '../../src/content/scope';
import { ERROR_REPEAT_MS, MAX_REPORTED, ReportThrottle } from '../../src/content/throttle';
import { MODE_CONTEXT, type DetectionTable } from '../../src/shared/kb-types';
import { THREE_ARTICLES } from './small-table';

const table: DetectionTable = {
  articles: THREE_ARTICLES,
  patterns: [
    { a: 0, p: ['unabletosync'], k: 0, u: ['https://experience.adobe.com/*target*'] },
    { a: 1, p: ['accessrevoked'], k: 0 },
    { a: 2, p: ['audiencemanager'], k: 0, m: MODE_CONTEXT },
  ],
  contexts: [
    { a: 0, url: 'https://experience.adobe.com/*target/audiences*' },
    { a: 2, url: 'https://experience.adobe.com/*platform/segment*', text: 2 },
  ],
};

describe('PageScope: which patterns count on a page', () => {
  it('needs the article’s product to be picked', () => {
    const scope = new PageScope(table);
    scope.url = 'https://bank.demdex.com/x';
    expect(scope.allowed(1)).toBe(false);
    scope.products = ['aam'];
    expect(scope.allowed(1)).toBe(true);
  });

  it('a scoped pattern counts where the frame’s or the top page’s address matches', () => {
    const scope = new PageScope(table);
    scope.products = ['target'];
    scope.url = 'https://acme.experience.adobe.net/frame';
    expect(scope.allowed(0)).toBe(false);
    scope.topUrl = 'https://experience.adobe.com/#/@acme/target/activities';
    expect(scope.allowed(0)).toBe(true);
    scope.topUrl = '';
    scope.url = 'https://experience.adobe.com/#/@acme/target/activities';
    expect(scope.allowed(0)).toBe(true);
  });

  it('a page-context text counts only on its context’s address', () => {
    const scope = new PageScope(table);
    scope.products = ['aep'];
    scope.url = 'https://experience.adobe.com/#/@acme/platform/schema';
    expect(scope.allowed(2)).toBe(false);
    scope.url = 'https://experience.adobe.com/#/@acme/platform/segment/browse';
    expect(scope.allowed(2)).toBe(true);
  });

  it('lists the articles the address alone makes relevant, in picked products', () => {
    const scope = new PageScope(table);
    scope.url = 'https://experience.adobe.com/#/@acme/target/audiences';
    expect(scope.contextArticles()).toEqual([]);
    scope.products = ['target', 'aep'];
    expect(scope.contextArticles()).toEqual([0]); // the text-bound context needs its text on the page
    scope.url = 'https://experience.adobe.com/#/@acme/target/activities';
    expect(scope.contextArticles()).toEqual([]);
  });
});

describe('ReportThrottle: what is told to the worker, how often', () => {
  it('an error at most once a second, a context once per address', () => {
    const throttle = new ReportThrottle();
    const url = 'https://experience.adobe.com/#/a';
    expect(throttle.admit('error', 'KA-1', url, 0)).toBe(true);
    expect(throttle.admit('error', 'KA-1', url, ERROR_REPEAT_MS - 1)).toBe(false);
    expect(throttle.admit('error', 'KA-1', url, ERROR_REPEAT_MS)).toBe(true);
    expect(throttle.admit('context', 'KA-1', url, 0)).toBe(true);
    expect(throttle.admit('context', 'KA-1', url, 60_000)).toBe(false);
    expect(throttle.admit('context', 'KA-1', `${url}/b`, 60_001)).toBe(true);
  });

  it('a new address starts afresh: errors are told again at once', () => {
    const throttle = new ReportThrottle();
    expect(throttle.admit('error', 'KA-1', 'u1', 0)).toBe(true);
    expect(throttle.admit('error', 'KA-1', 'u2', 10)).toBe(true);
  });

  it('stays bounded however many addresses and ids a page makes up', () => {
    const throttle = new ReportThrottle();
    for (let i = 0; i < 20_000; i++) throttle.admit('error', `KA-${i}`, 'u', i);
    expect(throttle.size).toBeLessThanOrEqual(MAX_REPORTED);
    for (let i = 0; i < 20_000; i++) throttle.admit('context', 'KA-1', `https://experience.adobe.com/${'x'.repeat(1000)}${i}`, i);
    expect(throttle.size).toBe(1);
  });
});
