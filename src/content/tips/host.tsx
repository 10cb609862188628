import { render } from 'preact';
import type { TableArticle } from '../../shared/kb-types';
import type { Theme } from '../../shared/options';
import { HOST_TAG } from '../walk';
import { TIP_CSS } from './styles';
import { Tip, type TipActions, type TipModel } from './Tip';

/**
 * The one `<xc-troubleshooter>` element of a frame: an open shadow root holding the tips, rendered with
 * Preact. Tips sit by the error that raised them (below it, or above when there is no room) and fall back
 * to a docked stack in the corner when the error is gone or off-screen. A tip stays until it is closed.
 */

const TIP_WIDTH = 380;
const ROOM_NEEDED = 220;
const MAX_HEIGHT = 520;
const MODAL = 'dialog[open], [aria-modal="true"]';

interface ShownTip extends TipModel {
  anchor: WeakRef<Element> | null;
}

/** A tip's box: below the error (`top`) or above it (`bottom`), never taller than the room there. */
export interface Placement {
  top?: number;
  bottom?: number;
  left: number;
  maxHeight: number;
}

const GAP = 6;
const MARGIN = 8;

/** Where a tip goes for an error at `rect`, or null to dock it. Pure: tested in Node. */
export function placeTip(rect: { top: number; bottom: number; left: number; width: number; height: number }, viewport: { width: number; height: number }): Placement | null {
  if (rect.width === 0 && rect.height === 0) return null;
  if (rect.bottom < 0 || rect.top > viewport.height) return null;
  const left = Math.max(MARGIN, Math.min(rect.left, viewport.width - TIP_WIDTH - MARGIN));
  const below = viewport.height - rect.bottom - GAP - MARGIN;
  const above = rect.top - GAP - MARGIN;
  if (below >= ROOM_NEEDED || (below >= above && below > 120)) return { top: rect.bottom + GAP, left, maxHeight: Math.min(MAX_HEIGHT, below) };
  if (above >= 120) return { bottom: viewport.height - rect.top + GAP, left, maxHeight: Math.min(MAX_HEIGHT, above) };
  return null;
}

/** The page's own theme when it says (Spectrum's <sp-theme color>, CSS color-scheme), else the system's. */
export function pagePrefersDark(): boolean {
  const spectrum = document.querySelector('sp-theme')?.getAttribute('color');
  if (spectrum) return spectrum === 'dark' || spectrum === 'darkest';
  const scheme = getComputedStyle(document.documentElement).colorScheme;
  if (scheme === 'dark' || scheme === 'light') return scheme === 'dark';
  return matchMedia('(prefers-color-scheme: dark)').matches;
}

export class TipHost {
  private host: HTMLElement | null = null;
  private mount: HTMLElement | null = null;
  private tips: ShownTip[] = [];
  private nextKey = 1;
  private theme: Theme = 'auto';
  private frame = 0;

  constructor(
    private readonly actions: Omit<TipActions, 'close' | 'mute'> & { mute(id: string): void },
    private readonly signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.destroy());
    const reposition = () => {
      if (!this.frame && this.tips.some((t) => t.anchor)) this.frame = requestAnimationFrame(() => ((this.frame = 0), this.draw()));
    };
    addEventListener('scroll', reposition, { capture: true, passive: true, signal });
    addEventListener('resize', reposition, { passive: true, signal });
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.draw(), { signal });
  }

  get shownIds(): string[] {
    return this.tips.map((t) => t.article.id);
  }

  /** Shows a tip for `article`, unless one is already open: the same error again does not stack copies. */
  show(article: TableArticle, element: Element | null, text: string): void {
    if (this.signal.aborted || this.tips.some((t) => t.article.id === article.id)) return;
    this.tips.push({ key: this.nextKey++, article, text, seenAt: new Date(), anchor: element ? new WeakRef(element) : null });
    this.ensureHost(element);
    this.draw();
  }

  /** Removes the tips of articles that may no longer show (muted, product unpicked, tips off). */
  retain(keep: (articleId: string) => boolean): void {
    const before = this.tips.length;
    this.tips = this.tips.filter((t) => keep(t.article.id));
    if (this.tips.length !== before) this.draw();
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.draw();
  }

  private close(tip: TipModel): void {
    this.tips = this.tips.filter((t) => t.key !== tip.key);
    this.draw();
  }

  private ensureHost(near: Element | null): void {
    if (!this.host) {
      const host = document.createElement(HOST_TAG);
      const root = host.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = TIP_CSS;
      const mount = document.createElement('div');
      // key presses inside a tip are ours: the page's shortcuts must not see them
      for (const type of ['keydown', 'keyup', 'keypress']) mount.addEventListener(type, (e) => e.stopPropagation());
      root.append(style, mount);
      this.host = host;
      this.mount = mount;
    }
    // inside a modal, the tip goes into the dialog, or the modal's aria-hidden and top layer would hide it
    const modal = near?.closest(MODAL) ?? null;
    const parent = modal ?? document.body ?? document.documentElement;
    if (this.host.parentNode !== parent) parent.append(this.host);
  }

  private draw(): void {
    if (!this.mount || !this.host) return;
    if (!this.tips.length) {
      render(null, this.mount);
      this.host.remove();
      return;
    }
    if (!this.host.isConnected || (this.host.parentElement?.matches('dialog') && !this.host.parentElement.hasAttribute('open'))) {
      (document.body ?? document.documentElement).append(this.host);
    }
    const dark = this.theme === 'dark' || (this.theme === 'auto' && pagePrefersDark());
    const viewport = { width: innerWidth, height: innerHeight };
    const docked: ShownTip[] = [];
    const anchored: { tip: ShownTip; at: Placement }[] = [];
    const taken: { top: number; bottom: number; left: number }[] = [];
    for (const tip of this.tips) {
      const el = tip.anchor?.deref();
      let at = el?.isConnected ? placeTip(el.getBoundingClientRect(), viewport) : null;
      if (!el?.isConnected) tip.anchor = null;
      if (at) {
        // two errors close together: the later tip docks rather than cover the first
        const top = at.top ?? viewport.height - (at.bottom ?? 0) - at.maxHeight;
        const box = { top, bottom: top + at.maxHeight, left: at.left };
        if (taken.some((b) => b.left < box.left + TIP_WIDTH && box.left < b.left + TIP_WIDTH && b.top < box.bottom && box.top < b.bottom)) at = null;
        else taken.push(box);
      }
      if (at) anchored.push({ tip, at });
      else docked.push(tip);
    }
    const actions: TipActions = { ...this.actions, close: (t) => this.close(t), mute: (t) => (this.close(t), this.actions.mute(t.article.id)) };
    render(
      <div class={dark ? 'dark' : 'light'}>
        <div class={`stack${anchored.some(({ at }) => at.left + TIP_WIDTH / 2 > viewport.width / 2) ? ' left' : ''}`} aria-live="polite">
          {docked.map((tip) => (
            <Tip key={tip.key} tip={tip} actions={actions} />
          ))}
        </div>
        <div aria-live="polite">
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
      this.mount,
    );
  }

  private destroy(): void {
    cancelAnimationFrame(this.frame);
    if (this.mount) render(null, this.mount);
    this.host?.remove();
    this.host = null;
    this.mount = null;
    this.tips = [];
  }
}
