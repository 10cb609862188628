import { describe, expect, it } from 'vitest';
import { until, type TestPage } from './harness';
import { openReal, tipClose } from './real';
import { sessionPerFile } from './session';

/**
 * A tip is usable wherever its error is, on pages built from Adobe's real UI libraries: inside React
 * Spectrum's AlertDialog (React Aria makes everything outside the dialog `inert`), Spectrum Web Components'
 * modal overlay (drawn in the browser's top layer, with an underlay), Coral's modal dialog (Coral sets
 * `aria-hidden` on the other children of <body>) and beside Coral's alert and SWC's banner. For each: the tip
 * and every ancestor of it (through shadow roots) are neither inert nor aria-hidden; it is visible and the
 * topmost element at its centre; its close button is pressable with a trusted click and with the keyboard
 * (Tab reaches it inside the modal's focus trap, Enter activates it); its box leaves the component's own
 * controls clear; and once the person closes the modal, no tip is left in the hidden dialog and none left
 * inert or hidden. Each check is a soft assertion, so a run lists every one that fails.
 */

const current = sessionPerFile();

interface TipReport {
  /** How many tips for the article there are, in every tip host of the page (light DOM, shadow roots). */
  count: number;
  /** The tip and its ancestors (through shadow roots) that are inert. */
  inert: string[];
  /** The tip and its ancestors that are aria-hidden="true". */
  ariaHidden: string[];
  visible: boolean;
  /** What a person's pointer reaches at the tip's centre and at its close button's centre ('' when it is the tip). */
  coveredAtCentre: string;
  coveredAtClose: string;
  /** The component's controls the tip's box intersects. */
  overlaps: string[];
  /** Tips inside the given (closed) component. */
  insideComponent: number;
  /** Where the tip's host is: its ancestors, nearest first (for the failure messages). */
  host: string;
}

/**
 * Inspects the tip for `id` in the page. Selectors are CSS, or parts joined by ` >> ` reaching into the
 * shadow roots of the matches before (as TestPage's).
 */
function inspect(page: TestPage, id: string, controls: string[], component = ''): Promise<TipReport> {
  return page.evaluate(
    ([articleId, controlSelectors, componentSelector]) => {
      const trees = (start: Document | Element | ShadowRoot): (Document | Element | ShadowRoot)[] => {
        const out = [start];
        for (let i = 0; i < out.length; i++) for (const el of out[i].querySelectorAll('*')) if (el.shadowRoot) out.push(el.shadowRoot);
        return out;
      };
      const find = (selector: string): Element[] => {
        let scopes: (Document | Element)[] = [document];
        for (const part of selector.split(' >> ')) {
          const next: Element[] = [];
          for (const scope of scopes) {
            const starts = scope instanceof Element && scope.shadowRoot ? [scope, scope.shadowRoot] : [scope];
            for (const start of starts) for (const tree of trees(start)) for (const el of tree.querySelectorAll(part)) if (!next.includes(el)) next.push(el);
          }
          scopes = next;
        }
        return scopes as Element[];
      };
      const describe = (el: Element) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (el.classList.length ? `.${[...el.classList].slice(0, 2).join('.')}` : '');
      const parent = (node: Node): Node | null => node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
      const chain = (el: Element): Element[] => {
        const out: Element[] = [];
        for (let node: Node | null = el; node; node = parent(node)) if (node instanceof Element) out.push(node);
        return out;
      };
      const deepHit = (x: number, y: number): Element | null => {
        let hit = document.elementFromPoint(x, y);
        while (hit?.shadowRoot) {
          const inner = hit.shadowRoot.elementFromPoint(x, y);
          if (!inner || inner === hit) break;
          hit = inner;
        }
        return hit;
      };
      const coveredAt = (target: Element | undefined): string => {
        if (!target) return 'no such element';
        const box = target.getBoundingClientRect();
        const hit = deepHit(box.left + box.width / 2, box.top + box.height / 2);
        if (hit && chain(hit).includes(target)) return '';
        return hit ? describe(hit) : 'nothing (off screen)';
      };
      const tips = find(`xc-troubleshooter >> [data-article-id="${articleId}"]`);
      const tip = tips[0];
      const inComponent = componentSelector ? find(componentSelector).flatMap((c) => trees(c).flatMap((t) => [...t.querySelectorAll(`[data-article-id="${articleId}"]`)])) : [];
      if (!tip) return { count: 0, inert: [], ariaHidden: [], visible: false, coveredAtCentre: 'no tip', coveredAtClose: 'no tip', overlaps: [], insideComponent: inComponent.length, host: '' };
      const host = chain(tip).find((el) => el.tagName === 'XC-TROUBLESHOOTER');
      const box = tip.getBoundingClientRect();
      const overlaps = controlSelectors.filter((selector) =>
        find(selector).some((control) => {
          const c = control.getBoundingClientRect();
          return c.width > 0 && c.height > 0 && box.left < c.right && c.left < box.right && box.top < c.bottom && c.top < box.bottom;
        }),
      );
      return {
        count: tips.length,
        inert: chain(tip).filter((el) => (el as HTMLElement).inert || el.hasAttribute('inert')).map(describe),
        ariaHidden: chain(tip).filter((el) => el.getAttribute('aria-hidden') === 'true').map(describe),
        visible: box.width > 0 && box.height > 0 && tip.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
        coveredAtCentre: coveredAt(tip),
        coveredAtClose: coveredAt(tip.querySelector('button[aria-label="Close tip"]') ?? undefined),
        overlaps,
        insideComponent: inComponent.length,
        host: host ? chain(host).slice(0, 4).map(describe).join(' < ') : '',
      };
    },
    [id, controls, component] as [string, string[], string],
  );
}

