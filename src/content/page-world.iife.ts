/**
 * Runs in the page's own world at document_start, before the page's scripts. Announces each open shadow
 * root as it is attached, by an event on its host, so the isolated content script can watch inside it.
 * Does nothing else: no data crosses, nothing of ours is exposed.
 */
(() => {
  const proto = Element.prototype;
  const original = proto.attachShadow;
  if (typeof original !== 'function') return;
  const patched = {
    attachShadow(this: Element, init: ShadowRootInit): ShadowRoot {
      const root = original.call(this, init);
      if (init?.mode === 'open') {
        try {
          this.dispatchEvent(new Event('xc-troubleshooter:shadow', { bubbles: true, composed: true }));
        } catch {
          // a page that breaks events must still get its shadow root
        }
      }
      return root;
    },
  }.attachShadow;
  try {
    Object.defineProperty(proto, 'attachShadow', { ...Object.getOwnPropertyDescriptor(proto, 'attachShadow'), value: patched });
  } catch {
    // a frozen prototype: nothing to announce, the sweep still finds roots
  }
})();
