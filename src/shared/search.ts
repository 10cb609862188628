import MiniSearch, { type SearchOptions } from 'minisearch';
import { compact } from '../matcher/fold';
import { patternParts } from '../matcher/matcher';
import type { ArticleInfo } from './kb-types';
import { isProductKey, type ProductKey } from './products';
import { BODY_FIELDS, SMALL_FIELDS, STORE_FIELDS, processTerm, tokenize } from './search-config';

/**
 * Runtime search over the knowledge base, for the popup and for the worker (the address bar's suggestions,
 * the articles offered when one did not help): pure (no DOM, no browser APIs), tested in Node.
 *
 * Ranking, in order:
 * 1. An article one of whose error texts the query contains word for word (after folding: case, quotes,
 *    dashes, whitespace) comes first, so a whole pasted error line, ids and all, finds its article. Longer
 *    error texts outrank shorter ones: they are more specific.
 * 2. Then the score of the small index (titles, error texts, keywords, summary; typo tolerant, prefixes),
 *    plus, once it is loaded, a lower-weighted score from the index of article bodies.
 */

export type { ArticleInfo } from './kb-types';

/** A search result (the matcher's hits on a page are another thing: `Hit` in matcher/matcher.ts). */
export interface SearchHit extends ArticleInfo {
  score: number;
  /** The query holds one of the article's error texts word for word. */
  exact: boolean;
}

export interface Query {
  text: string;
  /** Only articles of these products; null or absent: every product. */
  products?: readonly ProductKey[] | null;
  /** At most this many hits (default 50). */
  limit?: number;
}

export interface Results {
  hits: SearchHit[];
  /** Articles that matched but belong only to products outside the filter. */
  hidden: number;
  /** Articles that matched within the filter; `hits` holds the best of them, up to the limit. */
  total: number;
}

/**
 * An article is related to a text when it shares at least this many of its words (in its title, error
 * texts, keywords or summary), or all of a text of fewer words: one shared word ("error", "delete") says
 * nothing about two problems being alike.
 */
export const RELATED_WORDS = 2;

/** How much a body match counts against a match in the small index. */
export const BODY_WEIGHT = 0.35;
/** An error text must have at least this many folded characters to count as an exact match. */
const MIN_EXACT = 6;

interface Phrase {
  id: string;
  /** Folded literal parts, in order; variable parts are left out. */
  parts: string[];
  length: number;
}

/** The parts of MiniSearch's serialised form read here (its documented JSON layout). */
interface SerializedIndex {
  documentIds: Record<string, string>;
  storedFields: Record<string, Record<string, unknown> | undefined>;
}

const smallOptions = { fields: [...SMALL_FIELDS], storeFields: [...STORE_FIELDS], tokenize, processTerm };
const bodyOptions = { fields: [...BODY_FIELDS], tokenize, processTerm };

/**
 * The tokenizer adds the parts of a compound word after it (`pairedTraitSegments` → pairedtraitsegments,
 * paired, trait, segments). A term is such a part when an earlier, longer term of the query contains it.
 */
function isPart(terms: string[], index: number): boolean {
  for (let i = 0; i < index; i++) if (terms[i].length > terms[index].length && terms[i].includes(terms[index])) return true;
  return false;
}

/** How many words the query has, not counting the parts of compound words. */
function wordCount(terms: string[]): number {
  let words = 0;
  for (let i = 0; i < terms.length; i++) if (!isPart(terms, i)) words++;
  return words;
}

/** Whether a term belongs to the query's last word (the one being typed), or is one of its parts. */
function inLastWord(terms: string[], index: number): boolean {
  for (let i = terms.length - 1; i > index; i--) if (!isPart(terms, i)) return false;
  return true;
}

/** A part counts half, so the article that has the whole name wins over ones that share its parts. */
function boostTerm(_term: string, index: number, terms: string[]): number {
  return isPart(terms, index) ? 0.5 : 1;
}

/**
 * Prefixes from three characters on: a one- or two-letter prefix matches a large part of the vocabulary,
 * costs the most and ranks nothing useful. In a query of more than three words only the word being typed is
 * a prefix, and a query of many words (a pasted line: copied, so no typos; its exact text is matched anyway)
 * is not fuzzy. Typos: at most two edits, whatever the word's length.
 */
const SMALL_SEARCH: SearchOptions = {
  boost: { title: 3, errors: 3, keywords: 2, summary: 1 },
  combineWith: 'OR',
  prefix: (term, index, terms) => term.length >= 3 && (wordCount(terms) <= 3 || inLastWord(terms, index)),
  fuzzy: (term, _index, terms) => (term.length > 3 && wordCount(terms) <= 6 ? 0.2 : false),
  maxFuzzy: 2,
  boostTerm,
};

/** Body search is stricter still, for speed and because bodies hold many near neighbours. */
const BODY_SEARCH: SearchOptions = {
  prefix: (term, index, terms) => term.length >= 3 && inLastWord(terms, index),
  fuzzy: (term, _index, terms) => (term.length > 5 && wordCount(terms) <= 4 ? 0.2 : false),
  maxFuzzy: 1,
  combineWith: 'OR',
  boostTerm,
};

function storedErrors(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/\s*\n\s*/).filter(Boolean);
  return [];
}

