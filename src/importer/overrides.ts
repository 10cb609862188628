import { checkUrlPattern } from '../compiler/rules';
import { MAX_OVERRIDES_BYTES, parseYaml } from '../compiler/yaml';
import { isArticleId } from '../shared/article-id';

/**
 * `importer-overrides.yaml`: per article, error texts to add (optionally scoped to pages by a url pattern),
 * extracted texts to remove, and page contexts (`{ url, text }`, as in our own articles). Adding a text the
 * extractor also found, with a url, scopes it; removing an extracted text and adding the right one corrects
 * a wrong variable part.
 *
 *   KA-14505:
 *     add: [{ text: "Unknown Error", url: "https://experience.adobe.com/*target*" }]
 *   KA-12345:
 *     remove: ["Some false positive"]
 *   KA-20675:
 *     contexts: [{ url: "https://experience.adobe.com/*target*audiences*", text: "Audience Manager" }]
 */

export interface AddedText {
  text: string;
  url?: string;
}

export interface ArticleOverride {
  add: AddedText[];
  remove: string[];
  contexts: { url: string; text?: string }[];
}

export type Overrides = Map<string, ArticleOverride>;

export class OverrideError extends Error {}

function fail(where: string, message: string): never {
  throw new OverrideError(`${where}: ${message}`);
}

/** Parses and checks the override file; throws OverrideError naming the entry at fault. */
export function parseOverrides(text: string, name = 'importer-overrides.yaml'): Overrides {
  const parsed = parseYaml(text.replace(/\r\n?/g, '\n'), 1, MAX_OVERRIDES_BYTES, 'the override file');
  if (!parsed.ok) fail(`${name}:${parsed.problem.line}`, parsed.problem.message);
  const data = parsed.tree.data;
  const out: Overrides = new Map();
  if (data === null || data === undefined) return out;
  if (typeof data !== 'object' || Array.isArray(data)) fail(name, 'expected article ids as keys');
  for (const [id, value] of Object.entries(data as Record<string, unknown>)) {
    const where = `${name}:${parsed.tree.lineOf(id)}: ${id}`;
    if (!isArticleId(id)) fail(where, 'keys must be article ids such as KA-14505');
    if (!value || typeof value !== 'object' || Array.isArray(value)) fail(where, 'expected add:, remove: and/or contexts:');
    const entry: ArticleOverride = { add: [], remove: [], contexts: [] };
    for (const [key, list] of Object.entries(value as Record<string, unknown>)) {
      if (key !== 'add' && key !== 'remove' && key !== 'contexts') fail(where, `unknown key "${key}": use add, remove or contexts`);
      if (!Array.isArray(list)) fail(where, `${key} must be a list`);
      for (const item of list) readItem(entry, key, item, where);
    }
    out.set(id, entry);
  }
  return out;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

function readItem(entry: ArticleOverride, key: 'add' | 'remove' | 'contexts', item: unknown, where: string): void {
  if (key === 'remove') {
    if (!isText(item)) fail(where, 'remove takes error texts (strings)');
    entry.remove.push(item);
    return;
  }
  if (key === 'add' && isText(item)) {
    entry.add.push({ text: item });
    return;
  }
  const object = (item ?? {}) as Record<string, unknown>;
  if (typeof object !== 'object') fail(where, `${key} takes ${key === 'add' ? 'texts, or { text, url }' : '{ url, text }'}`);
  for (const k of Object.keys(object)) if (k !== 'text' && k !== 'url') fail(where, `unknown key "${k}" in ${key === 'add' ? 'an added text' : 'a context'}`);
  if (object.url !== undefined || key === 'contexts') {
    const bad = checkUrlPattern(object.url);
    if (bad) fail(where, bad);
  }
  if (key === 'add') {
    if (!isText(object.text)) fail(where, 'add takes texts, or { text, url }');
    entry.add.push({ text: object.text, url: object.url as string | undefined });
  } else {
    if (object.text !== undefined && !isText(object.text)) fail(where, 'a context text must be a string');
    entry.contexts.push(isText(object.text) ? { url: object.url as string, text: object.text } : { url: object.url as string });
  }
}
