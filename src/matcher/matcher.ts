import { MODE_CONTEXT, MODE_STRICT, type DetectionTable, type TablePattern } from '../shared/kb-types';
import { F_BLOCK, F_GAP, type TextBuffer } from './buffer';
import { compact, isAlnum, isClausePunct, isSentenceBreak } from './fold';

/** How far a variable part (`{id}`) may stretch, in folded characters. */
export const MAX_VARIABLE = 60;

/** Words that may stand before a message without breaking the clause: "Error Not allowed to …". */
const LEAD_WORDS = new Set(['error', 'warning', 'failed', 'failure', 'alert', 'exception', 'uncaught', 'oops', 'note', 'info']);

/**
 * A node of the anchors' trie, grown as text reaches it: a node holds the patterns whose anchor starts with
 * its path (`pending`) until a character is first looked up from it, and only then sorts them into its
 * children. A frame whose text never gets past the first letters of any anchor builds next to nothing.
 */
interface TrieNode {
  next: Map<number, TrieNode>;
  /** Patterns whose anchor ends here (known once the node has grown). */
  ends: number[] | null;
  /** Patterns whose anchor goes through here, not yet sorted into `next`. */
  pending: number[] | null;
  /** How many characters of the anchor lie on the path to this node. */
  depth: number;
}

/**
 * Says whether the inline edge before `pos` (two text nodes in different elements, no space between) is,
 * as the page lays it out, the edge of a box of its own: a span made a flex or grid item, a cell drawn as a
 * block. Asked only when a message would otherwise run on into the text beside it, so it may be costly.
 */
export type BoxEdge = (pos: number) => boolean;

export interface Hit {
  pattern: number;
  article: number;
  start: number;
  end: number;
}

function node(depth: number, pending: number[]): TrieNode {
  return { next: new Map(), ends: null, pending, depth };
}

/**
 * Finds every pattern of a detection table in folded text in one pass: a trie over each pattern's longest
 * literal part, walked from word starts only, then a check of the pattern's other parts and of the clause
 * edges around the hit. Pure: no DOM.
 */
export class Matcher {
  private readonly root: TrieNode;
  readonly patterns: readonly TablePattern[];

  constructor(table: Pick<DetectionTable, 'patterns'>) {
    this.patterns = table.patterns;
    this.root = node(0, table.patterns.map((_, index) => index));
    this.grow(this.root);
  }

  /** Sorts a node's patterns into its children: done once, the first time text reaches the node. */
  private grow(at: TrieNode): void {
    const { next } = at;
    for (const index of at.pending!) {
      const pattern = this.patterns[index];
      const anchor = pattern.p[pattern.k];
      if (anchor.length === at.depth) {
        (at.ends ??= []).push(index);
        continue;
      }
      const c = anchor.charCodeAt(at.depth);
      const child = next.get(c);
      if (child) child.pending!.push(index);
      else next.set(c, node(at.depth + 1, [index]));
    }
    at.pending = null;
  }

  /** Every hit in `buf`, in text order; `allowed(pattern)` can rule patterns out (scope, product). */
  find(buf: TextBuffer, allowed: (pattern: number) => boolean = () => true, boxEdge?: BoxEdge): Hit[] {
    const { codes, flags, length } = buf;
    const hits: Hit[] = [];
    for (let i = 0; i < length; i++) {
      if (i > 0 && !flags[i] && isAlnum(codes[i - 1]) && isAlnum(codes[i])) continue; // not a word start
      let at: TrieNode | undefined = this.root;
      for (let j = i; j < length; j++) {
        at = at.next.get(codes[j]);
        if (!at) break;
        if (at.pending !== null) this.grow(at);
        if (at.ends && isWordEnd(buf, j + 1)) {
          for (const index of at.ends) {
            if (!allowed(index)) continue;
            const span = this.verify(buf, this.patterns[index], i, j + 1, boxEdge);
            if (span) hits.push({ pattern: index, article: this.patterns[index].a, start: span[0], end: span[1] });
          }
        }
      }
    }
    return hits;
  }

