import type { Runtime } from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { MAX_BUCKETS, RateLimiter } from '../../src/background/limits';
import { admit, mayReadTab, senderOf, type Gatekeeper } from '../../src/background/senders';
import { MESSAGES, requestProblem, sentByExtension } from '../../src/shared/message-shapes';
import { fromExtension, type MessageName } from '../../src/shared/messages';
import { DEFAULT_OPTIONS } from '../../src/shared/options';
import { MAX_ADDRESS } from '../../src/shared/page-context';
import { MAX_ITEM_TEXT } from '../../src/shared/tab-records';

describe('message shapes', () => {
  it('accept what the extension sends', () => {
    expect(requestProblem('frame:hello', { url: 'https://experience.adobe.com/#/x', top: true, document: crypto.randomUUID() })).toBeNull();
    expect(requestProblem('page:seen', { id: 'KA-21790', kind: 'error', text: 'Not allowed' })).toBeNull();
    expect(requestProblem('page:seen', { id: 'KA-21790', kind: 'context' })).toBeNull();
    expect(requestProblem('page:seen', { id: 'KA-21790', kind: 'context', text: undefined })).toBeNull();
    expect(requestProblem('article:get', { id: 'KA-21790' })).toBeNull();
    expect(requestProblem('article:open', { id: 'KA-21790' })).toBeNull();
    expect(requestProblem('tab:state', { tabId: 12 })).toBeNull();
    expect(requestProblem('tab:url', { url: 'https://experience.adobe.com/' })).toBeNull();
    expect(requestProblem('tab:changed', { tabId: 12, state: { url: 'u', items: [{ id: 'KA-1', kind: 'error', seenAt: 1, text: 't' }] }, info: [{ id: 'KA-1', title: 'T', summary: 'S', products: ['aam'] }] })).toBeNull();
    expect(requestProblem('tip:shown', {})).toBeNull();
    expect(requestProblem('options:changed', { options: { ...DEFAULT_OPTIONS, products: ['aam'], muted: ['KA-21790'] } })).toBeNull();
    expect(requestProblem('tip:focus', {})).toBeNull();
    expect(requestProblem('tip:focus', { selector: 'button' })).toBe('unexpected field "selector"');
  });

  it('refuse oversized fields, unknown kinds and fields, and unknown messages, saying which', () => {
    expect(requestProblem('page:seen', { id: 'KA-21790', kind: 'error', text: 'x'.repeat(1024 * 1024) })).toBe(`"text" must be absent or a string of at most ${MAX_ITEM_TEXT} characters (got 1048576 characters)`);
    expect(requestProblem('page:seen', { id: 'KA-21790', kind: 'exploit' })).toBe('"kind" must be one of error, context');
    expect(requestProblem('page:seen', { id: 'KA-21790', kind: 'error', extra: 1 })).toBe('unexpected field "extra"');
    expect(requestProblem('page:seen', { id: '', kind: 'error' })).toMatch(/^"id" must be a non-empty string/);
    expect(requestProblem('frame:hello', { url: 'x'.repeat(3 * 1024 * 1024), top: true, document: 'd' })).toBe(`"url" must be a string of at most ${MAX_ADDRESS} characters (got 3145728 characters)`);
    expect(requestProblem('frame:hello', { url: 'u', top: 'yes', document: 'd' })).toBe('"top" must be true or false');
    expect(requestProblem('frame:hello', { url: 'u', top: true })).toMatch(/^"document" must be/);
    expect(requestProblem('tab:state', { tabId: -1 })).toBe('"tabId" must be a tab id');
    expect(requestProblem('tab:state', { tabId: 1.5 })).toBe('"tabId" must be a tab id');
    expect(requestProblem('tab:state', null)).toBe('payload must be an object');
    expect(requestProblem('tab:state', [1])).toBe('payload must be an object');
    expect(requestProblem('tab:changed', { tabId: 1, state: { url: 'u', items: ['junk'] }, info: [] })).toMatch(/^"state" must be/);
    expect(requestProblem('tab:changed', { tabId: 1, state: { url: 'u', items: [] }, info: [{ id: 'KA-1', title: 'T', summary: 'S', products: ['nope'] }] })).toMatch(/^"info" must be/);
    expect(requestProblem('options:changed', { options: { ...DEFAULT_OPTIONS, theme: 'neon' } })).toBe('"options" must be the options, as parsed');
    expect(requestProblem('options:changed', { options: { ...DEFAULT_OPTIONS, products: ['nope'] } })).toBe('"options" must be the options, as parsed');
    expect(requestProblem('debug:eval', {})).toBe('unknown message');
    expect(requestProblem('toString', {})).toBe('unknown message');
  });

  it('name the messages only the extension itself sends, and those only a content script sends', () => {
    const names = Object.keys(MESSAGES) as MessageName[];
    expect(names.filter(sentByExtension).sort()).toEqual(['history:clear', 'history:not-found', 'options:changed', 'tab:changed', 'tab:url', 'tip:focus']);
    expect(names.filter((name) => MESSAGES[name].from === 'page').sort()).toEqual(['frame:hello', 'page:seen', 'tip:shown']);
    expect(sentByExtension('toString')).toBe(false);
  });

  it('give every message a content script may send a rate, and none to the others', () => {
    for (const [name, rule] of Object.entries(MESSAGES)) expect('rate' in rule, name).toBe(rule.from !== 'extension');
  });
});

