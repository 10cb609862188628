import { describe, expect, it, vi } from 'vitest';
import { globMatcher } from '../../src/shared/glob';
import type { DetectionTable } from '../../src/shared/kb-types';
import { boundAddress, MAX_ADDRESS, PageContexts } from '../../src/shared/page-context';
import { THREE_ARTICLES } from './small-table';

describe('URL globs', () => {
  it('treats * as any run of characters and everything else literally', () => {
    const audiences = globMatcher('https://experience.adobe.com/#/*/target/audiences*');
    expect(audiences('https://experience.adobe.com/#/@acme/target/audiences')).toBe(true);
    expect(audiences('https://experience.adobe.com/#/@acme/target/audiences/list?x=1')).toBe(true);
    expect(audiences('https://experience.adobe.com/#//target/audiences')).toBe(true);
    expect(audiences('https://experience.adobe.com/#/@acme/target/activities')).toBe(false);
    expect(audiences('https://experience.adobe.com/#/target/audiences')).toBe(false); // the "/" after "#/" and before "target" are two
    expect(audiences('http://experience.adobe.com/#/@acme/target/audiences')).toBe(false);
    // regular-expression characters are literal
    expect(globMatcher('https://a.b/?q=(x)+[y]$')('https://a.b/?q=(x)+[y]$')).toBe(true);
    expect(globMatcher('https://a.b/?q=(x)+[y]$')('https://aXb/?q=(x)+[y]$')).toBe(false);
    expect(globMatcher('https://a.b/.*')('https://a.b/xyz')).toBe(false);
  });

  it('anchors at both ends and never lets the parts overlap', () => {
    expect(globMatcher('https://x/')('https://x/')).toBe(true);
    expect(globMatcher('https://x/')('https://x/a')).toBe(false);
    expect(globMatcher('ab*ba')('aba')).toBe(false);
    expect(globMatcher('ab*ba')('abba')).toBe(true);
    expect(globMatcher('a*b*c')('acb')).toBe(false);
    expect(globMatcher('a*b*c')('abc')).toBe(true);
    expect(globMatcher('a*bb*b')('abbb')).toBe(true);
    expect(globMatcher('a*bb*b')('abb')).toBe(false);
    expect(globMatcher('*')('')).toBe(true);
    expect(globMatcher('**x**')('x')).toBe(true);
    expect(globMatcher('*target*audiences*')('audiences target')).toBe(false);
  });

  it('agrees with the plain reading of a glob on many generated addresses', () => {
    // the reference: a backtracking search, fine on these short strings
    const reference = (glob: string, text: string): boolean => {
      const [head, ...rest] = glob.split('*');
      if (!rest.length) return text === glob;
      if (!text.startsWith(head)) return false;
      const go = (parts: string[], from: number): boolean => {
        if (parts.length === 1) return text.length - parts[0].length >= from && text.endsWith(parts[0]);
        for (let at = from; at + parts[0].length <= text.length; at++) if (text.startsWith(parts[0], at) && go(parts.slice(1), at + parts[0].length)) return true;
        return false;
      };
      return go(rest, head.length);
    };
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const word = (alphabet: string, max: number) => Array.from({ length: random(max + 1) }, () => alphabet[random(alphabet.length)]).join('');
    let matched = 0;
    for (let i = 0; i < 5000; i++) {
      const glob = word('ab*', 6);
      const text = word('ab', 8);
      const expected = reference(glob, text);
      if (expected) matched++;
      expect([glob, text, globMatcher(glob)(text)]).toEqual([glob, text, expected]);
    }
    expect(matched).toBeGreaterThan(500); // both answers were exercised
  });

  it('matches a page-long address without a regular expression, which would backtrack', () => {
    // with `^.*target.*audiences.*$` this address took five seconds in Node (a second in the browser);
    // the glob is matched by forward searches instead, each reading on from where the last stopped
    const address = `https://experience.adobe.com/#/${'target'.repeat(16 * 1024)}`;
    expect(address.length).toBeGreaterThan(96 * 1024);
    const matches = globMatcher('*target*audiences*');
    const exec = vi.spyOn(RegExp.prototype, 'exec');
    let answers: boolean[];
    let regexCalls: number;
    try {
      answers = [matches(address), matches(`${address}audiences`)];
    } finally {
      regexCalls = exec.mock.calls.length;
      exec.mockRestore();
    }
    expect(answers).toEqual([false, true]);
    expect(regexCalls).toBe(0);
  });
});

describe('page contexts', () => {
  const table: DetectionTable = {
    articles: THREE_ARTICLES,
    patterns: [
      { a: 1, p: ['scoped error'], k: 0, u: ['https://bank.demdex.com/*traits*'] },
      { a: 1, p: ['anywhere error'], k: 0 },
      { a: 2, p: ['context text'], k: 0, m: 2 },
    ],
    contexts: [
      { a: 0, url: 'https://experience.adobe.com/#/*/target/audiences*' },
      { a: 0, url: 'https://experience.adobe.com/#/*/target/activities*' },
      { a: 2, url: 'https://experience.adobe.com/#/*/platform/*', text: 2 },
    ],
  };
  const contexts = new PageContexts(table);
  const shell = 'https://experience.adobe.com/#/@acme/';

  it('names the articles an address makes relevant, each once, by the frame or the tab address', () => {
    expect(contexts.byAddress([`${shell}target/audiences`, ''])).toEqual([0]);
    expect(contexts.byAddress(['https://acme.experience.adobe.net/frame', `${shell}target/activities`])).toEqual([0]);
    expect(contexts.byAddress([`${shell}target/audiences`, `${shell}target/activities`])).toEqual([0]);
    expect(contexts.byAddress([`${shell}target/audiences`], (article) => article !== 0)).toEqual([]);
    expect(contexts.byAddress([`${shell}platform/schema`])).toEqual([]); // that context needs its text too
    expect([...contexts.idsByAddress([`${shell}target/audiences`])]).toEqual(['KA-1']);
  });

  it('lets a context text count only where its context names the page, and a scoped error only in its scope', () => {
    expect(contexts.textCounts(2, [`${shell}platform/schema`])).toBe(true);
    expect(contexts.textCounts(2, [`${shell}target/audiences`])).toBe(false);
    expect(contexts.inScope(0, ['https://bank.demdex.com/portal/traits/1'])).toBe(true);
    expect(contexts.inScope(0, ['https://bank.demdex.com/portal/segments', ''])).toBe(false);
    expect(contexts.inScope(1, ['https://bank.demdex.com/portal/segments'])).toBe(true);
  });

  it('reads only the bounded start of a huge address', () => {
    const huge = `${shell}target/audiences/${'x'.repeat(3 * 1024 * 1024)}`;
    expect(boundAddress(huge)).toHaveLength(MAX_ADDRESS);
    expect(boundAddress(shell)).toBe(shell);
    expect(contexts.byAddress([huge, huge])).toEqual([0]);
    // a glob whose end is past the bound no longer sees it
    expect(contexts.inScope(0, [`https://bank.demdex.com/${'y'.repeat(MAX_ADDRESS)}traits`])).toBe(false);
  });
});
