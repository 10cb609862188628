import type { Runtime } from 'webextension-polyfill';

/**
 * Who sent a message to the worker. A content script speaks for the tab and frame it runs in, never for
 * another: those come from the browser (`sender.tab.id`, `sender.frameId`), not from what the message says.
 * The extension's own pages (the popup, the reader in a tab, the options page) may ask about any tab. Pure.
 */
export type Sender = { from: 'page'; tabId: number; frameId: number } | { from: 'extension' };

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