/** Whether a tip for `id` is still shown anywhere in the page. */
const tipShown = (page: TestPage, id: string) => page.count(`xc-troubleshooter >> [data-article-id="${id}"]`).then((n) => n > 0);

/** The element focused now, through shadow roots: is it the tip's close button? */
const closeFocused = (page: TestPage, id: string) =>
  page.evaluate((articleId) => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return !!active?.matches('button[aria-label="Close tip"]') && !!active.closest(`[data-article-id="${articleId}"]`);
  }, id);

/** A trusted click that gives up after `ms` (the driver would wait 30 s for a covered element). */
async function tryClick(page: TestPage, selector: string, ms = 3000): Promise<void> {
  await Promise.race([page.click(selector).catch(() => undefined), new Promise((done) => setTimeout(done, ms))]);
}

interface Surface {
  name: string;
  path: string;
  open: string;
  id: string;
  /** The component's own controls (and its field), which the tip must leave clear. */
  controls: string[];
  /** For a modal: its element, the button a person closes it with, and how to tell it has closed. */
  modal?: { element: string; button: string; closed: (page: TestPage) => Promise<boolean> };
}

const gone = (selector: string) => (page: TestPage) => page.count(selector).then((n) => n === 0);

const SURFACES: Surface[] = [
  {
    name: "React Spectrum's error AlertDialog in a DialogContainer",
    path: 'rs1/index.html?screen=dialog',
    open: '#show-error',
    id: 'KA-21790',
    controls: ['[role="alertdialog"] button'],
    modal: { element: '[role="alertdialog"]', button: '[role="alertdialog"] button', closed: gone('[role="alertdialog"]') },
  },
  {
    name: "Spectrum Web Components' modal sp-overlay holding an error sp-alert-dialog",
    path: 'swc/index.html',
    open: '#modal-error',
    id: 'KA-21790',
    controls: ['#modal-ok'],
    modal: { element: 'sp-overlay#modal', button: '#modal-ok', closed: gone('sp-overlay#modal[open]') },
  },
  {
    name: "Coral's modal coral-dialog variant=error",
    path: 'coral/index.html',
    open: '#dialog-error',
    id: 'KA-21790',
    controls: ['#dialog-ok', 'coral-dialog#dialog button[coral-close]'],
    modal: { element: 'coral-dialog#dialog', button: '#dialog-ok', closed: gone('coral-dialog#dialog[open]') },
  },
  { name: "Coral's coral-alert variant=error", path: 'coral/index.html', open: '#alert-error', id: 'KA-16999', controls: ['#error-close'] },
  { name: "Spectrum Web Components' negative sp-alert-banner", path: 'swc/index.html', open: '#banner-error', id: 'KA-18011', controls: ['sp-alert-banner >> sp-close-button'] },
  { name: "React Spectrum's invalid TextField", path: 'rs1/index.html?screen=field', open: '#show-error', id: 'KA-15576', controls: ['#token'] },
  { name: "Spectrum Web Components' invalid sp-textfield", path: 'swc/index.html', open: '#field-error', id: 'KA-15576', controls: ['#token >> input'] },
];

