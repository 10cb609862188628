import { ChangeSamples } from './busy-region';
import type { PlaceFinder } from './place-finder';
import { FIELD_ATTRIBUTES, FIELD_SELECTOR, NAMED_PLACE_SELECTOR, PLACE_ATTRIBUTES } from './places';
import type { Scheduler } from './schedule';
import { SHADOW_EVENT } from './shadow-event';
import type { TextWalker } from './walk';

/** Changed fields noted between two flushes (fields only make reading faster; their text is read anyway). */
const MAX_FIELDS = 1000;
const WATCHED_ATTRIBUTES = [...new Set(['class', 'style', 'hidden', 'open', 'aria-hidden', ...FIELD_ATTRIBUTES, ...PLACE_ATTRIBUTES])];
const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES };
/** An element on the way to a busy region: its own children and attributes, not its subtree. */
const AROUND: MutationObserverInit = { childList: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES };

/**
 * Takes in what changes on the page and hands it to the scheduler: the observers (the document, all of it
 * or around a busy region; the shadow roots met while reading or announced by the page-world script), the
 * noting of each change, and its sorting into error places to read now and changes to read in idle time.
 */
export class Intake {
  /** Watches shadow roots; `pageObserver` watches the document (all of it, or around a busy region). */
  private readonly observer: MutationObserver;
  private readonly pageObserver: MutationObserver;
  private readonly observed = new WeakSet<Node>();
  /** Fields whose error attributes changed, or met on a walk, since the last flush. */
  private fields: Element[] = [];
  private readonly samples = new ChangeSamples();
  /** The region watched around, and the elements on the way to it. */
  private hot: Element | null = null;
  private hotChain = new WeakSet<Node>();

  constructor(
    private readonly schedule: Scheduler<Node, TextWalker>,
    private readonly places: PlaceFinder,
    private readonly signal: AbortSignal,
  ) {
    this.observer = new MutationObserver((records) => this.record(records));
    this.pageObserver = new MutationObserver((records) => this.record(records));
    signal.addEventListener('abort', () => {
      this.observer.disconnect();
      this.pageObserver.disconnect();
      this.fields = [];
    });
  }

  start(): void {
    this.observed.add(document);
    this.pageObserver.observe(document, OBSERVE);
    document.addEventListener(SHADOW_EVENT, (event) => this.announced(event), { capture: true, signal: this.signal });
  }

  /** The page's fields and error places, read first when the whole page is read. */
  readPlaces(): void {
    document.querySelectorAll(FIELD_SELECTOR).forEach((el) => this.fields.push(el));
    // error places first: they are what a person is looking at
    document.querySelectorAll(NAMED_PLACE_SELECTOR).forEach((el) => this.schedule.readSoon(el));
  }

  observe(target: Node): void {
    if (this.observed.has(target)) return;
    this.observed.add(target);
    this.observer.observe(target, OBSERVE);
  }

  /** A field that names its error text, met while reading. */
  field(el: Element): void {
    this.fields.push(el);
  }

  /** A shadow root announced by the page-world script: a change like any other, queued and budgeted. */
  private announced(event: Event): void {
    // the target is the host itself unless it sits in a shadow tree (then the outermost host: look deeper)
    const target = event.target;
    const host = target instanceof Element && target.shadowRoot && this.observed.has(target.shadowRoot) ? target : event.composedPath()[0];
    if (!(host instanceof Element)) return;
    const root = host.shadowRoot;
    if (!root || this.observed.has(root)) return; // fakes and repeats cost nothing more
    const started = performance.now();
    this.observe(root);
    this.schedule.note(host, true);
    this.schedule.requestFlush();
    this.schedule.noted(started);
  }

  /** The observer callback: notes what changed, nothing more. */
  private record(records: MutationRecord[]): void {
    const { schedule } = this;
    const started = performance.now();
    schedule.count(started, records.length);
    let last: Node | null = null;
    for (let i = 0; i < records.length; i++) {
      const record = records[i];
      let node: Node = record.target;
      let isNew = true;
      if (record.type === 'attributes') {
        if (!this.attributeChanged(node as Element, record.attributeName!)) continue;
      } else if (record.type === 'childList') {
        const added = record.addedNodes;
        if (added.length === 0) continue;
        if (this.hot && this.hotChain.has(node)) this.watchAdded(added);
        // new elements are read themselves (a toast appended to <body>); new text, through its parent
        if (added.length === 1 && added[0].nodeType === 1) node = added[0];
        // text replacing text (a cell's new value, a chart redrawn) is an update, not new content
        else isNew = record.removedNodes.length === 0 || added[0].nodeType === 1;
      } else isNew = false; // text edited in place
      if (node === last) continue;
      last = node;
      schedule.note(node, isNew);
    }
    schedule.noted(started);
    // sorted now, not in a task of its own: the browser may draw a frame before such a task runs
    schedule.flush();
  }

  /** Notes an attribute's change; says whether the element is to be read again (it was shown). */
  private attributeChanged(el: Element, name: string): boolean {
    if (PLACE_ATTRIBUTES.includes(name)) this.places.attributeChanged(el);
    if (name === 'hidden' || name === 'aria-hidden' || name === 'open') {
      this.schedule.visibilityMayChange();
      return true;
    }
    if (name === 'class' || name === 'style') this.schedule.visibilityMayChange();
    else if (FIELD_ATTRIBUTES.includes(name) && this.fields.length < MAX_FIELDS) this.fields.push(el);
    return false;
  }

  /** Sorts the changes noted since the last flush: error places to read now, the rest to the queue. */
  sort(changes: Node[], isNew: boolean[]): void {
    const { places, schedule } = this;
    for (const field of this.fields.splice(0)) places.registerField(field, (target) => schedule.readSoon(target));
    for (let i = 0; i < changes.length; i++) {
      const el = elementOf(changes[i]);
      if (!el) continue;
      this.samples.add(el);
      const place = places.placeOf(el);
      if (place) schedule.readSoon(place);
      else schedule.queue(el, isNew[i]);
    }
  }

  /** Stops observing inside the busy region: observes around it; says which region (none if none stands out). */
  watchAround(): Element | null {
    const region = this.samples.busiest();
    if (!region) return null;
    this.hot = region;
    this.hotChain = new WeakSet();
    this.pageObserver.disconnect();
    this.pageObserver.observe(region, { attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
    for (let node: Node = region; node.parentNode; node = node.parentNode) {
      const parent = node.parentNode;
      this.hotChain.add(parent);
      this.pageObserver.observe(parent, AROUND);
      for (let child = parent.firstChild; child; child = child.nextSibling) if (child !== node && child.nodeType === 1) this.pageObserver.observe(child, OBSERVE);
    }
    return region;
  }

  /** New children next to the busy region are watched whole, like everything outside it. */
  private watchAdded(added: NodeList): void {
    for (const node of added) if (node.nodeType === 1 && !this.hotChain.has(node) && node !== this.hot) this.pageObserver.observe(node, OBSERVE);
  }

  /** Observes the whole page again. */
  watchAll(): void {
    this.hot = null;
    this.pageObserver.disconnect();
    this.pageObserver.observe(document, OBSERVE);
  }
}

/** The element a changed node stands for: itself, the parent of changed text, or the host of a root's text. */
function elementOf(node: Node): Element | null {
  if (node.nodeType === 1) return node as Element;
  const parent = node.parentNode;
  if (!parent) return null;
  if (parent.nodeType === 1) return parent as Element;
  return parent instanceof ShadowRoot ? parent.host : null;
}