describe('senders', () => {
  const ID = 'ourid';
  const ORIGIN = 'chrome-extension://ourid/';
  const sender = (fields: Partial<Runtime.MessageSender>): Runtime.MessageSender => ({ id: ID, ...fields });

  it('tell a content script, which speaks for its own tab and frame, from the extension pages', () => {
    expect(senderOf(sender({ url: 'https://experience.adobe.com/', tab: { id: 7 } as Runtime.MessageSender['tab'], frameId: 3 }), ID, ORIGIN)).toEqual({ from: 'page', tabId: 7, frameId: 3 });
    expect(senderOf(sender({ url: `${ORIGIN}src/popup/index.html` }), ID, ORIGIN)).toEqual({ from: 'extension' });
    // the reader in a tab of its own is still an extension page
    expect(senderOf(sender({ url: `${ORIGIN}src/popup/index.html?article=KA-1`, tab: { id: 9 } as Runtime.MessageSender['tab'], frameId: 0 }), ID, ORIGIN)).toEqual({ from: 'extension' });
  });

  it('refuse another extension and a content script without a tab', () => {
    expect(senderOf({ id: 'other', url: `${ORIGIN}x` }, ID, ORIGIN)).toEqual({ refused: 'not from this extension' });
    expect(senderOf(sender({ url: 'https://experience.adobe.com/' }), ID, ORIGIN)).toHaveProperty('refused');
    expect(senderOf(sender({ url: 'https://experience.adobe.com/', tab: { id: 7 } as Runtime.MessageSender['tab'] }), ID, ORIGIN)).toHaveProperty('refused');
  });

  it('let a content script read only its own tab', () => {
    expect(mayReadTab({ from: 'page', tabId: 7, frameId: 0 }, 7)).toBe(true);
    expect(mayReadTab({ from: 'page', tabId: 7, frameId: 0 }, 8)).toBe(false);
    expect(mayReadTab({ from: 'extension' }, 8)).toBe(true);
  });
});

