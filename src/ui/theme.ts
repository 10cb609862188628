import type { Theme } from '../shared/options';

/**
 * Light or dark for the extension's own pages: the options' theme, or the browser's preference when the
 * theme is "auto". The resolved theme goes on <html data-theme>, which base.css keys its colours on.
 */

const DARK = '(prefers-color-scheme: dark)';

export function resolveTheme(theme: Theme, prefersDark: boolean): 'light' | 'dark' {
  return theme === 'auto' ? (prefersDark ? 'dark' : 'light') : theme;
}

/** Applies `theme` now and whenever the browser's preference changes; call again with a new theme. */
export function themeController(root: HTMLElement = document.documentElement): (theme: Theme) => void {
  const media = matchMedia(DARK);
  let current: Theme = 'auto';
  const apply = () => {
    const resolved = resolveTheme(current, media.matches);
    root.dataset.theme = resolved;
    root.style.colorScheme = resolved;
  };
  media.addEventListener('change', apply);
  apply();
  return (theme) => {
    current = theme;
    apply();
  };
}
