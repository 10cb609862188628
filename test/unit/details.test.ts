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
