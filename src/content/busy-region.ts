/** Changed elements remembered to find where a busy page changes. */
const SAMPLES = 64;

/** The latest changed elements, and where most of them sit: the region a busy page keeps changing. */
export class ChangeSamples {
  private readonly samples: Element[] = [];
  private at = 0;

  add(el: Element): void {
    this.samples[this.at++ % SAMPLES] = el;
  }

  /** The busy region: where most recent changes sit, below <body>, as deep as more than half of them go. */
  busiest(): Element | null {
    const { samples } = this;
    const counts = new Map<Element, number>();
    for (const el of samples) {
      if (!el?.isConnected || el.getRootNode() !== document) continue;
      let top: Element = el;
      while (top.parentElement && top.parentElement !== document.body && top.parentElement !== document.documentElement) top = top.parentElement;
      if (top === document.body || top === document.documentElement) continue;
      counts.set(top, (counts.get(top) ?? 0) + 1);
    }
    let best: Element | null = null;
    for (const [el, n] of counts) if (n * 2 > samples.length && (!best || n > counts.get(best)!)) best = el;
    return best && narrow(best, samples);
  }
}

/** The deepest element under `top` that holds more than half of the samples, on the way to one of them. */
function narrow(top: Element, samples: Element[]): Element {
  const held = (el: Element) => samples.filter((s) => s && el.contains(s)).length * 2 > samples.length;
  const inside = samples.find((s) => s && top.contains(s));
  if (!inside) return top;
  const path: Element[] = [];
  for (let el: Element | null = inside; el && el !== top; el = el.parentElement) path.unshift(el);
  let at = top;
  for (const el of path) {
    if (!held(el)) break;
    at = el;
  }
  return at;
}