  /**
   * The patterns whose longest literal part occurs anywhere in `buf`, word edges or not, sorted: a cheap
   * sign that text read without its element edges (a busy region's textContent) may hold a message.
   */
  anchorsIn(buf: TextBuffer, allowed: (pattern: number) => boolean = () => true): number[] {
    const { codes, length } = buf;
    const out: number[] = [];
    for (let i = 0; i < length; i++) {
      let at: TrieNode | undefined = this.root.next.get(codes[i]);
      for (let j = i + 1; at; j++) {
        if (at.pending !== null) this.grow(at);
        if (at.ends) for (const index of at.ends) if (allowed(index)) out.push(index);
        if (j >= length) break;
        at = at.next.get(codes[j]);
      }
    }
    return out.sort((x, y) => x - y);
  }

  /** Checks the parts around the anchor and the clause edges; returns the whole span or null. */
  private verify(buf: TextBuffer, pattern: TablePattern, anchorStart: number, anchorEnd: number, boxEdge?: BoxEdge): [number, number] | null {
    const { p: parts, k } = pattern;
    let start = anchorStart;
    for (let part = k - 1; part >= 0; part -= 2) {
      // parts alternate: a variable part, then a literal before it (or nothing)
      const literal = part > 0 ? parts[part - 1] : null;
      const from = literal === null ? extendBack(buf, start, boxEdge) : findBack(buf, literal, start);
      if (from < 0) return null;
      start = from;
    }
    let end = anchorEnd;
    for (let part = k + 1; part < parts.length; part += 2) {
      const literal = part + 1 < parts.length ? parts[part + 1] : null;
      const to = literal === null ? extendForward(buf, end, boxEdge) : findForward(buf, literal, end);
      if (to < 0) return null;
      end = to;
    }
    if (pattern.m === MODE_CONTEXT) return [start, end];
    if (pattern.m === MODE_STRICT) return fillsBlock(buf, start, end) ? [start, end] : null;
    return opensClause(buf, start, boxEdge) && closesClause(buf, end, boxEdge) ? [start, end] : null;
  }
}

function isWordEnd(buf: TextBuffer, end: number): boolean {
  return end >= buf.length || buf.flags[end] !== 0 || !isAlnum(buf.codes[end - 1]) || !isAlnum(buf.codes[end]);
}

/** A variable part may not cross a sentence break or a block edge. */
function variableOk(buf: TextBuffer, from: number, to: number): boolean {
  if (to - from < 1 || to - from > MAX_VARIABLE) return false;
  for (let i = from; i < to; i++) {
    if (breaksAt(buf, i) || (i > from && buf.flags[i] & F_BLOCK)) return false;
  }
  return !(buf.flags[to] & F_BLOCK) || to >= buf.length;
}

/** Nearest occurrence of `literal` ending 1..MAX_VARIABLE characters before `before`; returns its start. */
function findBack(buf: TextBuffer, literal: string, before: number): number {
  for (let end = before - 1; end >= Math.max(literal.length, before - MAX_VARIABLE); end--) {
    const from = end - literal.length;
    if (startsWith(buf, literal, from) && variableOk(buf, end, before)) return from;
  }
  return -1;
}

/** Nearest occurrence of `literal` starting 1..MAX_VARIABLE characters after `after`; returns its end. */
function findForward(buf: TextBuffer, literal: string, after: number): number {
  const last = Math.min(buf.length - literal.length, after + MAX_VARIABLE);
  for (let from = after + 1; from <= last; from++) {
    if (startsWith(buf, literal, from) && variableOk(buf, after, from)) return from + literal.length;
  }
  return -1;
}

/** A leading variable part runs back to the start of its clause. */
function extendBack(buf: TextBuffer, before: number, boxEdge?: BoxEdge): number {
  let from = before;
  while (from > 0 && before - from < MAX_VARIABLE && !(buf.flags[from] & F_BLOCK) && !breaksAt(buf, from - 1)) from--;
  return opensClause(buf, from, boxEdge) && before - from >= 1 ? from : -1;
}

