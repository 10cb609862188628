import { describe, expect, it } from 'vitest';
import { tipIds, until, waitForTip, type TestFrame } from './harness';
import { expectUnharmed, openReal, transitionsDone } from './real';
import { PROOF, proveRead, sessionPerFile } from './session';

/**
 * Pages built from React Spectrum (Spectrum 1, @adobe/react-spectrum), the library of Experience Platform,
 * Analytics and Target: every error surface gets its tip, its benign twin gets none, and the page is
 * unharmed (no error logged, the component closes as a person closes it, React still updates the page).
 */

const current = sessionPerFile();
const TOAST = '[role="alertdialog"]';

describe('React Spectrum toasts', () => {
  it('a negative toast gets its tip and still closes with its close button', async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=toast');
    await page.click('#show-error');
    await waitForTip(page, 'KA-21790');
    await transitionsDone(page);
    await page.click(`${TOAST} button[aria-label="Close"]`, { hasText: '' });
    await page.waitForSelector(TOAST, { state: 'detached', timeout: 5000 });
    expect(await tipIds(page)).toContain('KA-21790'); // the tip stays until the person closes it
    await expectUnharmed(page);
    await page.close();
  });

  it('a negative toast with a timeout gets its tip and still closes by itself', async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=toast');
    await page.click('#show-timed');
    await waitForTip(page, 'KA-16999');
    await page.waitForSelector(TOAST, { state: 'detached', timeout: 12_000 });
    await expectUnharmed(page);
    await page.close();
  });

  it('a positive toast gets no tip', async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=toast');
    await page.click('#show-benign');
    await page.waitForSelector(TOAST, { hasText: 'Trait saved' });
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await expectUnharmed(page);
    await page.close();
  });
});

describe('React Spectrum dialogs', () => {
  it('an error AlertDialog in a DialogContainer gets its tip and still closes with its OK button', async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=dialog');
    await page.click('#show-error');
    await waitForTip(page, 'KA-21790');
    await page.click('[role="alertdialog"] button', { hasText: 'OK' });
    await page.waitForSelector('[role="alertdialog"]', { state: 'detached' });
    await expectUnharmed(page);
    await page.close();
  });

  it('a confirm-delete AlertDialog gets no tip, and its Delete button still deletes', async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=dialog');
    await page.click('#show-benign');
    await page.waitForSelector('[role="alertdialog"]', { hasText: 'Delete segment?' });
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.click('[role="alertdialog"] button', { hasText: 'Delete' });
    await page.waitForSelector('#deleted');
    await expectUnharmed(page);
    await page.close();
  });
});

describe('React Spectrum fields, alerts, messages and tables', () => {
  it('an invalid TextField gets a tip for its error message, and the field can still be typed in', async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=field');
    await page.click('#show-error');
    await waitForTip(page, 'KA-15576');
    await page.fill('#token', 'at_property=4a5b');
    expect(await page.inputValue('#token')).toBe('at_property=4a5b');
    await expectUnharmed(page);
    await page.close();
  });

  it('a TextField with helper text gets no tip', async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=field&benign=1');
    await page.click('#show-error');
    await page.waitForSelector('#root', { hasText: 'Administration › Properties' });
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await expectUnharmed(page);
    await page.close();
  });

  it('a negative InlineAlert gets its tip; an informative one gets none', async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=inline');
    await page.click('#show-benign');
    await page.waitForSelector('[role="alert"]', { hasText: 'refreshed every hour' });
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.click('#show-error');
    await waitForTip(page, 'KA-21705');
    await expectUnharmed(page);
    await page.close();
  });

  it('an IllustratedMessage whose heading is the error gets its tip; an empty-search one gets none', async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=illustrated');
    await page.click('#show-benign');
    await page.waitForSelector('#root', { hasText: 'No projects found' });
    await proveRead(page);
    expect(await tipIds(page)).toEqual([PROOF.id]);
    await page.click('#show-error');
    await waitForTip(page, 'KA-20889');
    await expectUnharmed(page);
    await page.close();
  });

  it('a TableView status cell holding the error gets its tip', async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=table');
    await page.waitForSelector('[role="grid"]', { hasText: 'Success' });
    await page.click('#show-error');
    await waitForTip(page, 'KA-17865');
    await expectUnharmed(page);
    await page.close();
  });

  it('the dark theme: a negative InlineAlert and a negative toast get their tips', async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=inline&theme=dark');
    expect(await page.count('[class*="spectrum--dark"]')).toBeGreaterThan(0);
    await page.click('#show-error');
    await waitForTip(page, 'KA-21705');
    await expectUnharmed(page);
    await page.close();
    const toast = await openReal(current(), 'rs1/index.html?screen=toast&theme=dark');
    await toast.click('#show-error');
    await waitForTip(toast, 'KA-21790');
    await transitionsDone(toast);
    await toast.click(`${TOAST} button[aria-label="Close"]`);
    await toast.waitForSelector(TOAST, { state: 'detached' });
    await expectUnharmed(toast);
    await toast.close();
  });
});

describe('React Spectrum apps at work', () => {
  it('a busy table (3,000 rows, a tenth of them refreshed ten times a second): a negative InlineAlert beside it gets its tip', async () => {
    const page = await openReal(current(), 'rs1/index.html?screen=busy');
    await page.waitForSelector('#busy tr');
    await page.click('#show-error');
    await waitForTip(page, 'KA-19834', 5000);
    await expectUnharmed(page);
    await page.close();
  });

  it('an app in a same-origin iframe of the shell: its toast gets a tip in the frame, and the app still works', async () => {
    const page = await current().open(`${SHELL_REAL}rs1/shell.html?screen=toast`);
    const frame = await until(() => page.frames().find((f) => f.url().includes('framed=1')), 10_000, 'the app frame');
    await until(() => frame.evaluate(() => !!document.querySelector('#counter')), 15_000, 'the framed app');
    const press = (selector: string) => frame.evaluate((sel) => (document.querySelector(sel) as HTMLElement).click(), selector);
    await press('#show-error');
    await waitForTip(frame, 'KA-21790');
    expect(await tipIds(page)).toEqual([]); // the tip is in the frame that shows the error
    await press(`${TOAST} button[aria-label="Close"]`);
    await until(() => frame.evaluate((sel) => !document.querySelector(sel), TOAST), 5000, 'the toast to close');
    await expectFramedCounter(frame);
    expect(page.problems).toEqual([]);
    await page.close();
  });
});

const SHELL_REAL = 'https://experience.adobe.com/real/';

async function expectFramedCounter(frame: TestFrame): Promise<void> {
  const read = () => frame.evaluate(() => document.querySelector('#counter')?.textContent ?? '');
  const before = await read();
  await frame.evaluate(() => (document.querySelector('#counter') as HTMLElement).click());
  await until(async () => (await read()) !== before, 3000, 'the framed counter to change');
  expect(await read()).toMatch(/Clicked 1 times/);
}
