import { describe, expect, it } from 'vitest';
import { tipIds, waitForTip } from './harness';
import { expectUnharmed, openReal, tipClose } from './real';
import { PROOF, proveRead, sessionPerFile } from './session';

/**
 * Pages built from Coral Spectrum (@adobe/coral-spectrum, the older Audience Manager and Analytics screens):
 * the error toast, alert and modal dialog get their tips, their benign twins none, and the page is unharmed
 * (each component closes as a person closes it).
 */

const current = sessionPerFile();
const PAGE = 'coral/index.html';

describe('Coral Spectrum', () => {
  it('an error coral-toast gets its tip and still closes with its close button', async () => {
    const page = await openReal(current(), PAGE);
    await page.click('#toast-error');
    await waitForTip(page, 'KA-21790');
    await page.click('coral-toast[variant="error"] button[coral-close]');
    await page.waitForSelector('coral-toast', { state: 'detached', timeout: 5000 });
    await expectUnharmed(page);
    await page.close();
  });

  it('a success coral-toast gets no tip, and still closes by itself', async () => {
    const page = await openReal(current(), PAGE);
    await page.click('#toast-benign');
    await page.waitForSelector('coral-toast[open]', { hasText: 'Trait saved' });
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.waitForSelector('coral-toast', { state: 'detached', timeout: 12_000 });
    await expectUnharmed(page);
    await page.close();
  });

  it('an error coral-alert gets its tip and still closes with its Close button; an informative one gets none', async () => {
    const page = await openReal(current(), PAGE);
    await page.click('#alert-benign');
    await page.waitForSelector('coral-alert[variant="info"]', { hasText: 'real time' });
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.click('#alert-error');
    await waitForTip(page, 'KA-16999');
    // today the tip lies over the alert's Close button, so a person closes the tip first (real-modals.test.ts
    // holds the tip to staying clear of it)
    await page.click(tipClose('KA-16999'));
    await page.click('#error-close');
    await page.waitForFunction(() => getComputedStyle(document.querySelector('coral-alert[variant="error"]')!).display === 'none', undefined, { message: 'the alert to close' });
    await expectUnharmed(page);
    await page.close();
  });

  it('an error coral-dialog gets its tip and still closes with its OK button', async () => {
    const page = await openReal(current(), PAGE);
    await page.click('#dialog-error');
    await page.waitForSelector('coral-dialog#dialog[open]');
    await waitForTip(page, 'KA-21790');
    await page.click('#dialog-ok');
    await page.waitForSelector('coral-dialog#dialog[open]', { state: 'detached', timeout: 5000 });
    await expectUnharmed(page);
    await page.close();
  });

  it('the confirm-delete coral-dialog gets no tip, and its Delete button still deletes', async () => {
    const page = await openReal(current(), PAGE);
    await page.click('#dialog-benign');
    await page.waitForSelector('coral-dialog#confirm[open]');
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.click('#confirm-delete');
    await page.waitForSelector('#deleted:not([hidden])');
    await expectUnharmed(page);
    await page.close();
  });
});
