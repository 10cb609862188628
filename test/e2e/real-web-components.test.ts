import { describe, expect, it } from 'vitest';
import { tipIds, waitForTip } from './harness';
import { expectUnharmed, openReal } from './real';
import { PROOF, proveRead, sessionPerFile } from './session';

/**
 * Pages built from Spectrum Web Components (@spectrum-web-components): the toast, the invalid field's
 * negative help text, the alert banner and the error alert dialog in a modal overlay get their tips, their
 * benign twins none, and the page is unharmed (each component closes as a person closes it).
 */

const current = sessionPerFile();
const PAGE = 'swc/index.html';

describe('Spectrum Web Components toasts', () => {
  it('a negative sp-toast gets its tip and still closes with its close button', async () => {
    const page = await openReal(current(), PAGE);
    await page.click('#toast-error');
    await waitForTip(page, 'KA-21790');
    await page.click('sp-toast >> sp-close-button');
    await page.waitForSelector('sp-toast', { state: 'detached', timeout: 5000 });
    await expectUnharmed(page);
    await page.close();
  });

  it('a negative sp-toast with a timeout gets its tip and still closes by itself', async () => {
    const page = await openReal(current(), PAGE);
    await page.click('#toast-timed');
    await waitForTip(page, 'KA-16999');
    await page.waitForSelector('sp-toast', { state: 'detached', timeout: 12_000 });
    await expectUnharmed(page);
    await page.close();
  });

  it('a positive sp-toast gets no tip', async () => {
    const page = await openReal(current(), PAGE);
    await page.click('#toast-benign');
    await page.waitForSelector('sp-toast[open]', { hasText: 'Trait saved' });
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await expectUnharmed(page);
    await page.close();
  });
});

describe('Spectrum Web Components fields and banners', () => {
  it('sp-textfield shows helper text: no tip; made invalid, its negative help text gets one, and it can still be typed in', async () => {
    const page = await openReal(current(), PAGE);
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.click('#field-error');
    await waitForTip(page, 'KA-15576');
    await page.fill('#token >> input', 'at_property=4a5b');
    expect(await page.inputValue('#token >> input')).toBe('at_property=4a5b');
    await expectUnharmed(page);
    await page.close();
  });

  it('an informative sp-alert-banner gets no tip', async () => {
    const page = await openReal(current(), PAGE);
    await page.click('#banner-benign');
    await page.waitForSelector('sp-alert-banner[open]', { hasText: 'refreshed every hour' });
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await expectUnharmed(page);
    await page.close();
  });

  it('a negative sp-alert-banner gets its tip and still closes with its close button', async () => {
    const page = await openReal(current(), PAGE);
    await page.click('#banner-error');
    await waitForTip(page, 'KA-18011');
    await page.click('sp-alert-banner[variant="negative"] >> sp-close-button');
    await page.waitForSelector('sp-alert-banner[variant="negative"]', { state: 'detached', timeout: 5000 });
    await expectUnharmed(page);
    await page.close();
  });
});

describe('Spectrum Web Components modal overlay', () => {
  it('an error sp-alert-dialog in a modal sp-overlay gets its tip and still closes with its OK button', async () => {
    const page = await openReal(current(), PAGE);
    await page.click('#modal-error');
    await page.waitForSelector('sp-overlay#modal[open]');
    await waitForTip(page, 'KA-21790');
    await page.click('#modal-ok');
    await page.waitForSelector('sp-overlay#modal[open]', { state: 'detached', timeout: 5000 });
    await expectUnharmed(page);
    await page.close();
  });

  it('the confirm-delete sp-alert-dialog gets no tip, and its Delete button still deletes', async () => {
    const page = await openReal(current(), PAGE);
    await page.click('#modal-benign');
    await page.waitForSelector('sp-overlay#confirm[open]');
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.click('#confirm-delete');
    await page.waitForSelector('#deleted:not([hidden])');
    await page.waitForSelector('sp-overlay#confirm[open]', { state: 'detached', timeout: 5000 });
    await expectUnharmed(page);
    await page.close();
  });
});
