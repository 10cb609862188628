import { describe, expect, it } from 'vitest';
import { articleRequest, placeholderPage } from '../../src/shared/article-request';

describe('the page, without what says whose account it is', () => {
  it.each([
    ['https://experience.adobe.com/?fixture=aep/sources-dialog#/@acme/sname:prod/platform/source/catalog', 'experience.adobe.com/#/@{org}/sname:{sandbox}/platform/source/catalog'],
    ['https://experience.adobe.com/#/@acme-corp/sname:dev-eu/platform/schema/edit?tab=fields', 'experience.adobe.com/#/@{org}/sname:{sandbox}/platform/schema/edit'],
    ['https://experience.adobe.com/?sandboxName=dev&token=abc#/@acme/target/activities', 'experience.adobe.com/#/@{org}/target/activities'],
    ['https://bank.demdex.com/portal/Traits/traitsEditor.ddx?traitId=88231', 'bank.demdex.com/portal/Traits/traitsEditor.ddx'],
    ['https://experience.adobe.com/#/@acme/platform/dataset/browse/64f1c2a9e1d2b3a4c5d6e7f8', 'experience.adobe.com/#/@{org}/platform/dataset/browse/{id}'],
    ['https://experience.adobe.com/#/@acme/platform/flows/3d5c7e9a-1b2c-4d5e-8f90-a1b2c3d4e5f6/runs', 'experience.adobe.com/#/@{org}/platform/flows/{id}/runs'],
    ['https://mc.experience.adobe.net/segments/123456/edit', 'mc.experience.adobe.net/segments/{id}/edit'],
    ['https://experience.adobe.com/#/ABCDEF0123456789ABCDEF01@AdobeOrg/analytics', 'experience.adobe.com/#/{id}/analytics'],
    ['not an address', ''],
    ['', ''],
  ])('%s → %s', (url, page) => {
    expect(placeholderPage(url)).toBe(page);
  });
});

describe('the request', () => {
  it('names the error, the products, the page and the article that did not help', () => {
    const text = articleRequest({
      errorText: ' Dataflow  failed in sandbox prod-eu for org Acme ',
      products: ['aep', 'analytics'],
      url: 'https://experience.adobe.com/#/@acme/sname:prod-eu/platform/source/dataflows',
      article: { id: 'KA-21790', title: 'Not allowed to delete due to segment sharing enabled' },
    });
    expect(text).toBe(
      [
        'Request for a knowledge-base article (XC Troubleshooter)',
        'Error: Dataflow failed in sandbox {sandbox} for org {org}',
        'Product: Experience Platform, Analytics',
        'Page: experience.adobe.com/#/@{org}/sname:{sandbox}/platform/source/dataflows',
        'Did not help: KA-21790 (Not allowed to delete due to segment sharing enabled)',
      ].join('\n'),
    );
  });

  it('leaves out invisible characters the page put in the text', () => {
    const text = articleRequest({ errorText: 'Not allowed to delete due to segment\u00a0sharing en\u200babled\u2060 by\u00ad\u180e Acme', products: ['aam'], url: '', article: { id: 'KA-21790', title: 'x' } });
    expect(text).toContain('\nError: Not allowed to delete due to segment sharing enabled by Acme\n');
  });

  it.each(['Error: Not allowed to delete', 'error:Not allowed to delete', ' ERROR :  Not allowed to delete'])('does not say "Error:" twice when the page\'s text starts with it: %j', (errorText) => {
    const text = articleRequest({ errorText, products: ['aam'], url: '', article: { id: 'KA-21790', title: 'x' } });
    expect(text.split('\n')[1]).toBe('Error: Not allowed to delete');
  });

  it('keeps "Error" when it is the whole text or part of a word', () => {
    const line = (errorText: string) => articleRequest({ errorText, products: ['aam'], url: '', article: { id: 'KA-21790', title: 'x' } }).split('\n')[1];
    expect(line('Error:')).toBe('Error: Error:');
    expect(line('Errors: 3 rows failed')).toBe('Error: Errors: 3 rows failed');
  });

  it('says what it does not know', () => {
    const text = articleRequest({ errorText: '', products: [], url: '', article: { id: 'KA-20057', title: 'x' } });
    expect(text).toContain('Error: not recorded');
    expect(text).toContain('Product: not known');
    expect(text).toContain('Page: not recorded');
  });

  it('leaves a short org name inside other words alone', () => {
    const text = articleRequest({ errorText: 'Invalid ab value', products: ['aam'], url: 'https://experience.adobe.com/#/@ab/aam', article: { id: 'KA-20057', title: 'x' } });
    expect(text).toContain('Error: Invalid ab value');
  });
});
