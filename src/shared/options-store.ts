import browser from 'webextension-polyfill';
import { OPTIONS_KEY, parseOptions, serializeOptions, type Options } from './options';

/** Reading and writing the options in storage.sync; shared by every part of the extension. */

export async function loadOptions(): Promise<Options> {
  try {
    const stored = await browser.storage.sync.get(OPTIONS_KEY);
    return parseOptions(stored[OPTIONS_KEY]);
  } catch {
    return parseOptions(undefined);
  }
}

export async function updateOptions(change: (current: Options) => Partial<Options>): Promise<Options> {
  const current = await loadOptions();
  const next = parseOptions(serializeOptions({ ...current, ...change(current) }));
  await browser.storage.sync.set({ [OPTIONS_KEY]: serializeOptions(next) });
  return next;
}

/** Calls back with the new options whenever they change, from any tab or page. Returns an unsubscribe. */
export function watchOptions(callback: (options: Options) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'sync' && OPTIONS_KEY in changes) callback(parseOptions(changes[OPTIONS_KEY].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