describe.each(SURFACES)('a tip is usable: $name', (surface) => {
  const open = async () => {
    const page = await openReal(current(), surface.path);
    await page.click(surface.open);
    await until(() => tipShown(page, surface.id), 5000, `a tip for ${surface.id}`);
    // a person looks once the component has finished coming in (React Spectrum's dialog fades in: until
    // then the dialog, and the tip inside it, count as not visible)
    // (and the tip its own short fade-in: animations in shadow roots, the tips' and the components', count too)
    await page.waitForFunction(
      () => {
        const roots: DocumentOrShadowRoot[] = [document, ...[...document.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []))];
        return roots.every((root) => root.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity));
      },
      undefined,
      { message: 'the component and the tip to finish coming in' },
    );
    return page;
  };

  it('not inert, not aria-hidden, visible, on top, and clear of the component’s controls', async () => {
    const page = await open();
    const report = await inspect(page, surface.id, surface.controls);
    const where = ` (host: ${report.host})`;
    expect.soft(report.inert, `the tip and its ancestors are not inert${where}`).toEqual([]);
    expect.soft(report.ariaHidden, `the tip and its ancestors are not aria-hidden${where}`).toEqual([]);
    expect.soft(report.visible, 'the tip is visible').toBe(true);
    expect.soft(report.coveredAtCentre, `the tip is the topmost element at its centre${where}`).toBe('');
    expect.soft(report.coveredAtClose, 'the tip’s close button is the topmost element at its centre').toBe('');
    expect.soft(report.overlaps, 'the tip’s box leaves the component’s own controls clear').toEqual([]);
    await page.close();
  });

  it('its close button closes it with a trusted click', async () => {
    const page = await open();
    await tryClick(page, tipClose(surface.id));
    expect(await until(async () => !(await tipShown(page, surface.id)), 1000, 'the tip to close').catch(() => false), 'a trusted click on the close button closes the tip').toBe(true);
    await page.close();
  });

  it('Tab reaches its close button (inside the modal’s focus trap) and Enter closes it', async () => {
    const page = await open();
    let reached = false;
    for (let i = 0; i < 25 && !reached; i++) {
      await page.press('Tab');
      reached = await closeFocused(page, surface.id);
    }
    expect.soft(reached, 'Tab reaches the tip’s close button').toBe(true);
    if (reached) {
      await page.press('Enter');
      expect.soft(await until(async () => !(await tipShown(page, surface.id)), 2000, 'the tip to close').catch(() => false), 'Enter on the focused close button closes the tip').toBe(true);
    }
    await page.close();
  });

  if (surface.modal) {
    const modal = surface.modal;
    it('when the person closes the modal, no tip is left in the hidden dialog and none is left inert or hidden', async () => {
      const page = await open();
      await tryClick(page, modal.button);
      const closedByClick = await until(() => modal.closed(page), 2000, 'the modal to close').catch(() => false);
      expect.soft(closedByClick, 'a trusted click on the modal’s own button closes it').toBe(true);
      if (!closedByClick) {
        // the person reaches the button with the keyboard instead
        await page.focus(modal.button);
        await page.press('Enter');
        await until(() => modal.closed(page), 3000, 'the modal to close by keyboard');
      }
      // the dialog may still be leaving (an exit animation): give the page a moment to settle
      const usable = (r: TipReport) => r.insideComponent === 0 && (r.count === 0 || (!r.inert.length && !r.ariaHidden.length && r.visible && !r.coveredAtClose));
      let report = await inspect(page, surface.id, [], modal.element);
      for (let end = Date.now() + 2000; !usable(report) && Date.now() < end; ) {
        await new Promise((done) => setTimeout(done, 100));
        report = await inspect(page, surface.id, [], modal.element);
      }
      const where = ` (host: ${report.host})`;
      expect.soft(report.insideComponent, `no tip is left inside the closed dialog${where}`).toBe(0);
      if (report.count > 0) {
        expect.soft(report.inert, `a tip still shown is not inert${where}`).toEqual([]);
        expect.soft(report.ariaHidden, `a tip still shown is not aria-hidden${where}`).toEqual([]);
        expect.soft(report.visible, `a tip still shown is visible${where}`).toBe(true);
        expect.soft(report.coveredAtClose, `a tip still shown can be closed by a click${where}`).toBe('');
      }
      await page.close();
    });
  }
});
