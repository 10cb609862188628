/**
 * A handler that runs only for events the person caused: their own click or key press. The tip's shadow
 * root is open (tests and assistive tools read it), so a page's script can reach its buttons and call
 * `.click()`; the browser marks such events untrusted, and they do nothing: no tab opens, nothing is muted,
 * copied, counted or closed. The reader's buttons take the same guard.
 */
export function trusted<E extends Event>(act: (event: E) => unknown): (event: E) => void {
  return (event) => {
    if (event.isTrusted) void act(event);
  };
}
