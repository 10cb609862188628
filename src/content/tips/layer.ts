/**
 * Where the tips' host element lives, and what a tip must leave free.
 *
 * The host normally sits at the end of `<body>`. A modal hides everything outside it: React Aria marks the
 * other children of `<body>` `inert`, Coral marks them `aria-hidden`, a native `<dialog>` (Spectrum Web
 * Components' modal overlays use one) blocks the rest of the page and draws itself in the browser's top
 * layer, above any `z-index`. A tip for an error inside a modal therefore goes inside that modal: the host
 * moves into the overlay's own light DOM (where the library's focus trap and hiding leave it alone) and is
 * raised into the top layer as a manual popover, so it draws above the overlay and its underlay, free of the
 * overlay's transforms and clipping. When the overlay closes, the host goes back to `<body>`.
 */

/** The tips' host element's name (host.tsx makes it; the walk never reads inside it); never counted as the page a modal hides. */
export const HOST_TAG = 'xc-troubleshooter';

/** Containers a modal or other overlay draws its content in. */
const OVERLAY = 'dialog, [role=dialog], [role=alertdialog], [aria-modal="true"], coral-dialog, sp-overlay, sp-dialog-wrapper';

/** A dialog or form, whose every button a tip keeps clear of. */
const OWNER = 'dialog, [role=dialog], [role=alertdialog], sp-dialog, sp-alert-dialog, coral-dialog, form';

/** What a person presses or types in: a tip never covers it. */
const CONTROLS = [
  'button', '[role=button]', 'a[href]', 'input:not([type=hidden])', 'textarea', 'select', '[role=textbox]', '[role=combobox]',
  '[role=checkbox]', '[role=switch]', '[contenteditable="true"]', 'sp-button', 'sp-action-button', 'sp-close-button', 'sp-clear-button',
].join(', ');

/** Controls kept clear for one error; a component with more is a whole page. */
const MAX_CONTROLS = 24;
/** How far above the error to look for the component it belongs to. */
const LEVELS = 4;
/** Custom elements looked into (their open shadow roots) within one component. */
const MAX_SHADOW_HOSTS = 32;
/** Elements looked at for those custom elements. */
const MAX_SCANNED = 2000;
const MAX_DEPTH = 64;

/** The element's parent, crossing out of a shadow root to its host. */
export function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** True when an element appended to `el` is drawn: `el` has no shadow root, or one with a default slot. */
function takesChildren(el: Element): boolean {
  return !el.shadowRoot || el.shadowRoot.querySelector('slot:not([name])') !== null;
}

/**
 * The overlays an error at `el` is drawn in, innermost first, that the host can join: in the document's
 * own tree (never inside a component's shadow DOM, whose rendering is the component's), and drawing what is
 * appended to them.
 */
export function overlaysOf(el: Element): Element[] {
  const out: Element[] = [];
  for (let at: Element | null = el, depth = 0; at && depth < MAX_DEPTH; at = composedParent(at), depth++) {
    if (at.matches(OVERLAY) && at.getRootNode() === document && takesChildren(at)) out.push(at);
  }
  return out;
}

/**
 * True when `overlay` blocks the rest of the page: a modal dialog (native, or marked `aria-modal`), a
 * Spectrum Web Components modal overlay, or an overlay whose library marked the rest of `<body>` inert or
 * aria-hidden (React Aria, Coral). A toast or a popover that leaves the page usable does not: the host stays
 * in the page, where the tip outlives it.
 */
export function blocksPage(overlay: Element): boolean {
  if (overlay.matches('[aria-modal="true"], dialog:modal, sp-overlay[type="modal"], sp-overlay[type="page"]')) return true;
  if (overlay.shadowRoot?.querySelector('dialog:modal')) return true;
  let top = overlay;
  while (top.parentElement && top.parentElement !== document.body) top = top.parentElement;
  for (const other of document.body?.children ?? []) {
    if (other !== top && other.localName !== HOST_TAG && (other.hasAttribute('inert') || other.getAttribute('aria-hidden') === 'true')) return true;
  }
  return false;
}

/** True when `el` is drawn: connected and given a box (an ancestor with `display: none` gives none). */
export function isDrawn(el: Element): boolean {
  if (!el.isConnected) return false;
  if (typeof el.checkVisibility === 'function') return el.checkVisibility();
  return el.getClientRects().length > 0;
}