export class KnowledgeSearch {
  private small: MiniSearch | null = null;
  private body: MiniSearch | null = null;
  private readonly infos = new Map<string, ArticleInfo>();
  private phraseList: Phrase[] | null = null;

  /**
   * Reads the article list at once (cheap: what "On this page" needs to show titles); the search index
   * itself is built on the first search, or earlier with prepare().
   */
  private constructor(private readonly plain: SerializedIndex) {
    for (const [shortId, id] of Object.entries(plain.documentIds)) {
      const stored = plain.storedFields[shortId] ?? {};
      const products = Array.isArray(stored.products) ? stored.products.filter(isProductKey) : [];
      this.infos.set(id, { id, title: String(stored.title ?? id), summary: String(stored.summary ?? ''), products });
    }
  }

  /** From kb/search-small.json, as text or parsed. */
  static fromJSON(smallIndex: string | object): KnowledgeSearch {
    return new KnowledgeSearch((typeof smallIndex === 'string' ? JSON.parse(smallIndex) : smallIndex) as SerializedIndex);
  }

  /** Builds the search index now rather than on the first search. */
  prepare(): void {
    this.small ??= MiniSearch.loadJS(this.plain as unknown as Parameters<typeof MiniSearch.loadJS>[0], smallOptions);
  }

  get prepared(): boolean {
    return this.small !== null;
  }

  /** Adds the index of article bodies (kb/search-body.json); searches from then on count body matches. */
  addBody(bodyIndex: string | object): void {
    const plain = typeof bodyIndex === 'string' ? JSON.parse(bodyIndex) : bodyIndex;
    this.body = MiniSearch.loadJS(plain as Parameters<typeof MiniSearch.loadJS>[0], bodyOptions);
  }

  get size(): number {
    return this.infos.size;
  }

  /** Title, summary and products of an article, from the small index. */
  info(id: string): ArticleInfo | undefined {
    return this.infos.get(id);
  }

  /** Every article's error texts as folded literal parts, for exact matches. */
  private get phrases(): Phrase[] {
    if (this.phraseList) return this.phraseList;
    this.phraseList = [];
    for (const [shortId, id] of Object.entries(this.plain.documentIds)) {
      for (const text of storedErrors(this.plain.storedFields[shortId]?.errors)) {
        const parts = patternParts(text).filter(Boolean);
        const length = parts.reduce((sum, part) => sum + part.length, 0);
        if (length >= MIN_EXACT) this.phraseList.push({ id, parts, length });
      }
    }
    return this.phraseList;
  }

  search(query: Query): Results {
    const text = query.text.trim();
    if (!text) return { hits: [], hidden: 0, total: 0 };
    this.prepare();
    const scores = new Map<string, number>();
    for (const result of this.small!.search(text, SMALL_SEARCH)) scores.set(result.id as string, result.score);
    if (this.body) {
      for (const result of this.body.search(text, BODY_SEARCH)) {
        scores.set(result.id as string, (scores.get(result.id as string) ?? 0) + BODY_WEIGHT * result.score);
      }
    }
    const exact = exactMatches(this.phrases, text);
    for (const id of exact.keys()) if (!scores.has(id)) scores.set(id, 0);

    const allowed = query.products ? new Set(query.products) : null;
    const kept: [id: string, score: number, exact: number][] = [];
    let hidden = 0;
    for (const [id, score] of scores) {
      const info = this.infos.get(id);
      if (!info) continue;
      if (allowed && !info.products.some((p) => allowed.has(p))) hidden++;
      else kept.push([id, score, exact.get(id) ?? 0]);
    }
    kept.sort((a, b) => b[2] - a[2] || b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const hits = kept.slice(0, query.limit ?? 50).map(([id, score, exactLength]) => ({ ...this.infos.get(id)!, score, exact: exactLength > 0 }));
    return { hits, hidden, total: kept.length };
  }

  /**
   * The articles most like `text` other than `without`, best first: those that hold one of their error
   * texts word for word, or share RELATED_WORDS of its words. What "Did this help? No" offers instead.
   */
  related(text: string, without: string, limit: number, products?: readonly ProductKey[] | null): SearchHit[] {
    this.prepare();
    const words = new Set(tokenize(text).map(processTerm).filter(Boolean)).size;
    const need = Math.min(RELATED_WORDS, words);
    const sharing = new Set(
      this.small!.search(text, SMALL_SEARCH)
        .filter((result) => new Set(result.queryTerms).size >= need)
        .map((result) => result.id as string),
    );
    return this.search({ text, products, limit: limit + 1 + sharing.size })
      .hits.filter((hit) => hit.id !== without && (hit.exact || sharing.has(hit.id)))
      .slice(0, limit);
  }
}

/** Articles whose error text the query holds word for word, with the length of the longest such text. */
function exactMatches(phrases: readonly Phrase[], query: string): Map<string, number> {
  const found = new Map<string, number>();
  const folded = compact(query);
  if (folded.length < MIN_EXACT) return found;
  for (const phrase of phrases) {
    if (phrase.length > folded.length || phrase.length <= (found.get(phrase.id) ?? 0)) continue;
    let at = 0;
    let whole = true;
    for (const part of phrase.parts) {
      const next = folded.indexOf(part, at);
      if (next < 0) {
        whole = false;
        break;
      }
      at = next + part.length;
    }
    if (whole) found.set(phrase.id, phrase.length);
  }
  return found;
}
