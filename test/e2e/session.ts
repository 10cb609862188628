import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launch, type Session, type WorkerChrome } from './harness';

/**
 * One Chromium with the extension for a test file: launched before its tests, closed after them, and the
 * stored options back to their defaults before each test. Returns a getter for the session.
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
    await session!.worker.evaluate(() => (globalThis as unknown as { chrome: WorkerChrome }).chrome.storage.sync.clear());
  });
  return () => session!;
}
