import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { answer, NAME_SHIM } from '../serve';

/** Debian's Firefox ESR unless told otherwise. */
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** A fixed UUID for the add-on, so its pages have a known moz-extension:// address. */
export const FIREFOX_UUID = '6b3c2d1e-5a1f-4c2e-9d7b-3c0ffee0c0de';

export interface FirefoxSession {
  browser: Browser;
  /** moz-extension://<uuid> */
  base: string;
  blocked: string[];
  /** A new tab whose requests are served from the fixtures. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Firefox ESR over WebDriver BiDi with the extension installed as a temporary add-on. The add-on's UUID is
 * fixed by a preference; `--remote-allow-system-access` lets the driver script moz-extension:// pages.
 * `dom.events.testing.asyncClipboard` lets a test read the clipboard without a person's paste gesture.
 */
export async function launchFirefox(options: { extension: string; headers?: Record<string, string>; headless?: boolean }): Promise<FirefoxSession> {
  const manifestFile = join(options.extension, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${options.extension} has no manifest.json: run npm run build first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
  const id = manifest.browser_specific_settings.gecko.id;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: options.headless ?? true,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: FIREFOX_UUID }),
      'dom.events.testing.asyncClipboard': true,
      'datareporting.policy.dataSubmissionEnabled': false,
      'browser.shell.checkDefaultBrowser': false,
    },
  });
  await browser.installExtension(options.extension);
  const blocked: string[] = [];
  return {
    browser,
    base: `moz-extension://${FIREFOX_UUID}`,
    blocked,
    async newPage() {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(NAME_SHIM);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = request.url();
        if (/^(moz-extension|data|about|blob):/.test(url)) return void request.continue();
        const reply = answer(url, options.headers);
        if (!reply) {
          blocked.push(url);
          return void request.abort('blockedbyclient');
        }
        return void request.respond({ status: reply.status, contentType: reply.contentType, body: reply.body, headers: reply.headers });
      });
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}