/**
 * Raises the host into the top layer (inside an overlay) or lets it down (in the page). Moving the host
 * takes it out of the top layer; shown again, it comes above every overlay open before it.
 */
function setTopLayer(host: HTMLElement, raised: boolean): void {
  if (typeof host.showPopover !== 'function') return;
  try {
    if (raised) {
      if (!host.hasAttribute('popover')) host.popover = 'manual';
      if (!host.matches(':popover-open')) host.showPopover();
    } else if (host.hasAttribute('popover')) {
      if (host.matches(':popover-open')) host.hidePopover();
      host.removeAttribute('popover');
    }
  } catch {
    // a browser that refuses (an element being moved): the host is still in the overlay's tree
  }
}

/** Whatever marks the page behind a modal must not reach the host itself. */
function unhide(host: HTMLElement): void {
  if (host.hasAttribute('inert')) host.removeAttribute('inert');
  if (host.getAttribute('aria-hidden') === 'true') host.removeAttribute('aria-hidden');
}

/**
 * Puts the host in `overlay` right after the part of it that holds the error: inside the range a focus trap
 * cycles through (Coral's ends with a tab catcher of its own, which must stay last), next to what the tip
 * explains in the tab order. The host only ever goes between the overlay's children, never into a
 * component's own markup, and libraries place their nodes by reference to their own siblings.
 */
function joinOverlay(host: HTMLElement, overlay: Element, error: Element): void {
  let part: Element | null = error;
  while (part && part.parentElement !== overlay) part = composedParent(part);
  if (part && part.parentElement === overlay) part.after(host);
  else overlay.append(host);
}

/**
 * Puts the host where the tips shown can be used: inside the innermost open overlay among `near` (the
 * overlays that block the page and hold the tips' errors, newest first, each with its error), else at the
 * end of `<body>`, where whatever a library marked it with is the library's to take back. Returns the
 * overlay, or null.
 */
export function placeHost(host: HTMLElement, near: readonly { overlay: Element; error: Element }[]): Element | null {
  for (const { overlay, error } of near) {
    if (!isDrawn(overlay) && overlay.matches('dialog, coral-dialog, [role=dialog], [role=alertdialog]')) continue;
    if (host.parentNode !== overlay) joinOverlay(host, overlay, error);
    unhide(host);
    // a tab stop in a modal: its focus trap (React Aria's walks the dialog's tab stops) then reaches the tips
    host.tabIndex = 0;
    setTopLayer(host, true);
    if (isDrawn(host)) return overlay;
  }
  const page = document.body ?? document.documentElement;
  if (host.parentNode !== page) {
    setTopLayer(host, false);
    page.append(host);
  } else setTopLayer(host, false);
  host.removeAttribute('tabindex');
  return null;
}

/** Controls inside `root` and inside the open shadow roots of the first custom elements in it. */
function controlsIn(root: Element, into: Set<Element>): void {
  for (const el of root.querySelectorAll(CONTROLS)) into.add(el);
  const hosts: Element[] = root.shadowRoot ? [root] : [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let seen = 0; walker.nextNode() && seen < MAX_SCANNED && hosts.length < MAX_SHADOW_HOSTS; seen++) {
    if ((walker.currentNode as Element).shadowRoot) hosts.push(walker.currentNode as Element);
  }
  for (const el of hosts) for (const inner of el.shadowRoot!.querySelectorAll(CONTROLS)) into.add(inner);
}

/**
 * The controls of the component an error at `el` belongs to, which its tip must leave free: every button of
 * its dialog or form; otherwise the controls of the nearest element around it that has any (an alert's or a
 * toast's close button, the field an inline message is about), within a few levels. The nearest first, at
 * most MAX_CONTROLS.
 */
export function controlsNear(el: Element): Element[] {
  const found = new Set<Element>();
  let at: Element | null = el;
  for (let level = 0; at && level <= LEVELS; level++, at = composedParent(at)) {
    if (at === document.body || at === document.documentElement) break;
    const owner = at.matches(OWNER);
    controlsIn(at, found);
    if (owner || found.size > 0) break;
  }
  found.delete(el);
  const box = el.getBoundingClientRect();
  const middle = (box.top + box.bottom) / 2;
  const distance = (c: Element) => {
    const r = c.getBoundingClientRect();
    return Math.abs((r.top + r.bottom) / 2 - middle);
  };
  return [...found].sort((a, b) => distance(a) - distance(b)).slice(0, MAX_CONTROLS);
}
