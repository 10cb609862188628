/**
 * `npm start` (Chromium) or `npm start -- firefox`: opens the browser with the built extension on the demo
 * pages of test/fixtures, served on the Adobe hosts by the same local router as the tests, so the tips can
 * be seen without an Adobe login. Close the browser window to stop.
 */
import { join } from 'node:path';
import { ROOT } from '../paths';
import { launchChromium } from './drivers/chromium';
import { launchFirefox } from './drivers/firefox';
import { buildRealFixtures } from './real-fixtures';

const DEMO = 'https://experience.adobe.com/index.html';
const browser = process.argv[2] === 'firefox' ? 'firefox' : 'chromium';
await buildRealFixtures();

if (browser === 'firefox') {
  const session = await launchFirefox({ extension: join(ROOT, 'dist/firefox'), headless: false });
  const page = await session.newPage();
  await page.goto(DEMO);
  console.log('Firefox is open on the demo pages. Close its window to stop.');
  await new Promise<void>((done) => session.browser.on('disconnected', () => done()));
} else {
  const session = await launchChromium({ extension: join(ROOT, 'dist/chrome'), headless: false });
  const page = await session.open(DEMO);
  await page.bringToFront();
  console.log('Chromium is open on the demo pages. Close its window to stop.');
  await new Promise<void>((done) => session.context.on('close', () => done()));
}
