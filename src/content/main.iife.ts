import { requestIdle } from './idle';
import { ALERT_SELECTOR } from './places';

/**
 * The content script's entry, injected at document_idle into every frame of the Adobe hosts. It does
 * nothing until the page has loaded and the browser is idle: only then is the rest of the script (the
 * watcher, the matcher and its table, the tips) evaluated, through the import below, which the build
 * keeps in this one file but runs only when called. A page load thus pays for parsing this file and a
 * look-out for alerts, no more; an alert shown meanwhile starts the rest at once.
 */

/** Longest wait for an idle moment after the page's load before starting anyway: a live page is never idle. */
const START_TIMEOUT = 1000;

/**
 * A frame drawn at no size (hidden with display: none, as sign-in and ID-sync frames are) has nothing a
 * person can see: it starts once it is given a size, which it is told by a resize event, if ever.
 */
function whenDrawn(run: () => void): void {
  if (window === window.top || (innerWidth > 0 && innerHeight > 0)) return run();
  addEventListener('resize', () => whenDrawn(run), { once: true });
}

/** Nodes looked at per batch of changes by the look-out: a page building itself adds thousands at once. */
const LOOKOUT_NODES = 200;

/** Whether an added or changed node is, holds or sits in an alert. */
function isAlert(node: Node): boolean {
  const el = node.nodeType === 1 ? (node as Element) : null;
  if (el && (el.matches(ALERT_SELECTOR) || (el.firstElementChild !== null && el.querySelector(ALERT_SELECTOR) !== null))) return true;
  return !!node.parentElement?.closest(ALERT_SELECTOR);
}

/**
 * Until the script starts, an alert the page shows (a toast, an error dialog: what a person waits on) starts
 * it at once, with no wait for the load or an idle moment: a busy page is never idle, and its first error
 * would otherwise wait out START_TIMEOUT. Looks at a bounded number of nodes per batch of changes.
 */
function lookout(startNow: () => void): MutationObserver {
  const observer = new MutationObserver((records) => {
    let looked = 0;
    for (const record of records) {
      for (const node of record.type === 'characterData' ? [record.target] : record.addedNodes) {
        if (isAlert(node)) return startNow();
        if (++looked >= LOOKOUT_NODES) return;
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  return observer;
}

function whenPageIdle(run: () => void): void {
  if (!document.documentElement || document.contentType !== 'text/html') return;
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    watching.disconnect();
    run();
  };
  const watching: MutationObserver = lookout(() => {
    watching.disconnect();
    whenDrawn(once);
  });
  const go = () => whenDrawn(() => requestIdle(once, START_TIMEOUT));
  // a frame waits for its top page's load too, where it may see it (same origin): the unified shell loads
  // its products in frames, and the whole page is the load
  const afterTop = () => {
    try {
      if (window.top && window.top !== window && window.top.document.readyState !== 'complete') {
        window.top.addEventListener('load', go, { once: true });
        return;
      }
    } catch {
      // a cross-origin top page: its load is not ours to see
    }
    go();
  };
  if (document.readyState === 'complete') afterTop();
  else addEventListener('load', afterTop, { once: true });
}

whenPageIdle(() => void import('./app').then((app) => app.start()));
