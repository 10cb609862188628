import { NAMED_PLACE_SELECTOR, PLACE_SELECTOR, namedErrorIds } from './places';

/** How far up from a change an error place counts as "this change's place" and is read whole. */
const PLACE_REACH = 3;
/** Ids of error texts named by invalid fields, remembered at most (a form has a handful). */
const MAX_ERROR_IDS = 256;
/** Elements whose place attributes changed, kept between two sortings; past this, every answer is dropped. */
const MAX_CHANGED = 1000;

/**
 * Answers, for a changed element, what to read now: the error place it belongs to (see places.ts), or
 * nothing (the change is read in idle time). Answers are remembered per element, so the walk up is done once
 * per element, and forgotten when they may have gone wrong: an element met before became an error place or
 * stopped being one (its class, role, `aria-live` or `invalid` changed), or a field named a new error text.
 */
export class PlaceFinder {
  private answers = new WeakMap<Element, Element | null>();
  /** Elements given as places since the answers were last forgotten. */
  private given = new WeakSet<Element>();
  /** Elements whose place attributes changed since the last answer; `overflow` when there were too many. */
  private changed: Element[] = [];
  private overflow = false;
  /** Ids of the error texts that invalid fields name. */
  private readonly errorIds = new Set<string>();

  /** One of PLACE_ATTRIBUTES changed on `el`: the answers are checked before the next one. */
  attributeChanged(el: Element): void {
    if (this.changed.length < MAX_CHANGED) this.changed.push(el);
    else this.overflow = true;
  }

  /**
   * The place to read now for a change of `el`, or null. A place near the change is read whole (a toast, a
   * field's help text); a far one (a wide container with an alert-ish class) only from the change's block,
   * so a busy region inside it is not re-read whole on every change.
   */
  placeOf(el: Element): Element | null {
    if (this.changed.length || this.overflow) this.review();
    const known = this.answers.get(el);
    if (known !== undefined) return known;
    let place: Element | null = null;
    // up through shadow hosts: a component's own text inside an error place is in that place
    for (let at: Element | null = el, hops = 0; at && hops < 4 && !place; hops++) {
      place = at.closest(PLACE_SELECTOR) ?? this.namedErrorOf(at);
      const root = at.getRootNode();
      at = root instanceof ShadowRoot ? root.host : null;
    }
    // an element that holds an error place (a toast container appended at once) is read now too
    if (!place && el.firstElementChild && el.querySelector(NAMED_PLACE_SELECTOR)) place = el;
    if (place && place !== el && !place.contains(el)) place = el; // found through a shadow host: read from the change
    if (place && place !== el) {
      let unit: Element = el;
      for (let depth = 0; depth < PLACE_REACH && unit !== place && unit.parentElement; depth++) unit = unit.parentElement;
      if (unit !== place) place = el;
    }
    this.answers.set(el, place);
    if (place) this.given.add(place);
    return place;
  }

  /** A field that names its error text: the text is an error place from now on; `read` reads it now. */
  registerField(field: Element, read: (target: Element) => void): void {
    const root = field.getRootNode() as Document | ShadowRoot;
    let added = false;
    for (const id of namedErrorIds(field)) {
      if (!this.errorIds.has(id)) {
        if (this.errorIds.size >= MAX_ERROR_IDS) this.errorIds.delete(this.errorIds.values().next().value!);
        this.errorIds.add(id);
        added = true;
      }
      const target = typeof root.getElementById === 'function' ? root.getElementById(id) : null;
      if (target) read(target);
    }
    if (added) this.forget(); // elements met before may sit in a place now
  }

  /** Forgets every answer if an element whose place attributes changed is a place now, or was one. */
  private review(): void {
    const { changed } = this;
    this.changed = [];
    if (this.overflow || changed.some((el) => this.given.has(el) || el.matches(PLACE_SELECTOR))) this.forget();
    this.overflow = false;
  }

  private forget(): void {
    this.answers = new WeakMap();
    this.given = new WeakSet();
  }

  /** The element that an invalid field names as its error text, if `el` is in one. */
  private namedErrorOf(el: Element): Element | null {
    if (!this.errorIds.size) return null;
    for (let at: Element | null = el, depth = 0; at && depth < 6; at = at.parentElement, depth++) {
      if (at.id && this.errorIds.has(at.id)) return at;
    }
    return null;
  }
}
