import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { answer, NAME_SHIM } from '../serve';

/** Debian's Chromium unless told otherwise. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ChromiumSession {
  context: BrowserContext;
  /** The extension's id and service worker; both undefined when launched without an extension. */
  extensionId: string;
  worker: Worker;
  /** Requests refused because they went somewhere other than the fixtures: the extension must make none. */
  blocked: string[];
  open(url: string): Promise<Page>;
  /** Runs `fn` in the extension's service worker. */
  ext<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  close(): Promise<void>;
}

/**
 * Real Chromium with an unpacked extension loaded (or none, `extension: null`, for the benchmarks' baseline).
 * Requests to the Adobe hosts are answered from test/fixtures; every other request is refused.
 */
export async function launchChromium(options: { extension: string | null; headers?: Record<string, string>; headless?: boolean; viewport?: { width: number; height: number } }): Promise<ChromiumSession> {
  const { extension } = options;
  if (extension && !existsSync(join(extension, 'manifest.json'))) throw new Error(`${extension} has no manifest.json: run npm run build first`);
  const profile = mkdtempSync(join(tmpdir(), 'xc-profile-'));
  const args = ['--no-first-run', '--no-default-browser-check', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (extension) args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args,
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  await context.addInitScript({ content: NAME_SHIM });
  const blocked: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (/^(chrome-extension|data|about|blob):/.test(url)) return route.continue();
    const reply = answer(url, options.headers);
    if (!reply) {
      blocked.push(url);
      return route.abort('blockedbyclient');
    }
    return route.fulfill(reply);
  });
  const worker = extension ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }))) : (undefined as unknown as Worker);
  return {
    context,
    extensionId: worker ? new URL(worker.url()).host : '',
    worker,
    blocked,
    ext: (fn, arg) => worker.evaluate(fn as (arg: unknown) => never, arg),
    async open(url: string) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
