import type { ProductKey } from './products';

/** Pattern modes in the detection table (a pattern's `m`); a pattern without one is an ordinary error text. */
/** A generic error text: counts only where it fills its block of text. */
export const MODE_STRICT = 1;
/** A page-context text: counts anywhere on a word boundary, raises no tip. */
export const MODE_CONTEXT = 2;

export interface TablePattern {
  /** Index into `articles`. */
  a: number;
  /** Folded literal parts; `''` is a variable part. */
  p: string[];
  /** Index of the literal part the trie finds first (the longest). */
  k: number;
  /** URL globs where the pattern counts; absent: everywhere. */
  u?: string[];
  /** MODE_STRICT or MODE_CONTEXT; absent: an ordinary error text. */
  m?: number;
}

/** What a list or a suggestion shows of an article. */
export interface ArticleInfo {
  id: string;
  title: string;
  summary: string;
  products: ProductKey[];
}

/**
 * The ArticleInfo of anything that holds one (a stored article, a search hit): its four fields and nothing
 * more, so no body or score crosses a message or lands in a list.
 */
export function articleInfo({ id, title, summary, products }: ArticleInfo): ArticleInfo {
  return { id, title, summary, products };
}

/**
 * An article as the content script carries it: enough to draw a tip at once (its title and products). The
 * summary comes with the steps, from the article store, in the tip's one request: carried here it would
 * grow the script every frame injects by a sentence an article.
 */
export type TableArticle = Omit<ArticleInfo, 'summary'>;

export interface TableContext {
  a: number;
  url: string;
  /** Index of a MODE_CONTEXT pattern that must also be on the page. */
  text?: number;
}

/** What the content script carries: no bodies. */
export interface DetectionTable {
  articles: TableArticle[];
  patterns: TablePattern[];
  contexts: TableContext[];
}

/** A Markdown body compiled at build time: text, or [tag, attributes, ...children] of allow-listed tags. */
export type ElementNode = string | [tag: string, attrs: Record<string, string> | null, ...children: ElementNode[]];

export interface StoredArticle extends ArticleInfo {
  errors: string[];
  contexts: { url: string; text?: string }[];
  keywords: string[];
  source: string;
  updated: string;
  body: ElementNode[];
  /** The first paragraph of "What it means", for the tip. */
  meaning: ElementNode[];
  /** The numbered list of "How to fix it". */
  steps: ElementNode;
}

export interface KnowledgeBaseMeta {
  count: number;
  builtAt: string;
}
