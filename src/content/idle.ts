/**
 * An idle moment of the page, or a deadline: the content script starts, warms its tips and reads what
 * changed in such moments. Where a browser has no idle callbacks, the callback runs after a frame's time,
 * with no deadline.
 */

export type IdleHandle = number;

/** A frame's time, for browsers without idle callbacks. */
const NO_IDLE_DELAY = 16;

/** Calls back in an idle moment, at the latest after `timeout` milliseconds. */
export function requestIdle(callback: (deadline: IdleDeadline | null) => void, timeout: number): IdleHandle {
  if (typeof requestIdleCallback === 'function') return requestIdleCallback(callback, { timeout });
  return setTimeout(() => callback(null), NO_IDLE_DELAY) as unknown as IdleHandle;
}

export function cancelIdle(handle: IdleHandle): void {
  if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
  else clearTimeout(handle);
}
