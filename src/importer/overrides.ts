import matter from 'gray-matter';

/**
 * `importer-overrides.yaml`: per article, error texts to add (optionally scoped to pages by a url pattern)
 * and extracted texts to remove. Adding a text the extractor also found, with a url, scopes it.
 *
 *   KA-14505:
 *     add: [{ text: "Unknown Error", url: "https://experience.adobe.com/*target*" }]
 *   KA-12345:
 *     remove: ["Some false positive"]
 */

export interface AddedText {
  text: string;
  url?: string;
}

export interface ArticleOverride {
  add: AddedText[];
  remove: string[];
}

export type Overrides = Map<string, ArticleOverride>;

export class OverrideError extends Error {}

const ID = /^KA-\d{4,6}$/;

function fail(where: string, message: string): never {
  throw new OverrideError(`${where}: ${message}`);
}

/** Parses and checks the override file; throws OverrideError naming the entry at fault. */
export function parseOverrides(text: string, name = 'importer-overrides.yaml'): Overrides {
  let data: unknown;
  try {
    data = matter(`---\n${text.replace(/\r\n?/g, '\n')}\n---\n`, { language: 'yaml' }).data;
  } catch (error) {
    fail(name, `not valid YAML: ${(error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0]}`);
  }
  const out: Overrides = new Map();
  if (data === null || data === undefined) return out;
  if (typeof data !== 'object' || Array.isArray(data)) fail(name, 'expected article ids as keys');
  for (const [id, value] of Object.entries(data as Record<string, unknown>)) {
    const where = `${name}: ${id}`;
    if (!ID.test(id)) fail(where, 'keys must be article ids such as KA-14505');
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail(where, 'expected add: and/or remove:');
    const entry: ArticleOverride = { add: [], remove: [] };
    for (const [key, list] of Object.entries(value as Record<string, unknown>)) {
      if (key !== 'add' && key !== 'remove') fail(where, `unknown key "${key}": use add or remove`);
      if (!Array.isArray(list)) fail(where, `${key} must be a list`);
      for (const item of list) {
        if (key === 'remove') {
          if (typeof item !== 'string' || !item.trim()) fail(where, 'remove takes error texts (strings)');
          entry.remove.push(item);
          continue;
        }
        if (typeof item === 'string' && item.trim()) {
          entry.add.push({ text: item });
          continue;
        }
        const added = (item ?? {}) as Record<string, unknown>;
        if (typeof added !== 'object' || typeof added.text !== 'string' || !added.text.trim()) fail(where, 'add takes texts, or { text, url }');
        for (const k of Object.keys(added)) if (k !== 'text' && k !== 'url') fail(where, `unknown key "${k}" in an added text`);
        if (added.url !== undefined && (typeof added.url !== 'string' || !/^https:\/\/[^/]+/.test(added.url))) fail(where, `url "${String(added.url)}" must start with https:// and a host`);
        entry.add.push({ text: added.text, url: added.url as string | undefined });
      }
    }
    out.set(id, entry);
  }
  return out;
}
