import browser from 'webextension-polyfill';
import { shortcutSettingsHelp } from '../shared/commands';

/** The extension's keyboard shortcuts as the browser has them now, for the popup and the options page. */

/** The keys bound to each command ('' when none is set), e.g. { 'focus-tip': 'Alt+Shift+J' }. */
export async function readShortcuts(): Promise<Record<string, string>> {
  const commands = await browser.commands.getAll().catch(() => []);
  return Object.fromEntries(commands.flatMap((c) => (c.name ? [[c.name, c.shortcut ?? '']] : [])));
}

/** Firefox alone has runtime.getBrowserInfo. */
export const isFirefox = () => typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';

/** How to change the shortcuts in this browser, in words. */
export const shortcutHelp = () => shortcutSettingsHelp(isFirefox());

/** Opens the browser's page for extension keyboard shortcuts: Firefox has a call for it, Chromium a page. */
export function openShortcutSettings(): void {
  const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
  if (commands.openShortcutSettings) void commands.openShortcutSettings();
  else void browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}
