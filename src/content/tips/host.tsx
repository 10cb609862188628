import { render } from 'preact';
import type { TableArticle } from '../../shared/kb-types';
import type { Theme } from '../../shared/options';
import { TipKeyboard } from './focus';
import { blocksPage, controlsNear, HOST_TAG, isDrawn, overlaysOf, placeHost } from './layer';
import { MAX_HEIGHT, TIP_CSS, TIP_WIDTH } from './styles';
import { Tip, type TipActions, type TipModel } from './Tip';

/**
 * The one `<xc-troubleshooter>` element of a frame: an open shadow root holding the tips, rendered with
 * Preact. Tips sit by the error that raised them (below it, or above it, never over the controls of the
 * component the error belongs to: a dialog's buttons, an alert's close button, the field being fixed) and
 * dock in a stack in the corner when there is no such room, or at the next frame once the error is gone or
 * hidden. An error inside a modal takes the host into the modal (layer.ts). A tip stays until it is closed.
 */

/** The element's name (its one home is layer.ts, which needs it too). */
export { HOST_TAG };

const ROOM_NEEDED = 220;
/** The least room beside an error worth anchoring a tip in; less and it docks. */
const ROOM_MIN = 120;
/** A tip's height before it was first measured: its title, summary and buttons. */
const FIRST_HEIGHT = 200;

interface ShownTip extends TipModel {
  anchor: WeakRef<Element> | null;
  /** The overlays the error is drawn in, innermost first: where the host goes while the error shows. */
  overlays: Element[];
  /** The controls of the error's component, which the tip leaves free. */
  clear: WeakRef<Element>[];
  /** The tip's own height when last drawn, in pixels. */
  height: number;
}

