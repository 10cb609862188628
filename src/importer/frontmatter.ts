import { invalidUtf8Line } from '../compiler/load';
import { withoutCrmAddresses } from '../compiler/rules';
import { readFrontMatter } from '../compiler/yaml';
import { PRODUCT_KEYS, type ProductKey } from '../shared/products';
import { cleanLine, unescapeMarkdown } from './text';

/**
 * The knowledge base's front matter, read from an allow-list of fields. Private fields (internal notes,
 * author names, CRM links, version numbers) are never read, so they cannot reach an article, a log line or
 * the report.
 */

export interface KcsMeta {
  title: string;
  description: string;
  /** Our keys, in PRODUCT_KEYS order, from `solution`, `product` and `applies-to`. */
  products: ProductKey[];
  /** Every product name the article lists, as written. */
  productNames: string[];
  keywords: string[];
  /** `YYYY-MM-DD`, from the publication date (or the creation date); null when neither parses. */
  updated: string | null;
  /** The `bug` flag, whatever its spelling; null when absent or unreadable. */
  bug: boolean | null;
  /** `hide: true`: an archived article. */
  hidden: boolean;
  /** Tutorial schema (`kt:` field, `doc-type`). */
  tutorial: boolean;
}

export class MalformedError extends Error {}

export interface SplitFile {
  data: Record<string, unknown>;
  body: string;
  /** Add to a line of the body to get its line in the file. */
  bodyOffset: number;
}

/**
 * Decodes a file and splits it into front matter and body. Throws MalformedError with a short reason
 * (empty, binary, no front matter, front matter not closed, bad YAML) that names no private value.
 */
export function splitFile(bytes: Uint8Array): SplitFile {
  if (!bytes.length) throw new MalformedError('empty file');
  if (bytes.includes(0)) throw new MalformedError('binary file (NUL bytes)');
  let raw: string;
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new MalformedError(`binary file (not UTF-8 text, line ${invalidUtf8Line(bytes)})`);
  }
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.trim()) throw new MalformedError('empty file');
  if (!/^---[ \t]*\n/.test(text)) throw new MalformedError('no front matter: the file does not start with "---"');
  const read = readFrontMatter(text);
  if (!read.ok) {
    // the reason can quote the text at fault, which may be a private field: keep only its words
    const reason = read.problem.message.replace(/(["'`]).*?\1/g, '…');
    throw new MalformedError(/not closed/.test(reason) ? 'front matter is not closed by a "---" line' : `${reason} (line ${read.problem.line})`);
  }
  return { data: read.front.data as Record<string, unknown>, body: read.front.body, bodyOffset: read.front.bodyOffset };
}

/**
 * Knowledge-base product names → our product keys. Experience Platform covers what runs in its UI:
 * Real-Time CDP and Data Collection (tags). Journey Optimizer, Campaign, Experience Manager, the Experience
 * Cloud shell and Admin Console are not covered.
 */
export const PRODUCT_MAP: Readonly<Record<string, ProductKey>> = {
  'audience manager': 'aam',
  'experience platform': 'aep',
  'real-time customer data platform': 'aep',
  'real-time cdp': 'aep',
  'rtcdp': 'aep',
  'data collection': 'aep',
  'tags': 'aep',
  'analytics': 'analytics',
  'customer journey analytics': 'cja',
  'target': 'target',
};

export function productKey(name: string): ProductKey | undefined {
  const key = cleanLine(name).toLowerCase().replace(/^adobe\s+/, '');
  return Object.prototype.hasOwnProperty.call(PRODUCT_MAP, key) ? PRODUCT_MAP[key] : undefined;
}

function listField(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(listField);
  if (typeof value === 'string') return value.split(',').map(cleanLine).filter(Boolean);
  return [];
}

const KCS_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/** `6/13/2024 5:50:47 PM` (quoted or not), a YAML date or `2024-06-13` → `2024-06-13`; null otherwise. */
export function kcsDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/^(['"])(.*)\1$/, '$2').trim();
  let y: number;
  let m: number;
  let d: number;
  const us = KCS_DATE.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
  if (us) [m, d, y] = [Number(us[1]), Number(us[2]), Number(us[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** `true`, `True`, `"false"`, `yes`, `no`… → boolean; null when absent or not a flag. */
export function bugFlag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/^(['"])(.*)\1$/, '$2').trim().toLowerCase();
  if (text === 'true' || text === 'yes') return true;
  if (text === 'false' || text === 'no') return false;
  return null;
}

/** Title or description text: markers unwrapped, Markdown escapes and stray tags removed, one line. */
export function plainField(value: unknown): string {
  if (typeof value !== 'string') return '';
  // CRM addresses go first (hidden ones too: entity-encoded, split by tags), and again once the text is plain
  return withoutCrmAddresses(cleanLine(unescapeMarkdown(withoutCrmAddresses(value).replace(/<\/?[a-zA-Z][^<>]*>/g, ' '))));
}

export function readMeta(data: Record<string, unknown>): KcsMeta {
  const productNames = [...new Set([...listField(data.solution), ...listField(data.product), ...listField(data['applies-to'])])];
  const keys = new Set(productNames.map(productKey).filter((k): k is ProductKey => !!k));
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const keyword of listField(data.keywords).map((k) => plainField(k))) {
    const folded = keyword.toLowerCase();
    if (!keyword || folded === 'kcs' || seen.has(folded)) continue;
    seen.add(folded);
    keywords.push(keyword);
  }
  return {
    title: plainField(data.title),
    description: plainField(data.description),
    products: PRODUCT_KEYS.filter((k) => keys.has(k)),
    productNames,
    keywords,
    updated: kcsDate(data['article-published-date']) ?? kcsDate(data['article-created-date']) ?? kcsDate(data['last-substantial-update']),
    bug: bugFlag(data.bug),
    hidden: bugFlag(data.hide) === true,
    tutorial: data.kt !== undefined || /video|tutorial/i.test(typeof data['doc-type'] === 'string' ? data['doc-type'] : ''),
  };
}
