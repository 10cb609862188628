import browser, { type Runtime } from 'webextension-polyfill';
import { MESSAGES } from '../shared/message-shapes';
import { extensionOrigin, listen, type Handlers, type MessageName, type Request, type Response } from '../shared/messages';
import { RateLimiter } from './limits';
import { admit, type SenderFor } from './senders';

/**
 * Where every message the worker answers comes in: `listen` checks its shape, then `admit` its sender and
 * rate against the message table (shared/message-shapes.ts) before a handler sees it. One limiter for all
 * messages, forgotten tab by tab as tabs close.
 */

const limiter = new RateLimiter<MessageName>(Object.fromEntries(Object.entries(MESSAGES).map(([name, rule]) => [name, 'rate' in rule ? rule.rate : undefined])));

/** Handlers that receive the admitted sender, and the browser's own record of it. */
export type WorkerHandlers = {
  [N in MessageName]?: (payload: Request<N>, sender: SenderFor<N>, raw: Runtime.MessageSender) => Response<N> | Promise<Response<N>>;
};

/** The handlers, each behind the sender and rate check. */
export function admitted(handlers: WorkerHandlers): Handlers {
  const out: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers) as [MessageName, (p: unknown, s: unknown, r: Runtime.MessageSender) => unknown][]) {
    out[name] = (payload: unknown, raw: Runtime.MessageSender) => handler(payload, admit(name, raw, { extensionId: browser.runtime.id, origin: extensionOrigin(), limiter, now: Date.now() }), raw);
  }
  return out as Handlers;
}

/** Answers `handlers`' messages, each once admitted. */
export function listenAdmitted(handlers: WorkerHandlers): () => void {
  return listen(admitted(handlers));
}

/** A closed tab's rate buckets go. */
export function forgetTab(tabId: number): void {
  limiter.forget(String(tabId));
}
