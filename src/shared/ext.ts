import type { Browser } from 'webextension-polyfill';

/**
 * The extension API for code that also runs in the content script: the browser's own, promise-based in
 * both browsers (Firefox's `browser`; Chrome's `chrome`, whose Manifest V3 methods return promises). The
 * content script is parsed in every frame of every page load, so it does without the polyfill's weight; the
 * worker and the extension's pages import `webextension-polyfill` for the rest. Listeners registered here
 * answer through `sendResponse`, which the browsers and the polyfill all accept.
 */
export const ext: Browser = (globalThis as { browser?: Browser }).browser ?? (globalThis as unknown as { chrome: Browser }).chrome;
