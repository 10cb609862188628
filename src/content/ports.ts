/**
 * The watcher's ports: what its scheduler (schedule.ts, busy-watch.ts) needs of time and of the page, as
 * interfaces. The content script plugs in the browser's clock and the page side (watcher.ts); the Node tests
 * plug in fakes, so every policy runs on a fake clock, to the millisecond.
 */

/** What the browser says of an idle slice (IdleDeadline). */
export interface IdleTime {
  readonly didTimeout: boolean;
  timeRemaining(): number;
}

/** Time, timers and idle slices. */
export interface Clock {
  now(): number;
  /** Calls `fn` after `ms` (setTimeout); the handle is never 0. */
  after(fn: () => void, ms: number): number;
  cancel(handle: number): void;
  /** Calls `fn` in a task of its own, right after the page's: before the next frame, without waiting for one. */
  task(fn: () => void): void;
  /** Calls `fn` in an idle slice, or after `timeout` at the latest; `null` where the browser has no idle slices. */
  idle(fn: (deadline: IdleTime | null) => void, timeout: number): number;
  cancelIdle(handle: number): void;
  /** Calls `fn` just before the next frame is drawn. */
  frame(fn: () => void): void;
}

/** A read of a subtree that may take several slices. */
export interface Walk<N> {
  readonly root: N;
  readonly done: boolean;
}

/** What the scheduler asks of the page side. */
export interface PageSide<N, W extends Walk<N>> extends AroundPage<N> {
  /** Sorts the changes noted since the last flush, through `readSoon` and `queue`. */
  sort(changes: N[], isNew: boolean[]): void;
  /** Reads `node` into the buffer until `deadline`; a subtree too big for it comes back, to be read on. */
  read(node: N, deadline: number): W | null;
  /** Whether the buffer holds a chunk: time to match it. */
  readonly full: boolean;
  /** Matches what the buffer holds, and empties it. */
  match(): void;
  /** Reads on in `walk` up to a chunk or `end`, and matches. */
  readOn(walk: W, end: number): void;
  /** A read of `root`, or of the whole page. */
  walk(root?: N): W;
  /** Route changes, a removed extension: looked for before reading. */
  tick(): void;
  /** Whether any occurrence was seen: only then can a change of visibility show one. */
  readonly sighted: boolean;
  /** Shows the occurrences that became visible. */
  recheck(): void;
}

/** What watching around asks of the page side. */
export interface AroundPage<N> {
  /** Moves the observers around the busiest region and returns it, or says there is none (null). */
  watchAround(): N | null;
  /** The error texts' anchors `region` holds, or null where it holds too much text to look over. */
  lookOver(region: N): string | null;
  /** Moves the observers back onto the whole page. */
  watchAll(): void;
  isConnected(node: N): boolean;
}
