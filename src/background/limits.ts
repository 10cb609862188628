import type { Limit } from '../shared/message-shapes';

/**
 * How often a content script may ask the worker for something, per tab: a token bucket per (message, tab).
 * The rates are in the message table (shared/message-shapes.ts). Pure: time is passed in.
 */

/**
 * Bucket keys kept at most: one per message per open tab is far fewer; past this the least recently used
 * go (a bucket that was forgotten starts full again, which only ever allows, never blocks a person).
 */
export const MAX_BUCKETS = 2000;

export class RateLimiter<Name extends string = string> {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limits: Readonly<Partial<Record<Name, Limit>>>) {}

  /** Takes one request for `key` under the limit named `name`; false when none is left. */
  take(name: Name, key: string, now: number): boolean {
    const limit: Limit | undefined = this.limits[name];
    if (!limit) return true;
    const id = `${name}\u0000${key}`;
    const bucket = this.buckets.get(id) ?? { tokens: limit.burst, at: now };
    this.buckets.delete(id);
    const tokens = Math.min(limit.burst, bucket.tokens + Math.max(0, now - bucket.at) / limit.every);
    const allowed = tokens >= 1;
    this.buckets.set(id, { tokens: allowed ? tokens - 1 : tokens, at: now });
    if (this.buckets.size > MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value!);
    return allowed;
  }

  /** Forgets a key's buckets (a closed tab). */
  forget(key: string): void {
    for (const id of this.buckets.keys()) if (id.endsWith(`\u0000${key}`)) this.buckets.delete(id);
  }
}
