import { isArticleId } from './article-id';
import { migrate, type Migrations, type Stored } from './migrate';
import { PRODUCT_KEYS, isProductKey, type ProductKey } from './products';

/**
 * The person's settings: defaults, the stored schema's version and its migrations live here and only here.
 * Whatever is stored (missing, partial, from an older version, corrupt), reading it never throws: each field
 * that does not hold a valid value falls back to its default on its own.
 */

/** The themes a person may pick: the browser's preference, or always light or dark. */
export const THEME_KEYS = ['auto', 'light', 'dark'] as const;

export type Theme = (typeof THEME_KEYS)[number];

const isTheme = (value: unknown): value is Theme => (THEME_KEYS as readonly unknown[]).includes(value);

export interface Options {
  products: ProductKey[];
  tips: boolean;
  /** Article ids the person asked never to be shown as tips again. */
  muted: string[];
  theme: Theme;
  /** Keep the local history (what was shown, opened, helped; texts that found nothing). Off clears it. */
  history: boolean;
}

export const OPTIONS_VERSION = 2;
export const OPTIONS_KEY = 'options';

export const DEFAULT_OPTIONS: Readonly<Options> = Object.freeze({
  products: [...PRODUCT_KEYS],
  tips: true,
  muted: [],
  theme: 'auto',
  history: true,
});

/**
 * Version 1 kept products as a map of flags ({ aam: true, target: false }) and muted articles as
 * `hidden`. Each migration takes a stored object of its version to the next.
 */
const MIGRATIONS: Migrations = {
  1: ({ hidden, products, ...rest }) => ({
    ...rest,
    muted: hidden,
    products:
      products && typeof products === 'object' && !Array.isArray(products)
        ? Object.entries(products as Record<string, unknown>).filter(([, on]) => on === true).map(([key]) => key)
        : products,
  }),
};

export function parseOptions(raw: unknown): Options {
  const stored = migrate(raw, OPTIONS_VERSION, MIGRATIONS);
  // an empty list is a choice (nothing picked); a list with nothing valid in it is corruption
  const valid = Array.isArray(stored.products) ? stored.products.filter(isProductKey) : [];
  const products = Array.isArray(stored.products) && (valid.length > 0 || stored.products.length === 0) ? valid : null;
  return {
    products: products ? PRODUCT_KEYS.filter((key) => products.includes(key)) : [...DEFAULT_OPTIONS.products],
    tips: typeof stored.tips === 'boolean' ? stored.tips : DEFAULT_OPTIONS.tips,
    muted: Array.isArray(stored.muted) ? [...new Set(stored.muted.filter(isArticleId))] : [],
    theme: isTheme(stored.theme) ? stored.theme : DEFAULT_OPTIONS.theme,
    history: typeof stored.history === 'boolean' ? stored.history : DEFAULT_OPTIONS.history,
  };
}

export function serializeOptions(options: Options): Stored {
  return { version: OPTIONS_VERSION, ...options };
}

/** Options from elsewhere (a change merged in, a message), made valid again: what storage would give back. */
export function reparseOptions(options: Options): Options {
  return parseOptions(serializeOptions(options));
}
