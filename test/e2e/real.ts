import { expect } from 'vitest';
import { SHELL, until, type Session, type TestPage } from './harness';

/**
 * What every test on the pages built from Adobe's real UI libraries (test/fixtures/real) shares: opening a
 * screen once its app has rendered, and the proof that the page is unharmed.
 */

/** A built page by its path under /real/ (`rs1/index.html?screen=toast`), once its app shows its counter. */
export async function openReal(session: Session, path: string): Promise<TestPage> {
  const page = await session.open(`${SHELL}real/${path}`);
  await page.waitForSelector('#counter', { timeout: 15_000 });
  return page;
}

/** The app's own counter, a control the app updates. */
async function counterValue(page: TestPage): Promise<number> {
  const text = await page.textContent('#counter');
  const match = /(\d+)/.exec(text);
  if (!match) throw new Error(`the counter reads "${text}"`);
  return Number(match[1]);
}

/**
 * Waits until no view transition runs. React Spectrum's toasts come and go in a view transition, and while
 * one runs the browser sends a person's clicks to the transition's snapshot, not to the page's controls.
 */
export async function transitionsDone(page: TestPage): Promise<void> {
  await page.waitForFunction(() => !document.getAnimations().some((a) => String((a.effect as KeyframeEffect | null)?.pseudoElement ?? '').startsWith('::view-transition')), undefined, {
    message: 'the view transition to end',
  });
}

/**
 * The page is unharmed: it logged no error and threw none, and its app still updates the page when a person
 * presses its counter.
 */
export async function expectUnharmed(page: TestPage): Promise<void> {
  await transitionsDone(page);
  // a closing overlay (an underlay fading out) still takes clicks: a person clicks once the counter is clear
  await page.waitForFunction(
    () => {
      const counter = document.querySelector('#counter')!;
      const box = counter.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return !!hit && (counter === hit || counter.contains(hit));
    },
    undefined,
    { message: 'nothing to lie over the counter' },
  );
  const before = await counterValue(page);
  await page.click('#counter');
  await until(async () => (await counterValue(page)) === before + 1, 3000, `the counter to go from ${before} to ${before + 1}`);
  expect(page.problems).toEqual([]);
}

/** The tip for `id` in the page's host, as a selector for TestPage. */
export const tipSelector = (id: string) => `xc-troubleshooter >> [data-article-id="${id}"]`;
export const tipClose = (id: string) => `${tipSelector(id)} button[aria-label="Close tip"]`;