/** A tip's box: below the error (`top`) or above it (`bottom`), never taller than the room there. */
export interface Placement {
  top?: number;
  bottom?: number;
  left: number;
  maxHeight: number;
}

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const GAP = 6;
const MARGIN = 8;

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * Where a tip goes for an error at `rect`, or null to dock it: below when there is room, else above, and
 * never over a box in `keepClear` (the buttons of the error's dialog). `height` is the tip's own height,
 * as far as it is known. Pure: tested in Node.
 */
export function placeTip(
  rect: { top: number; bottom: number; left: number; width: number; height: number },
  viewport: { width: number; height: number },
  keepClear: Box[] = [],
  height = FIRST_HEIGHT,
): Placement | null {
  if (rect.width === 0 && rect.height === 0) return null;
  if (rect.bottom < 0 || rect.top > viewport.height) return null;
  const left = Math.max(MARGIN, Math.min(rect.left, viewport.width - TIP_WIDTH - MARGIN));
  const below = viewport.height - rect.bottom - GAP - MARGIN;
  const above = rect.top - GAP - MARGIN;
  const belowBox = (): Placement => ({ top: rect.bottom + GAP, left, maxHeight: Math.min(MAX_HEIGHT, below) });
  const aboveBox = (): Placement => ({ bottom: viewport.height - rect.top + GAP, left, maxHeight: Math.min(MAX_HEIGHT, above) });
  const clear = (at: Placement) => {
    const h = Math.min(height, at.maxHeight);
    const top = at.top ?? viewport.height - at.bottom! - h;
    const box = { top, bottom: top + h, left, right: left + TIP_WIDTH };
    return !keepClear.some((b) => overlaps(box, b));
  };
  const order = below >= ROOM_NEEDED || (below >= above && below > ROOM_MIN) ? ['below', 'above'] : ['above', 'below'];
  for (const side of order) {
    const room = side === 'below' ? below : above;
    if (room < ROOM_MIN) continue;
    const at = side === 'below' ? belowBox() : aboveBox();
    if (clear(at)) return at;
  }
  return null;
}

/** Where the stack of docked tips goes: its corner, and how far above the bottom edge. */
export interface Dock {
  left: boolean;
  bottom: number;
}

/** The docked stack's distance from the viewport's edges (styles.ts draws it there). */
const DOCK_EDGE = 16;

/**
 * Where the stack of docked tips (`heights`, the tips' own heights) goes so that it covers none of the
 * controls in `keepClear`: the corner `preferLeft` names, else the other, else raised above the controls
 * in its way in the preferred corner. Pure: tested in Node.
 */
export function dockStack(viewport: { width: number; height: number }, heights: readonly number[], keepClear: readonly Box[], preferLeft: boolean): Dock {
  const height = heights.reduce((sum, h) => sum + Math.min(h, MAX_HEIGHT), 0) + Math.max(0, heights.length - 1) * 8;
  const width = Math.min(TIP_WIDTH, viewport.width - 2 * DOCK_EDGE);
  const boxAt = (left: boolean, bottom: number): Box => {
    const x = left ? DOCK_EDGE : viewport.width - DOCK_EDGE - width;
    return { top: viewport.height - bottom - height, bottom: viewport.height - bottom, left: x, right: x + width };
  };
  const sides = [preferLeft, !preferLeft];
  for (const left of sides) {
    const box = boxAt(left, DOCK_EDGE);
    if (!keepClear.some((b) => overlaps(box, b))) return { left, bottom: DOCK_EDGE };
  }
  const box = boxAt(preferLeft, DOCK_EDGE);
  const inTheWay = keepClear.filter((b) => b.left < box.right && box.left < b.right && b.bottom > box.top);
  const above = Math.max(...inTheWay.map((b) => viewport.height - b.top + GAP));
  return { left: preferLeft, bottom: Math.min(above, Math.max(DOCK_EDGE, viewport.height - height - DOCK_EDGE)) };
}

/** The page's own theme when it says (Spectrum's <sp-theme color>, CSS color-scheme), else the system's. */
export function pagePrefersDark(): boolean {
  const spectrum = document.querySelector('sp-theme')?.getAttribute('color');
  if (spectrum) return spectrum === 'dark' || spectrum === 'darkest';
  const scheme = getComputedStyle(document.documentElement).colorScheme;
  if (scheme === 'dark' || scheme === 'light') return scheme === 'dark';
  return matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The boxes on screen of the controls a tip leaves free. */
function boxesOf(controls: readonly WeakRef<Element>[]): Box[] {
  const boxes: Box[] = [];
  for (const ref of controls) {
    const r = ref.deref()?.getBoundingClientRect();
    if (r && (r.width || r.height)) boxes.push({ top: r.top, bottom: r.bottom, left: r.left, right: r.right });
  }
  return boxes;
}

export class TipHost {
  private host: HTMLElement | null = null;
  private mount: HTMLElement | null = null;
  private tips: ShownTip[] = [];
  private nextKey = 1;
  private theme: Theme = 'auto';
  private dark: boolean | null = null;
  private frame = 0;
  /** Tells when an anchor leaves the page or stops being drawn: its box goes to nothing. */
  private readonly anchors: ResizeObserver | null;
  /** Tells each tip's own height once drawn, so an anchored tip is placed by its real size. */
  private readonly sizes: ResizeObserver | null;
  private readonly sized = new WeakSet<Element>();
  /** Tells when the page marks the host inert or aria-hidden: a modal has opened. */
  private readonly marks = new MutationObserver(() => this.tips.length && this.draw());
  /** The keyboard shortcut's focus, Escape, and the announcement of each new tip. */
  private readonly keyboard = new TipKeyboard(() => this.mount);

  constructor(
    private readonly actions: Omit<TipActions, 'close' | 'mute'> & { mute(id: string): void; shown?(): void },
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.destroy());
    addEventListener('scroll', () => this.redrawSoon(), { capture: true, passive: true, signal });
    addEventListener('resize', () => this.redrawSoon(), { passive: true, signal });
    // a dialog that slides or fades into place moves its error without resizing it: the tip follows once it has settled
    for (const type of ['transitionend', 'animationend']) addEventListener(type, () => this.redrawSoon(), { capture: true, passive: true, signal });
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => ((this.dark = null), this.draw()), { signal });
    // their callbacks run after layout and before paint: a tip docks in the very frame its error leaves,
    // and takes its real height before it is first seen
    const observer = (callback: ResizeObserverCallback) => (typeof ResizeObserver === 'function' ? new ResizeObserver(callback) : null);
    this.anchors = observer((entries) => {
      if (entries.some((e) => !e.target.isConnected || (e.contentRect.width === 0 && e.contentRect.height === 0))) this.draw();
    });
    this.sizes = observer(() => this.measure());
  }

  /**
   * Runs the tip's first render and puts the (empty) host with its style sheet in the page, in idle time,
   * so the first real tip of the page costs no cold code and no new style sheet. Nothing shows.
   */
  warm(sample: TableArticle): void {
    if (this.signal.aborted) return;
    this.ensureHost();
    const scratch = document.createElement('div');
    const model: TipModel = { key: 0, article: sample, text: '', seenAt: new Date() };
    const idle: TipActions = { loadArticle: async () => null, open: () => undefined, copyDetails: async () => false, close: () => undefined, mute: () => undefined, record: () => undefined, others: async () => [], pageUrl: () => '' };
    render(<Tip tip={model} actions={idle} />, scratch);
    render(null, scratch);
    placeTip({ top: 10, bottom: 20, left: 10, width: 10, height: 10 }, { width: innerWidth, height: innerHeight }, []);
    this.dark = this.prefersDark();
    this.draw();
  }

  /** Shows a tip for `article`, unless one is already open: the same error again does not stack copies. */
  show(article: TableArticle, element: Element | null, text: string): void {
    if (this.signal.aborted || this.tips.some((t) => t.article.id === article.id)) return;
    const overlays = element ? overlaysOf(element) : [];
    const clear = element ? controlsNear(element).map((c) => new WeakRef(c)) : [];
    this.tips.push({ key: this.nextKey++, article, text, seenAt: new Date(), anchor: element ? new WeakRef(element) : null, overlays, clear, height: FIRST_HEIGHT });
    if (element) this.anchors?.observe(element);
    this.ensureHost();
    this.draw();
    this.keyboard.announce(article.title);
    this.actions.shown?.();
  }

  /** The keyboard shortcut: the focus goes to the newest tip; false when there is none. */
  focusNewest(): boolean {
    return this.keyboard.focusNewest();
  }

  /** Removes the tips of articles that may no longer show (muted, product unpicked, tips off). */
  retain(keep: (articleId: string) => boolean): void {
    const before = this.tips.length;
    this.tips = this.tips.filter((t) => keep(t.article.id));
    if (this.tips.length !== before) this.draw();
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.dark = null;
    this.draw();
  }

  private close(tip: TipModel): void {
    this.tips = this.tips.filter((t) => t.key !== tip.key);
    this.draw();
  }

  private prefersDark(): boolean {
    return this.theme === 'dark' || (this.theme === 'auto' && pagePrefersDark());
  }

  private redrawSoon(): void {
    if (!this.frame && this.tips.some((t) => t.anchor)) this.frame = requestAnimationFrame(() => ((this.frame = 0), this.draw()));
  }

  private ensureHost(): void {
    if (!this.host) {
      const host = document.createElement(HOST_TAG);
      const root = host.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = TIP_CSS;
      const mount = document.createElement('div');
      // key presses inside a tip are ours: the page's shortcuts must not see them
      for (const type of ['keydown', 'keyup', 'keypress']) mount.addEventListener(type, (e) => e.stopPropagation());
      mount.addEventListener('keydown', (e) => this.keyboard.onKeyDown(e));
      // inside a modal the host is a tab stop (layer.ts), so a focus trap's Tab reaches the tips: it passes
      // the focus on to the newest tip, as the keyboard shortcut does
      // (a focus inside the tips reaches the host retargeted: only the host's own focus leaves no active element in its root)
      host.addEventListener('focus', (e) => {
        if (!root.activeElement) this.keyboard.focusNewest(e.relatedTarget instanceof Element ? e.relatedTarget : null);
      });
      root.append(style, mount, this.keyboard.announcer);
      this.host = host;
      // a modal's library marks the rest of the page (this host too) inert or aria-hidden once it has opened,
      // often after its error was shown: the tips then follow the error into the modal
      this.marks.observe(host, { attributes: true, attributeFilter: ['inert', 'aria-hidden'] });
      this.mount = mount;
    }
  }

  /**
   * Keeps the host where its tips can be used: in the overlay of the newest error still drawn inside one
   * (a modal hides and blocks the rest of the page), else in the page; a closed overlay gives it back.
   */
  private home(host: HTMLElement): void {
    const near: { overlay: Element; error: Element }[] = [];
    for (let i = this.tips.length - 1; i >= 0; i--) {
      const { overlays, anchor } = this.tips[i];
      const error = overlays.length ? anchor?.deref() : undefined;
      if (!error || !isDrawn(error)) continue;
      for (const overlay of overlays) if (blocksPage(overlay) && !near.some((n) => n.overlay === overlay)) near.push({ overlay, error });
    }
    if (near.length ? host.parentNode === near[0].overlay && isDrawn(host) : host.parentNode === (document.body ?? document.documentElement)) return;
    placeHost(host, near);
  }

  private draw(): void {
    const { mount, host } = this;
    if (!mount || !host) return;
    this.home(host);
    this.dark ??= this.prefersDark();
    const { docked, anchored, keepClear } = this.layout();
    const preferLeft = anchored.some(({ at }) => at.left + TIP_WIDTH / 2 > innerWidth / 2);
    const dock = dockStack({ width: innerWidth, height: innerHeight }, docked.map((t) => t.height), keepClear, preferLeft);
    const actions: TipActions = { ...this.actions, close: (t) => this.close(t), mute: (t) => (this.close(t), this.actions.mute(t.article.id)) };
    const keepFocus = this.keyboard.keep();
    render(
      <div class={this.dark ? 'dark' : 'light'}>
        <div class={`stack${dock.left ? ' left' : ''}`} style={dock.bottom === DOCK_EDGE ? undefined : { bottom: `${dock.bottom}px` }}>
          {docked.map((tip) => (
            <Tip key={tip.key} tip={tip} actions={actions} />
          ))}
        </div>
        <div>
          {anchored.map(({ tip, at }) => (
            <div
              key={tip.key}
              class="anchored"
              style={{ position: 'fixed', top: at.top === undefined ? 'auto' : `${at.top}px`, bottom: at.bottom === undefined ? 'auto' : `${at.bottom}px`, left: `${at.left}px`, zIndex: 2147483647, '--max-height': `${at.maxHeight}px` }}
            >
              <Tip tip={tip} actions={actions} />
            </div>
          ))}
        </div>
      </div>,
      mount,
    );
    keepFocus();
    mount.querySelectorAll('.tip[data-article-id]').forEach((el) => {
      if (this.sized.has(el)) return;
      this.sized.add(el);
      this.sizes?.observe(el);
    });
  }

  /** Which tips sit by their error and where, which dock, and the controls of the errors still shown (the dock keeps them clear too). */
  private layout(): { docked: ShownTip[]; anchored: { tip: ShownTip; at: Placement }[]; keepClear: Box[] } {
    const viewport = { width: innerWidth, height: innerHeight };
    const docked: ShownTip[] = [];
    const anchored: { tip: ShownTip; at: Placement }[] = [];
    const taken: Box[] = [];
    const keepClear: Box[] = [];
    for (const tip of this.tips) {
      const el = tip.anchor?.deref();
      if (el && !el.isConnected) {
        this.anchors?.unobserve(el);
        tip.anchor = null;
      }
      const clear = el?.isConnected ? boxesOf(tip.clear) : [];
      keepClear.push(...clear);
      let at = el?.isConnected ? placeTip(el.getBoundingClientRect(), viewport, clear, tip.height) : null;
      if (at) {
        // two errors close together: the later tip docks rather than cover the first
        const h = Math.min(tip.height, at.maxHeight);
        const top = at.top ?? viewport.height - (at.bottom ?? 0) - h;
        const box = { top, bottom: top + h, left: at.left, right: at.left + TIP_WIDTH };
        if (taken.some((b) => overlaps(b, box))) at = null;
        else taken.push(box);
      }
      if (at) anchored.push({ tip, at });
      else docked.push(tip);
    }
    return { docked, anchored, keepClear };
  }

  /** Notes each tip's natural height (capped as drawn); an anchored tip whose height changed is placed again. */
  private measure(): void {
    if (!this.mount) return;
    let changed = false;
    const heights = new Map<string, number>();
    this.mount.querySelectorAll<HTMLElement>('.tip[data-article-id]').forEach((el) => heights.set(el.dataset.articleId ?? '', Math.min(MAX_HEIGHT, el.scrollHeight)));
    for (const tip of this.tips) {
      const height = heights.get(tip.article.id);
      if (height && Math.abs(height - tip.height) > 4) {
        tip.height = height;
        changed ||= tip.anchor !== null;
      }
    }
    if (changed) this.draw();
  }

  private destroy(): void {
    cancelAnimationFrame(this.frame);
    this.anchors?.disconnect();
    this.sizes?.disconnect();
    this.marks.disconnect();
    if (this.mount) render(null, this.mount);
    this.host?.remove();
    this.host = null;
    this.mount = null;
    this.tips = [];
  }
}
