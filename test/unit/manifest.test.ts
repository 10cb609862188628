import { existsSync, readFileSync } from 'node:fs';
import { browserManifest } from '../../src/build/manifest';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WATCHED_HOSTS } from '../../src/shared/products';
import { ROOT } from '../paths';

type Manifest = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The built manifests: `npm test` builds before it runs the unit tests. */
const read = (browser: string): Manifest => {
  const file = join(ROOT, 'dist', browser, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
};
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const chrome = read('chrome');
const firefox = read('firefox');

describe('the built manifests', () => {
  for (const [name, manifest] of [['chrome', chrome], ['firefox', firefox]] as const) {
    describe(name, () => {
      it('is MV3 with the popup, the options page and the shortcut', () => {
        expect(manifest.manifest_version).toBe(3);
        expect(manifest.version).toBe(version); // package.json is the one place the version is written
        expect(manifest.action.default_popup).toBe('src/popup/index.html');
        expect(manifest.options_ui.page).toBe('src/options/index.html');
        expect(manifest.commands._execute_action.suggested_key.default).toBe('Alt+Shift+X');
      });

      it('has a shortcut to the newest tip, on keys the browsers leave free, and no permission for it', () => {
        expect(manifest.commands['focus-tip'].suggested_key).toEqual({ default: 'Alt+Shift+J', mac: 'MacCtrl+Shift+J' });
        expect(manifest.commands['focus-tip'].description).toMatch(/newest tip/);
        // Chromium's own Alt+Shift keys (focus the toolbar, bookmarks, inactive dialogs; feedback)
        const keys = Object.values(manifest.commands as Record<string, { suggested_key: Record<string, string> }>).flatMap((c) => Object.values(c.suggested_key));
        for (const taken of ['Alt+Shift+T', 'Alt+Shift+B', 'Alt+Shift+A', 'Alt+Shift+I']) expect(keys).not.toContain(taken);
        expect(new Set(keys).size).toBe(keys.length);
        expect(manifest.permissions).not.toContain('commands');
      });

      it('answers the address-bar keyword xc', () => {
        expect(manifest.omnibox).toEqual({ keyword: 'xc' });
      });

      it('asks for the least: storage, the page menu (a selection looked up), and the Adobe UI hosts for content scripts', () => {
        expect(manifest.permissions).toEqual(['storage', 'contextMenus']);
        expect(manifest.host_permissions ?? []).toEqual([]);
        for (const script of manifest.content_scripts) {
          expect(script.matches).toEqual([...WATCHED_HOSTS]);
          expect(script.all_frames).toBe(true);
          expect(script.match_about_blank).toBe(true);
        }
        expect(JSON.stringify(manifest)).not.toMatch(/<all_urls>|experienceleague|http:\/\//);
        expect(manifest.web_accessible_resources ?? []).toEqual([]);
      });

      it('ships self-contained content scripts: one page-world announcer, one isolated script', () => {
        const [page, main] = manifest.content_scripts;
        expect(page.world).toBe('MAIN');
        expect(page.js).toEqual(['src/content/page-world.iife.js']);
        expect(main.world).toBeUndefined();
        expect(main.js).toEqual(['src/content/main.iife.js']);
        const code = readFileSync(join(ROOT, 'dist', name, main.js[0]), 'utf8');
        expect(code).not.toMatch(/\bimport\s*\(|^import\s/m);
      });

      it('carries every icon it names', () => {
        for (const path of Object.values(manifest.icons) as string[]) expect(() => readFileSync(join(ROOT, 'dist', name, path))).not.toThrow();
      });
    });
  }

  it('chrome runs a service worker; firefox runs background scripts and names its gecko id', () => {
    expect(chrome.background.service_worker).toBeTruthy();
    expect(chrome.background.scripts).toBeUndefined();
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.background.service_worker).toBeUndefined();
    expect(firefox.background.scripts).toHaveLength(1);
    expect(firefox.browser_specific_settings.gecko).toEqual({ id: 'xc-troubleshooter@xc-troubleshooter.dev', strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } });
  });

  it('refuses a package version no browser accepts', () => {
    const source = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Manifest;
    expect(source.version).toBeUndefined();
    expect(browserManifest(source, 'chrome', '1.2.3').version).toBe('1.2.3');
    expect(() => browserManifest(source, 'firefox', '1.2.3-beta.1')).toThrow(/not a browser extension version/);
  });
});

describe('the built content script', () => {
  it('carries no detection table (the worker sends it with the first hello), so it does not grow with the knowledge base', () => {
    for (const browser of ['chrome', 'firefox']) {
      const script = readFileSync(join(ROOT, 'dist', browser, 'src/content/main.iife.js'), 'utf8');
      // the folded form of an error text, as the table holds it, and an article's title
      expect(script, browser).not.toContain('notallowedtodeleteduetosegmentsharingenabled');
      expect(script, browser).not.toContain('Not allowed to delete due to segment sharing enabled');
    }
  });
});
