/** Browser differences, applied to the one manifest.json at build time. */

export type Browser = 'chrome' | 'firefox';

export const GECKO_ID = 'xc-troubleshooter@xc-troubleshooter.dev';
/** data_collection_permissions needs Firefox 140 on desktop and 142 on Android; MAIN-world content scripts need 128. */
export const FIREFOX_MIN_VERSION = '142.0';

type Manifest = Record<string, unknown> & {
  background?: { service_worker?: string; scripts?: string[]; type?: string };
  content_scripts?: Record<string, unknown>[];
};

export function browserManifest(source: Manifest, browser: Browser): Manifest {
  const manifest: Manifest = structuredClone(source);
  if (browser === 'chrome') return manifest;
  const worker = manifest.background?.service_worker;
  manifest.background = { scripts: worker ? [worker] : [], type: 'module' };
  manifest.browser_specific_settings = {
    gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
  };
  return manifest;
}
