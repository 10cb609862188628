import type { Storage } from 'webextension-polyfill';
import { ext } from './ext';
import { OPTIONS_KEY, parseOptions, reparseOptions, serializeOptions, type Options } from './options';
import { serial } from './serial';

/**
 * Reading and writing the options in storage.sync; shared by every part of the extension (the options
 * page, the popup, the tip's "Don't show again"). Every write goes through one queue, so two quick changes
 * cannot both read the same old options and lose one.
 */

/** The part of a storage area the store uses: storage.sync in the extension, a stub in Node tests. */
export interface OptionsArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export type OptionsChange = (current: Options) => Partial<Options>;

export interface OptionsStore {
  load(): Promise<Options>;
  /** Applies `change` to the options as stored when its turn comes, and resolves with the result. */
  update(change: OptionsChange): Promise<Options>;
}

/**
 * A store over `area`. In extension pages and the worker the queue also holds a Web Lock, which every page
 * of the extension shares, so a change in the options page and one from the popup wait for each other too.
 */
export function optionsStore(area: OptionsArea, lock: (run: () => Promise<Options>) => Promise<Options> = (run) => run()): OptionsStore {
  const queue = serial();
  const load = async () => {
    try {
      return parseOptions((await area.get(OPTIONS_KEY))[OPTIONS_KEY]);
    } catch {
      return parseOptions(undefined);
    }
  };
  const write = async (change: OptionsChange) => {
    const current = await load();
    const next = reparseOptions({ ...current, ...change(current) });
    await area.set({ [OPTIONS_KEY]: serializeOptions(next) });
    return next;
  };
  return {
    load,
    update: (change) => queue(() => lock(() => write(change))),
  };
}

/**
 * Web Locks are shared by the pages of one origin. A content script runs in the page's origin, where the
 * page could hold a lock of the same name forever: there the queue alone serialises.
 */
async function extensionLock(run: () => Promise<Options>): Promise<Options> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  const ours = /^(chrome|moz)-extension:$/.test(globalThis.location?.protocol ?? '');
  return locks && ours ? await locks.request('xc-options', run) : run();
}

let shared: OptionsStore | null = null;
function store(): OptionsStore {
  shared ??= optionsStore(ext.storage.sync, extensionLock);
  return shared;
}

export function loadOptions(): Promise<Options> {
  return store().load();
}

export function updateOptions(change: OptionsChange): Promise<Options> {
  return store().update(change);
}

/** Calls back with the new options whenever they change, from any tab or page. Returns an unsubscribe. */
export function watchOptions(callback: (options: Options) => void): () => void {
  const listener = (changes: Record<string, Storage.StorageChange>, area: string) => {
    if (area === 'sync' && OPTIONS_KEY in changes) callback(parseOptions(changes[OPTIONS_KEY].newValue));
  };
  ext.storage.onChanged.addListener(listener);
  return () => ext.storage.onChanged.removeListener(listener);
}
