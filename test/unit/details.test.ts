import { describe, expect, it } from 'vitest';
import { pageFacts, supportDetails } from '../../src/shared/details';

describe('support details from a hostile address', () => {
  it('keep a broken percent escape as written instead of throwing', () => {
    expect(pageFacts('https://experience.adobe.com/#/@acme%E0%A4%A/sname:prod%E0%A4%A/platform')).toEqual({ org: 'acme%E0%A4%A', sandbox: 'prod%E0%A4%A' });
    expect(pageFacts('https://experience.adobe.com/?sandboxName=%ZZ#/@acme%20corp/x')).toEqual({ org: 'acme corp', sandbox: '%ZZ' });
    const text = supportDetails({ id: 'KA-1', title: 'T', products: ['aep'], url: 'https://experience.adobe.com/#/@a%E0%A4%A/x', seenAt: new Date(0) });
    expect(text).toContain('Organization: a%E0%A4%A');
    expect(text).toContain('Page: https://experience.adobe.com/#/@a%E0%A4%A/x');
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
