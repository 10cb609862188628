/**
 * The one manifest.json made into each browser's manifest at build time: the version from package.json
 * (the only place it is written), and the browser differences.
 */

export type Browser = 'chrome' | 'firefox';

export const GECKO_ID = 'xc-troubleshooter@xc-troubleshooter.dev';
/** data_collection_permissions needs Firefox 140 on desktop and 142 on Android; MAIN-world content scripts need 128. */
export const FIREFOX_MIN_VERSION = '142.0';

type Manifest = Record<string, unknown> & {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  content_scripts?: Record<string, unknown>[];
};

export function browserManifest(source: Manifest, browser: Browser, version: string): Manifest {
  if (!/^\d+(\.\d+){0,3}$/.test(version)) throw new Error(`package.json version ${version} is not a browser extension version (1 to 4 dot-separated numbers)`);
  const manifest: Manifest = { ...structuredClone(source), version };
  if (browser === 'chrome') return manifest;
  const worker = manifest.background?.service_worker;
  manifest.background = { scripts: worker ? [worker] : [], type: 'module' };
  manifest.browser_specific_settings = {
    gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
  };
  return manifest;
}
