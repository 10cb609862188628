/**
 * The keyboard shortcuts the manifest declares (`commands`): their names here, their suggested keys in
 * manifest.json. People change the keys in the browser's own shortcut settings.
 */

/** Opens the toolbar popup. */
export const OPEN_POPUP = '_execute_action';
/** Moves the focus to the newest tip on the page; Escape inside the tip gives it back. */
export const FOCUS_TIP = 'focus-tip';

/** Where each browser lets people change an extension's shortcuts, in words. */
export function shortcutSettingsHelp(firefox: boolean): string {
  return firefox ? 'In Firefox: about:addons, the gear menu, Manage Extension Shortcuts.' : 'In Chrome: chrome://extensions/shortcuts (Edge: edge://extensions/shortcuts).';
}

/** A shortcut as its keys: "Alt+Shift+X" → Alt, Shift, X; macOS symbols ("⌥⇧X") one key per symbol. */
export function shortcutKeys(shortcut: string): string[] {
  if (!shortcut) return [];
  return shortcut.includes('+') ? shortcut.split('+').filter(Boolean) : [...shortcut];
}
