import type { Runtime, Tabs } from 'webextension-polyfill';
import { FOCUS_TIP } from '../shared/commands';
import { ext } from '../shared/ext';
import { send } from '../shared/messages';

/**
 * The keyboard shortcut that moves the focus to the newest tip on the page (`commands` in the manifest;
 * people change its keys in the browser's shortcut settings). Each frame tells the worker when it shows a
 * tip; the shortcut goes to the frame that showed the latest, or, when the worker does not know (it was
 * restarted since), to every frame of the tab, each focusing its own newest tip.
 */

export { FOCUS_TIP };

/** Per tab, the frame that showed the newest tip. */
const newestTipFrame = new Map<number, number>();

/** A frame showed a tip (the sender is the content script; its tab and frame come from the browser). */
export function tipShown(sender: Pick<Runtime.MessageSender, 'tab' | 'frameId'>): void {
  const tabId = sender.tab?.id;
  if (typeof tabId === 'number' && typeof sender.frameId === 'number') newestTipFrame.set(tabId, sender.frameId);
}

export function forgetTab(tabId: number): void {
  newestTipFrame.delete(tabId);
}

async function activeTab(): Promise<number | undefined> {
  return (await ext.tabs.query({ active: true, currentWindow: true }))[0]?.id;
}

/** The browser's command handler: for the tip shortcut, asks the tab's frame to focus its newest tip. */
export async function onCommand(name: string, tab?: Pick<Tabs.Tab, 'id'>): Promise<boolean> {
  if (name !== FOCUS_TIP) return false;
  const tabId = tab?.id ?? (await activeTab());
  if (tabId === undefined || tabId < 0) return false;
  const reply = await send('tip:focus', {}, tabId, newestTipFrame.get(tabId)).catch(() => ({ focused: false }));
  return reply.focused;
}

/** Registers the handler; reachable as `xcCommands` in the worker, since no driver presses an extension's shortcut. */
export function startCommands(): void {
  ext.commands.onCommand.addListener((name, tab) => void onCommand(name, tab));
  ext.tabs.onRemoved.addListener(forgetTab);
  Object.assign(globalThis, { xcCommands: { onCommand } });
}
