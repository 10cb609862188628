import { useCallback, useEffect, useState } from 'preact/hooks';
import { emptyHistory, type History } from '../shared/history';
import type { Options, Theme } from '../shared/options';
import type { ProductKey } from '../shared/products';
import type { OptionsChange } from '../shared/options-store';
import { useFlash } from '../ui/useFlash';
import type { OptionsBackend } from './backend';

/** A change to the options, with what the page says once it is stored ("Saved" by default). */
export type Change = (patch: OptionsChange, message?: string) => void;

/**
 * The stored options (null while loading), following changes made elsewhere (a tip's "Don't show again",
 * another options tab), with the theme applied; `change` shows a change at once and stores it.
 */
export function useStoredOptions(backend: OptionsBackend, applyTheme: (theme: Theme) => void): { options: Options | null; change: Change; saved: string; say(message: string): void } {
  const [options, setOptions] = useState<Options | null>(null);
  const [saved, setSaved] = useFlash(2000);

  useEffect(() => {
    backend.load().then(setOptions, () => undefined);
    return backend.watch(setOptions);
  }, [backend]);

  const theme = options?.theme;
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme, applyTheme]);

  const change: Change = useCallback(
    (patch, message = 'Saved') => {
      // show the change at once; storage answers with the parsed result (and watch() with any later change)
      setOptions((current) => (current ? { ...current, ...patch(current) } : current));
      backend.update(patch).then(
        (next) => {
          setOptions(next);
          setSaved(message);
        },
        () => setSaved('Could not save the change'),
      );
    },
    [backend, setSaved],
  );
  return { options, change, saved, say: setSaved };
}

export type Articles = Map<string, { title: string; products: ProductKey[] }>;

/** Article titles and products by id, read only once `needed` (the article store is large). */
export function useArticles(backend: OptionsBackend, needed: boolean): Articles {
  const [articles, setArticles] = useState<Articles>(new Map());
  const loaded = articles.size > 0;
  useEffect(() => {
    if (needed && !loaded) backend.articles().then(setArticles, () => undefined);
  }, [backend, needed, loaded]);
  return articles;
}

/** The local history (null while loading), following what the worker records while the page is open. */
export function useHistory(backend: OptionsBackend): History | null {
  const [history, setHistory] = useState<History | null>(null);
  useEffect(() => {
    backend.history().then(setHistory, () => setHistory(emptyHistory()));
    return backend.watchHistory(setHistory);
  }, [backend]);
  return history;
}
