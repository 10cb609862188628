/** The five products the extension knows. Keys are the same in front matter, storage and code. */
export const PRODUCT_KEYS = ['aam', 'aep', 'analytics', 'cja', 'target'] as const;

export type ProductKey = (typeof PRODUCT_KEYS)[number];

export const PRODUCT_NAMES: Record<ProductKey, string> = {
  aam: 'Audience Manager',
  aep: 'Experience Platform',
  analytics: 'Analytics',
  cja: 'Customer Journey Analytics',
  target: 'Target',
};

/** Products as a short line of text: "Audience Manager · Experience Platform". */
export function productLine(products: readonly ProductKey[]): string {
  return products.map((p) => PRODUCT_NAMES[p]).join(' · ');
}

export function isProductKey(value: unknown): value is ProductKey {
  return typeof value === 'string' && (PRODUCT_KEYS as readonly string[]).includes(value);
}

/**
 * Pages where the content script runs. Kept in step with manifest.json by a test.
 * experience.adobe.com is the unified shell; products load in frames on *.experience.adobe.net;
 * Audience Manager also lives on bank.demdex.com. The documentation site is deliberately absent.
 */
export const WATCHED_HOSTS = [
  'https://experience.adobe.com/*',
  'https://*.experience.adobe.net/*',
  'https://bank.demdex.com/*',
] as const;