/** A trailing variable part runs on to the end of its clause. */
function extendForward(buf: TextBuffer, after: number, boxEdge?: BoxEdge): number {
  let to = after;
  while (to < buf.length && to - after < MAX_VARIABLE && !breaksAt(buf, to) && !(to > after && buf.flags[to] & F_BLOCK)) to++;
  return closesClause(buf, to, boxEdge) && to - after >= 1 ? to : -1;
}

function breaksAt(buf: TextBuffer, i: number): boolean {
  return isSentenceBreak(buf.codes[i], i + 1 >= buf.length || buf.flags[i + 1] !== 0);
}

function startsWith(buf: TextBuffer, literal: string, at: number): boolean {
  if (at < 0 || at + literal.length > buf.length) return false;
  for (let i = 0; i < literal.length; i++) if (buf.codes[at + i] !== literal.charCodeAt(i)) return false;
  return true;
}

/** The word that ends right before `end` (stopping at a gap or punctuation), as text. */
function wordBefore(buf: TextBuffer, end: number): [word: string, start: number] {
  let from = end;
  while (from > 0 && isAlnum(buf.codes[from - 1]) && !(buf.flags[from] & (F_GAP | F_BLOCK) && from < end)) from--;
  return [buf.text(from, end), from];
}

/** A message opens a clause: at a block edge, after punctuation, or after one lead word ("Error"). */
function opensClause(buf: TextBuffer, start: number, boxEdge?: BoxEdge): boolean {
  if (start === 0 || buf.flags[start] & F_BLOCK) return true;
  const before = buf.codes[start - 1];
  if (isClausePunct(before) || !isAlnum(buf.codes[start])) return true;
  if (!(buf.flags[start] & F_GAP)) return false;
  if (boxEdge?.(start)) return true;
  const [word, from] = wordBefore(buf, start);
  if (!LEAD_WORDS.has(word)) return false;
  return from === 0 || (buf.flags[from] & F_BLOCK) !== 0 || isClausePunct(buf.codes[from - 1]);
}

/** A message closes a clause: at a block edge, the end of the text, before punctuation, or at a box's edge. */
function closesClause(buf: TextBuffer, end: number, boxEdge?: BoxEdge): boolean {
  if (end >= buf.length || buf.flags[end] & F_BLOCK) return true;
  if (isClausePunct(buf.codes[end]) || !isAlnum(buf.codes[end - 1])) return true;
  return (buf.flags[end] & F_GAP) !== 0 && boxEdge !== undefined && boxEdge(end);
}

/** A generic message must be all its block says, give or take punctuation and one lead word. */
function fillsBlock(buf: TextBuffer, start: number, end: number): boolean {
  let i = start;
  while (i > 0 && !(buf.flags[i] & F_BLOCK)) {
    if (isAlnum(buf.codes[i - 1])) {
      const [word, from] = wordBefore(buf, i);
      if (!LEAD_WORDS.has(word)) return false;
      i = from;
    } else i--;
  }
  for (let j = end; j < buf.length && !(buf.flags[j] & F_BLOCK); j++) if (isAlnum(buf.codes[j])) return false;
  return true;
}

/**
 * Splits an error text into folded parts that alternate between literals and variable parts (`''`):
 * `Invalid customer id {id}:` gives ['invalidcustomerid', '', ':'].
 */
export function patternParts(text: string): string[] {
  const parts: string[] = [];
  text.split(/(\{[^{}]*\})/).forEach((piece) => {
    const isVariable = piece.startsWith('{') && piece.endsWith('}');
    const folded = isVariable ? '' : compact(piece);
    if (!isVariable && !folded) return;
    if (isVariable && parts.length && parts[parts.length - 1] === '') return; // {a}{b} is one variable part
    parts.push(folded);
  });
  return parts;
}

/** Index of the longest literal part: what the trie looks for. */
export function anchorIndex(parts: string[]): number {
  let best = -1;
  parts.forEach((part, index) => {
    if (part && (best < 0 || part.length > parts[best].length)) best = index;
  });
  return best;
}
