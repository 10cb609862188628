/**
 * `npm start`: opens Chromium with dist/chrome loaded on the demo pages of test/fixtures, served on the
 * Adobe hosts by the same local router as the tests, so the tips can be seen without an Adobe login.
 * Close the browser window to stop.
 */
import { launch } from './harness';

const session = await launch({ headless: false });
const page = await session.open('https://experience.adobe.com/index.html');
await page.bringToFront();
console.log('Chromium is open on the demo pages. Close its window to stop.');
await new Promise<void>((done) => session.context.on('close', () => done()));
