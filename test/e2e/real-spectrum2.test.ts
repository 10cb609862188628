import { describe, expect, it } from 'vitest';
import { tipIds, waitForTip } from './harness';
import { expectUnharmed, openReal, transitionsDone } from './real';
import { PROOF, proveRead, sessionPerFile } from './session';

/**
 * Pages built from Spectrum 2 (@react-spectrum/s2, laid out with its `style` macro): the toast, the inline
 * alert and the field error get their tips, their benign twins none, and the page is unharmed.
 */

const current = sessionPerFile();
const TOAST = '[role="alertdialog"]';

describe('Spectrum 2', () => {
  it('a negative toast gets its tip and still closes with its close button', async () => {
    const page = await openReal(current(), 's2/index.html');
    await page.click('#toast-error');
    await waitForTip(page, 'KA-21790');
    await transitionsDone(page);
    await page.click(`${TOAST} button[slot="close"]`);
    await page.waitForSelector(TOAST, { state: 'detached', timeout: 5000 });
    await expectUnharmed(page);
    await page.close();
  });

  it('a positive toast gets no tip', async () => {
    const page = await openReal(current(), 's2/index.html');
    await page.click('#toast-benign');
    await page.waitForSelector(TOAST, { hasText: 'Trait saved' });
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await expectUnharmed(page);
    await page.close();
  });

  it('a negative InlineAlert gets its tip; an informative one gets none', async () => {
    const page = await openReal(current(), 's2/index.html');
    await page.click('#inline-benign');
    await page.waitForSelector('[role="alert"]', { hasText: 'refreshed every hour' });
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.click('#inline-error');
    await waitForTip(page, 'KA-21705');
    await expectUnharmed(page);
    await page.close();
  });

  it('a TextField with its description gets no tip; made invalid, its error message gets one, and it can still be typed in', async () => {
    const page = await openReal(current(), 's2/index.html');
    await page.waitForSelector('#root', { hasText: 'Administration › Properties' });
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.click('#field-error');
    await waitForTip(page, 'KA-15576');
    await page.fill('input', 'at_property=4a5b');
    expect(await page.inputValue('input')).toBe('at_property=4a5b');
    await expectUnharmed(page);
    await page.close();
  });
});
