import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Browser } from 'webextension-polyfill';
import { launch, waitForTip, type Session, type TestFrame } from './harness';

declare const chrome: Browser;

/**
 * One browser with the extension for a test file: launched before its tests, closed after them, the stored
 * options back to their defaults before each test, and after each test a check that the extension's own code
 * reported no error and made no request. Returns a getter for the session.
 */
export function sessionPerFile(): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    session = await launch();
  });
  afterAll(async () => {
    await session?.close();
  });
  beforeEach(async () => {
    await session!.ext(() => chrome.storage.sync.clear());
  });
  afterEach(() => {
    const { errors, blocked } = session!;
    const report = { errors: errors.splice(0), blocked: blocked.splice(0) };
    expect(report).toEqual({ errors: [], blocked: [] });
  });
  return () => session!;
}

/** A known error that every default session shows a tip for, on any watched page. */
export const PROOF = { id: 'KA-17836', text: 'Access to this trait has been revoked' };

/**
 * Shows a known error on the page and waits for its tip: proof that the content script has read the page
 * up to now, so a missing tip asserted afterwards is missing for the right reason.
 */
export async function proveRead(page: TestFrame): Promise<void> {
  await page.evaluate((text) => {
    const note = document.createElement('div');
    note.setAttribute('role', 'alert');
    note.textContent = text;
    document.body.append(note);
  }, PROOF.text);
  await waitForTip(page, PROOF.id);
}
