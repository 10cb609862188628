import type { Runtime } from 'webextension-polyfill';
import { MESSAGES, type SendersOf } from '../shared/message-shapes';
import type { MessageName } from '../shared/messages';
import type { RateLimiter } from './limits';

/**
 * Who sent a message to the worker. A content script speaks for the tab and frame it runs in, never for
 * another: those come from the browser (`sender.tab.id`, `sender.frameId`), not from what the message says.
 * The extension's own pages (the popup, the reader in a tab, the options page) may ask about any tab. Pure.
 */
export type Sender = PageSender | { from: 'extension' };
export type PageSender = { from: 'page'; tabId: number; frameId: number };

/** The sender of message `N` once admitted: a content script for a message only content scripts send. */
export type SenderFor<N extends MessageName> = SendersOf<N> extends 'page' ? PageSender : Sender;

/** The sender, or why the worker will not answer it. `origin` is the extension's own base address. */
export function senderOf(sender: Runtime.MessageSender, extensionId: string, origin: string): Sender | { refused: string } {
  if (sender.id !== extensionId) return { refused: 'not from this extension' };
  if (sender.url?.startsWith(origin)) return { from: 'extension' };
  const tabId = sender.tab?.id;
  if (typeof tabId !== 'number' || tabId < 0 || typeof sender.frameId !== 'number') return { refused: 'a content script message must come from a tab' };
  return { from: 'page', tabId, frameId: sender.frameId };
}

/** Whose tab records a sender may read: its own tab's for a content script, any for the extension's pages. */
export function mayReadTab(sender: Sender, tabId: number): boolean {
  return sender.from === 'extension' || sender.tabId === tabId;
}

export interface Gatekeeper {
  extensionId: string;
  origin: string;
  /** The rate limiter built over the message table's rates. */
  limiter: RateLimiter<MessageName>;
  now: number;
}

/**
 * Who is asking, checked against the message table: a sender of this extension, one the message allows
 * (a content script, the extension's pages, or either), within the message's rate for a content script's
 * tab. Throws (the error goes back to the sender) when the worker will not answer.
 */
export function admit<N extends MessageName>(name: N, raw: Runtime.MessageSender, gate: Gatekeeper): SenderFor<N> {
  const sender = senderOf(raw, gate.extensionId, gate.origin);
  if ('refused' in sender) throw new Error(`${name}: ${sender.refused}`);
  const from = MESSAGES[name].from;
  if (from === 'page' && sender.from !== 'page') throw new Error(`${name}: only a content script sends this`);
  if (from === 'extension' && sender.from !== 'extension') throw new Error(`${name}: only the extension's own pages may send this`);
  if (sender.from === 'page' && !gate.limiter.take(name, String(sender.tabId), gate.now)) throw new Error(`${name}: too many requests from this tab; try again shortly`);
  return sender as SenderFor<N>;
}