describe('admitting a message to the worker, by the message table', () => {
  const ID = 'ourid';
  const ORIGIN = 'chrome-extension://ourid/';
  const page = (tabId: number, frameId = 0): Runtime.MessageSender => ({ id: ID, url: 'https://experience.adobe.com/', tab: { id: tabId } as Runtime.MessageSender['tab'], frameId });
  const popup: Runtime.MessageSender = { id: ID, url: `${ORIGIN}src/popup/index.html` };
  const gate = (now = 0): Gatekeeper => ({ extensionId: ID, origin: ORIGIN, limiter: new RateLimiter({ 'article:open': MESSAGES['article:open'].rate }), now });

  it('lets a content script send what only content scripts send, and speak for its own tab and frame', () => {
    expect(admit('page:seen', page(7, 2), gate())).toEqual({ from: 'page', tabId: 7, frameId: 2 });
    expect(() => admit('page:seen', popup, gate())).toThrow('page:seen: only a content script sends this');
  });

  it('refuses a content script what only the extension sends, and another extension anything', () => {
    expect(admit('history:clear', popup, gate())).toEqual({ from: 'extension' });
    expect(() => admit('history:clear', page(7), gate())).toThrow("history:clear: only the extension's own pages may send this");
    expect(() => admit('article:get', { ...popup, id: 'other' }, gate())).toThrow('article:get: not from this extension');
  });

  it('holds each tab to the message\'s rate, never the extension\'s pages', () => {
    const { burst, every } = MESSAGES['article:open'].rate;
    const shared = gate();
    for (let i = 0; i < burst; i++) admit('article:open', page(7), shared);
    expect(() => admit('article:open', page(7), shared)).toThrow('article:open: too many requests from this tab; try again shortly');
    expect(admit('article:open', page(8), shared)).toMatchObject({ tabId: 8 });
    expect(admit('article:open', page(7), { ...shared, now: every })).toMatchObject({ tabId: 7 });
    for (let i = 0; i < burst * 3; i++) expect(admit('article:open', popup, shared)).toEqual({ from: 'extension' });
  });
});

describe('rate limits', () => {
  it('allow a burst, then one more per interval, per tab', () => {
    const limiter = new RateLimiter<'open' | 'unlimited'>({ open: { burst: 3, every: 2000 } });
    const t = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.take('open', '1', t))).toEqual([true, true, true, false]);
    expect(limiter.take('open', '2', t)).toBe(true); // another tab has its own
    expect(limiter.take('open', '1', t + 1000)).toBe(false);
    expect(limiter.take('open', '1', t + 2000)).toBe(true);
    expect(limiter.take('open', '1', t + 2001)).toBe(false);
    // a long pause refills no more than the burst
    expect([1, 2, 3, 4].map(() => limiter.take('open', '1', t + 60_000))).toEqual([true, true, true, false]);
    expect(limiter.take('unlimited', '1', t)).toBe(true);
  });

  it('forget a closed tab, and keep a bounded number of buckets', () => {
    const limiter = new RateLimiter({ open: { burst: 1, every: 60_000 } });
    expect(limiter.take('open', '1', 0)).toBe(true);
    expect(limiter.take('open', '1', 1)).toBe(false);
    limiter.forget('1');
    expect(limiter.take('open', '1', 2)).toBe(true);
    for (let tab = 0; tab < MAX_BUCKETS * 2; tab++) limiter.take('open', `t${tab}`, 3);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBe(MAX_BUCKETS);
  });
});

describe('the content script’s guard', () => {
  const ORIGIN_X = 'chrome-extension://ourid/';
  it('hears the worker and the extension’s pages, never another frame’s content script', () => {
    expect(() => fromExtension(ORIGIN_X)('tip:focus', {}, { id: 'ourid' })).not.toThrow();
    const tab = { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false };
    expect(() => fromExtension(ORIGIN_X)('tip:focus', {}, { id: 'ourid', tab, frameId: 0, url: 'https://experience.adobe.com/' })).toThrow('only the extension itself');
    // an extension page open in a tab (Firefox's test pages, a lookup's search page) is the extension
    expect(() => fromExtension(ORIGIN_X)('tip:focus', {}, { id: 'ourid', tab, frameId: 0, url: `${ORIGIN_X}src/popup/index.html` })).not.toThrow();
  });
});
