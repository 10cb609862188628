import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, settle, tipIds, waitForTip, type Session } from './harness';

let session: Session;
beforeAll(async () => {
  session = await launch();
});
afterAll(async () => {
  await session?.close();
});

describe('in-page tips', () => {
  it('shows a tip beside a toast and keeps it after the toast goes', async () => {
    const page = await session.open('https://bank.demdex.com/aam/traits-toast.html?toastMs=300');
    await settle(page);
    expect(await tipIds(page)).toEqual([]);
    await page.click('#delete');
    await waitForTip(page, 'KA-21790');
    await page.waitForFunction(() => !document.querySelector('.toast'));
    await settle(page);
    expect(await tipIds(page)).toEqual(['KA-21790']);
    await page.close();
  });
});
