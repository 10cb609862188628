import type { Hit } from '../matcher/matcher';

/** Sightings remembered (an error seen while hidden may become visible), before forgetting removed ones. */
const MAX_SIGHTINGS = 200;

/** A visible occurrence of a pattern, and the element that shows it. */
export interface Found extends Hit {
  element: Element;
}

interface Sighting {
  element: Element;
  pattern: number;
  visible: boolean;
  hit: Hit;
}

function isVisible(el: Element): boolean {
  if (!el.isConnected) return false;
  if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
  return (el as HTMLElement).offsetParent !== null || getComputedStyle(el).position === 'fixed';
}

/**
 * Occurrences matched on the page, visible or not: each is found (a tip) once it is visible, and again
 * after it was hidden and shows anew; one seen while hidden is found when a visibility change shows it.
 */
export class Sightings {
  private list: Sighting[] = [];

  constructor(private readonly found: (found: Found) => void) {}

  get size(): number {
    return this.list.length;
  }

  clear(): void {
    this.list = [];
  }

  /** A match of `hit` in the text of `element`. */
  sighted(element: Element, hit: Hit): void {
    const known = this.list.find((s) => s.element === element && s.pattern === hit.pattern);
    const visible = isVisible(element);
    if (known) {
      if (visible && !known.visible) this.found({ ...hit, element });
      known.visible = visible;
      return;
    }
    if (this.list.length >= MAX_SIGHTINGS) this.list = this.list.filter((s) => s.element.isConnected).slice(-MAX_SIGHTINGS / 2);
    this.list.push({ element, pattern: hit.pattern, visible, hit });
    if (visible) this.found({ ...hit, element });
  }

  /** Finds the occurrences that became visible; forgets those removed from the page. */
  recheck(): void {
    this.list = this.list.filter((s) => s.element.isConnected);
    for (const sighting of this.list) {
      const visible = isVisible(sighting.element);
      if (visible && !sighting.visible) this.found({ ...sighting.hit, element: sighting.element });
      sighting.visible = visible;
    }
  }
}
