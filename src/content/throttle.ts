/**
 * What the content script tells the worker, and how often: an error is told at most once a second while the
 * page re-renders it, a page context once per address. Forgets everything on a new address, so it holds
 * one entry per article at most, however long the page lives or its address grows. Pure: tested in Node.
 */

/** A re-rendered error is told again after this long (the worker refreshes "seen at"). */
export const ERROR_REPEAT_MS = 1000;
/** Entries kept at most: more than the knowledge base has articles twice over means something is off. */
export const MAX_REPORTED = 4096;

export type ReportKind = 'error' | 'context';

export class ReportThrottle {
  private readonly last = new Map<string, number>();
  private url = '';

  /** Whether to tell the worker about `id` of `kind` seen at `now` on `url`; notes it when so. */
  admit(kind: ReportKind, id: string, url: string, now: number): boolean {
    if (url !== this.url) {
      this.url = url;
      this.last.clear();
    }
    const key = `${kind}:${id}`;
    const last = this.last.get(key);
    if (last !== undefined && (kind === 'context' || now - last < ERROR_REPEAT_MS)) return false;
    if (!this.last.has(key) && this.last.size >= MAX_REPORTED) this.last.clear();
    this.last.set(key, now);
    return true;
  }

  get size(): number {
    return this.last.size;
  }
}
