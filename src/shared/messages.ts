import type { Runtime } from 'webextension-polyfill';
import { ext } from './ext';
import type { HistoryCount } from './history';
import type { ArticleInfo, DetectionTable, StoredArticle } from './kb-types';
import type { Options } from './options';
import type { PageItem, TabState } from './tab-records';

export type { PageItem, TabState };

/** Every message between the extension's parts: request and response types per message name. */
export interface MessageMap {
  /**
   * A frame's content script started (or the page changed route); answers the tab's address. `document`
   * is a random id the script draws once: a new one from the top frame means a new page in the tab.
   */
  /**
   * A frame's content script starts, or its page changes route. With `table`, the worker sends the detection
   * table too: the content script carries none, so its size does not grow with the knowledge base.
   */
  'frame:hello': { request: { url: string; top: boolean; document: string; table?: boolean }; response: { topUrl: string; table?: DetectionTable; options?: Options } };
  /** An error was recognised, or a page-context text was seen. */
  'page:seen': { request: { id: string; kind: PageItem['kind']; text?: string }; response: void };
  /** A whole article, for the tip's steps and the reader. */
  'article:get': { request: { id: string }; response: StoredArticle | null };
  /** Opens the reader on an article in a tab of its own. */
  'article:open': { request: { id: string }; response: void };
  /**
   * What a tab has shown: for the popup. With the titles and products of the articles it lists, so the
   * popup's list needs no second trip.
   */
  'tab:state': { request: { tabId: number }; response: TabState & { info: ArticleInfo[] } };
  /**
   * Sent by the worker to every tab's frames when the options change: content scripts never touch storage
   * (its API costs every frame of every page load), they get the options with their first hello and then this.
   */
  'options:changed': { request: { options: Options }; response: void };
  /** Sent by the worker to a tab's frames when its address changes. */
  'tab:url': { request: { url: string }; response: void };
  /** Sent by the worker to the extension's pages (the popup) whenever a tab's list changes; `info` as in `tab:state`. */
  'tab:changed': { request: { tabId: number; state: TabState; info: ArticleInfo[] }; response: void };
  /** Counts an event in the local history: a tip shown, an article opened, an answer to "Did this help?". */
  'history:record': { request: { id: string; event: HistoryCount }; response: void };
  /** A looked-up text that found no article, for the local history (from the extension's own pages). */
  'history:not-found': { request: { text: string }; response: void };
  /** Empties the local history (from the extension's own pages). */
  'history:clear': { request: Record<string, never>; response: void };
  /** The next best articles for an error text, leaving out `id` (the worker holds the search index). */
  'article:others': { request: { id: string; text: string }; response: { articles: ArticleInfo[] } };
  /** A frame's content script showed a tip: the worker notes the frame, where the keyboard shortcut goes. */
  'tip:shown': { request: Record<string, never>; response: void };
  /** Sent by the worker (the keyboard shortcut) to a tab's frame: focus its newest tip; answers whether there was one. */
  'tip:focus': { request: Record<string, never>; response: { focused: boolean } };
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

function isReply<N extends MessageName>(reply: unknown): reply is Reply<N> {
  if (typeof reply !== 'object' || reply === null) return false;
  const { ok, error } = reply as { ok?: unknown; error?: unknown };
  return ok === true || (ok === false && typeof error === 'string');
}

/**
 * Sends a message to the worker (or, with `tabId`, to a tab's frames; with `frameId` too, to that one frame)
 * and unwraps the reply. Rejects with the handler's error, or when nothing answered (no part of the
 * extension handles the message there).
 */
export async function send<N extends MessageName>(name: N, payload: Request<N>, tabId?: number, frameId?: number): Promise<Response<N>> {
  const envelope: Envelope<N> = { xc: name, payload };
  const toTab = () => (frameId === undefined ? ext.tabs.sendMessage(tabId!, envelope) : ext.tabs.sendMessage(tabId!, envelope, { frameId }));
  const reply: unknown = tabId === undefined ? await ext.runtime.sendMessage(envelope) : await toTab();
  if (!isReply<N>(reply)) throw new Error(`${name}: no answer`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** The address the extension's own pages and worker have: what tells them from a content script. */
export function extensionOrigin(): string {
  return ext.runtime.getURL('');
}

/**
 * What a listener checks before a handler runs: throws to refuse. The worker and the extension's pages
 * check each payload's shape and who sent it (`checkRequest`, message-shapes.ts); the content script hears
 * only the extension itself (`fromExtension`), and so carries no table of shapes.
 */
export type Guard = (name: MessageName, payload: unknown, sender: Runtime.MessageSender) => void;

/** Only the worker and the extension's own pages at `origin` (in a tab or not), never a content script in a page. */
export const fromExtension =
  (origin: string): Guard =>
  (name, _payload, sender) => {
    if (sender.tab !== undefined && !sender.url?.startsWith(origin)) throw new Error(`${name}: only the extension itself sends this to a page`);
  };

/**
 * Answers the messages named in `handlers`. Only this extension is listened to, and `guard` refuses the
 * rest before a handler runs. Every refusal and every handler's error goes back to the sender.
 */
export function listen(handlers: Handlers, guard: Guard): () => void {
  // answers through sendResponse (returning true keeps the channel open): the browser's own API takes it in
  // both browsers, where a returned promise is not taken everywhere
  const listener = (message: unknown, sender: Runtime.MessageSender, sendResponse: (reply: Reply<MessageName>) => void): true | undefined => {
    if (!isEnvelope(message)) return undefined;
    const handler = handlers[message.xc] as ((p: unknown, s: Runtime.MessageSender) => unknown) | undefined;
    if (!handler) return undefined;
    void Promise.resolve()
      .then(() => {
        if (sender.id !== ext.runtime.id) throw new Error(`${message.xc}: not from this extension`);
        guard(message.xc, message.payload, sender);
        return handler(message.payload, sender);
      })
      .then(
        (value) => ({ ok: true, value }) as Reply<MessageName>,
        (error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }) as Reply<MessageName>,
      )
      .then(sendResponse);
    return true;
  };
  // the typings know only listeners that always answer; one that lets a message pass returns nothing
  const registered = listener as Runtime.OnMessageListenerCallback;
  ext.runtime.onMessage.addListener(registered);
  return () => ext.runtime.onMessage.removeListener(registered);
}
