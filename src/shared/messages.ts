import browser, { type Runtime } from 'webextension-polyfill';
import type { HistoryCount } from './history';
import type { StoredArticle } from './kb-types';
import type { ArticleInfo } from './search';

/** One entry of a tab's "On this page" list. */
export interface PageItem {
  id: string;
  kind: 'error' | 'context';
  /** Epoch milliseconds of the latest sighting. */
  seenAt: number;
  /** The text the page showed, for errors. */
  text?: string;
}

export interface TabState {
  url: string;
  items: PageItem[];
}

/** Every message between the extension's parts: request and response types per message name. */
export interface MessageMap {
  /**
   * A frame's content script started (or the page changed route); answers the tab's address. `document`
   * is a random id the script draws once: a new one from the top frame means a new page in the tab.
   */
  'frame:hello': { request: { url: string; top: boolean; document: string }; response: { topUrl: string } };
  /** An error was recognised, or a page-context text was seen. */
  'page:seen': { request: { id: string; kind: PageItem['kind']; text?: string }; response: void };
  /** A whole article, for the tip's steps and the reader. */
  'article:get': { request: { id: string }; response: StoredArticle | null };
  /** Opens the reader on an article in a tab of its own. */
  'article:open': { request: { id: string }; response: void };
  /** What a tab has shown: for the popup. */
  'tab:state': { request: { tabId: number }; response: TabState };
  /** Sent by the worker to a tab's frames when its address changes. */
  'tab:url': { request: { url: string }; response: void };
  /** Counts an event in the local history: a tip shown, an article opened, an answer to "Did this help?". */
  'history:record': { request: { id: string; event: HistoryCount }; response: void };
  /** A looked-up text that found no article, for the local history (from the extension's own pages). */
  'history:not-found': { request: { text: string }; response: void };
  /** Empties the local history (from the extension's own pages). */
  'history:clear': { request: Record<string, never>; response: void };
  /** The next best articles for an error text, leaving out `id`; and the address of the sender's tab. */
  'article:others': { request: { id: string; text: string }; response: { articles: ArticleInfo[]; pageUrl: string } };
}

export type MessageName = keyof MessageMap;
export type Request<N extends MessageName> = MessageMap[N]['request'];
export type Response<N extends MessageName> = MessageMap[N]['response'];

interface Envelope<N extends MessageName = MessageName> {
  xc: N;
  payload: Request<N>;
}

type Reply<N extends MessageName> = { ok: true; value: Response<N> } | { ok: false; error: string };

export type Handlers = {
  [N in MessageName]?: (payload: Request<N>, sender: Runtime.MessageSender) => Response<N> | Promise<Response<N>>;
};

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && typeof (message as Envelope).xc === 'string';
}

/** Sends a message to the worker (or, with `tabId`, to a tab's frames) and unwraps the reply. */
export async function send<N extends MessageName>(name: N, payload: Request<N>, tabId?: number): Promise<Response<N>> {
  const envelope: Envelope<N> = { xc: name, payload };
  const reply = (tabId === undefined ? await browser.runtime.sendMessage(envelope) : await browser.tabs.sendMessage(tabId, envelope)) as Reply<N> | undefined;
  if (!reply) return undefined as Response<N>;
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** Answers the messages named in `handlers`; a handler's error goes back to the sender. */
export function listen(handlers: Handlers): () => void {
  const listener = (message: unknown, sender: Runtime.MessageSender): Promise<Reply<MessageName>> | undefined => {
    if (!isEnvelope(message)) return undefined;
    const handler = handlers[message.xc] as ((p: unknown, s: Runtime.MessageSender) => unknown) | undefined;
    if (!handler) return undefined;
    return Promise.resolve()
      .then(() => handler(message.payload, sender))
      .then(
        (value) => ({ ok: true, value }) as Reply<MessageName>,
        (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
