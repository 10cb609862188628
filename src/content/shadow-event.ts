/**
 * The event page-world.iife.ts dispatches on a host element when an open shadow root is attached to it, and
 * the watcher listens for (bubbling and composed, so it reaches the document). Only its name crosses from
 * the page's world to the content script's.
 */
export const SHADOW_EVENT = 'xc-troubleshooter:shadow';
