import { requestIdle } from './idle';

/**
 * The content script's entry, injected at document_idle into every frame of the Adobe hosts. It does
 * nothing until the page has loaded and the browser is idle: only then is the rest of the script (the
 * watcher, the matcher and its table, the tips) evaluated, through the import below, which the build
 * keeps in this one file but runs only when called. A page load thus pays for parsing this file, no more.
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

function whenPageIdle(run: () => void): void {
  if (!document.documentElement || document.contentType !== 'text/html') return;
  const go = () => whenDrawn(() => requestIdle(run, START_TIMEOUT));
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
