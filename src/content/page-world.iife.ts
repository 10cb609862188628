import { SHADOW_EVENT } from './shadow-event';

/**
 * Runs in the page's own world at document_start, before the page's scripts. Announces each open shadow
 * root as it is attached, by an event on its host, so the isolated content script can watch inside it.
 * Does nothing else: no data crosses, nothing of ours is exposed.
 *
 * The page may later replace anything it can reach (`Function.prototype.call`, `EventTarget.prototype
 * .dispatchEvent`, `window.Event`, getters on `ShadowRoot.prototype`, …). Everything used here is taken
 * now, before the page runs, and called through the `Reflect.apply` taken now, never through a prototype
 * the page can change: the page's own `attachShadow` keeps working whatever it does to them.
 */
(() => {
  const { apply, defineProperty, getOwnPropertyDescriptor } = Reflect;
  const proto = Element.prototype;
  const original = proto.attachShadow;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const EventCtor = Event;
  const modeOf = getOwnPropertyDescriptor(ShadowRoot.prototype, 'mode')?.get;
  if (typeof original !== 'function' || typeof dispatch !== 'function' || typeof modeOf !== 'function') return;
  const patched = {
    attachShadow(this: Element, init: ShadowRootInit): ShadowRoot {
      const root = apply(original, this, [init]) as ShadowRoot;
      try {
        // the root's own mode, not the page's `init`, whose getter could answer differently on a second read
        if (apply(modeOf, root, []) === 'open') {
          // a dictionary without a prototype: the page's setters on Object.prototype are never consulted
          const options: EventInit = { __proto__: null, bubbles: true, composed: true } as EventInit;
          apply(dispatch, this, [new EventCtor(SHADOW_EVENT, options)]);
        }
      } catch {
        // a page that breaks events must still get its shadow root
      }
      return root;
    },
  }.attachShadow;
  const descriptor = getOwnPropertyDescriptor(proto, 'attachShadow');
  // a frozen prototype: nothing to announce, the sweep still finds roots
  defineProperty(proto, 'attachShadow', { __proto__: null, ...descriptor, value: patched } as PropertyDescriptor);
})();
