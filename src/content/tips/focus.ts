/**
 * The tips for people who use a keyboard or a screen reader. A tip never takes the focus by itself; the
 * keyboard shortcut moves it to the newest tip, and Escape inside a tip gives it back to where it was. The
 * focus stays on the same tip and control when the tip is drawn again elsewhere (it docks once its error
 * goes). A screen reader hears each tip's title once, when it appears, from a polite live region of its
 * own: the tips themselves are not live, so redrawing one announces nothing again.
 */

/** The focused element, looked for inside shadow roots too (the tips live in one). */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

const FOCUSABLE = 'button, a[href], input, textarea, select, [tabindex]:not([tabindex="-1"])';

export class TipKeyboard {
  /** The live region: visually hidden, its text set once per tip shown. */
  readonly announcer: HTMLElement;
  /** Where the focus was before the shortcut brought it to a tip. */
  private returnTo: WeakRef<Element> | null = null;

  constructor(private readonly mount: () => HTMLElement | null) {
    this.announcer = document.createElement('div');
    this.announcer.className = 'announcer';
    this.announcer.setAttribute('role', 'status');
    this.announcer.setAttribute('aria-live', 'polite');
  }

  /** Says a new tip's title. */
  announce(title: string): void {
    this.announcer.textContent = `Tip: ${title}`;
  }

  private tips(): HTMLElement[] {
    return [...(this.mount()?.querySelectorAll<HTMLElement>('.tip[data-tip-key]') ?? [])];
  }

  /**
   * Moves the focus to the newest tip (the last shown); false when there is none. `from` is where the focus
   * came from, when it is no longer the focused element (the host itself took it, from a modal's Tab).
   */
  focusNewest(from?: Element | null): boolean {
    const tips = this.tips();
    if (!tips.length) return false;
    const newest = tips.reduce((a, b) => (Number(b.dataset.tipKey) > Number(a.dataset.tipKey) ? b : a));
    const active = from === undefined ? deepActiveElement() : from;
    const mount = this.mount();
    if (active && active !== document.body && !mount?.contains(active)) this.returnTo = new WeakRef(active);
    newest.focus();
    return true;
  }

  /** Escape inside a tip: the focus goes back where the shortcut took it from, or leaves the tip. */
  onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if (!this.giveBack()) (deepActiveElement() as HTMLElement | null)?.blur();
  }

  private giveBack(): boolean {
    const back = this.returnTo?.deref();
    this.returnTo = null;
    if (!back?.isConnected || typeof (back as HTMLElement).focus !== 'function') return false;
    (back as HTMLElement).focus();
    return true;
  }

  /**
   * Notes which tip and control hold the focus before the tips are drawn again; the returned function puts
   * the focus back on them if the drawing moved the tip (a moved tip is a new element).
   */
  keep(): () => void {
    const active = deepActiveElement();
    const tip = active && this.mount()?.contains(active) ? active.closest<HTMLElement>('.tip[data-tip-key]') : null;
    if (!active || !tip) return () => undefined;
    const key = tip.dataset.tipKey;
    const index = active === tip ? -1 : [...tip.querySelectorAll(FOCUSABLE)].indexOf(active);
    return () => {
      if (active.isConnected) return;
      const again = this.tips().find((el) => el.dataset.tipKey === key);
      // the tip was closed: the focus goes back where the shortcut took it from
      if (!again) return this.giveBack();
      const target = index < 0 ? again : again.querySelectorAll<HTMLElement>(FOCUSABLE)[index];
      (target ?? again).focus();
    };
  }
}
