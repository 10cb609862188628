import { DROP, GAP, foldCode, prepare } from './fold';

/** Whitespace (or an inline element edge) stood before this character. */
export const F_GAP = 1;
/** A block edge (paragraph, cell, button, dialog, shadow root…) stood before this character. */
export const F_BLOCK = 2;

/**
 * Folded page text as char codes, with a flag per character saying what separated it from the previous
 * one. Filled one text node at a time; `sources` maps each stretch back to what it came from, so a match
 * can be traced to the element that shows it.
 */
/** A fresh buffer's room, in characters: most reads (a toast, a cell, a dialog) fit in it. */
const INITIAL_CAPACITY = 1024;
/**
 * The most room a buffer keeps between reads. A read may grow it further (a long page read in 64,000-
 * character slices takes up to twice that), but once reset it gives the memory back, so one huge read does
 * not stay held for the life of the page.
 */
export const MAX_KEPT_CAPACITY = 1 << 17;

export class TextBuffer<Source = unknown> {
  codes = new Uint16Array(INITIAL_CAPACITY);
  flags = new Uint8Array(INITIAL_CAPACITY);
  length = 0;
  /** starts[i] is where sources[i] begins in the buffer; ascending. */
  starts: number[] = [];
  sources: Source[] = [];
  private pending = F_BLOCK;

  reset(): void {
    this.length = 0;
    this.starts.length = 0;
    this.sources.length = 0;
    this.pending = F_BLOCK;
    if (this.codes.length > MAX_KEPT_CAPACITY) {
      this.codes = new Uint16Array(INITIAL_CAPACITY);
      this.flags = new Uint8Array(INITIAL_CAPACITY);
    }
  }

  /** The room the buffer holds now, in characters. */
  get capacity(): number {
    return this.codes.length;
  }

  /** Marks an edge before whatever comes next. */
  edge(flag: number): void {
    this.pending |= flag;
  }

  append(raw: string, source: Source): void {
    const text = prepare(raw);
    const need = this.length + text.length;
    if (need > this.codes.length) this.grow(need);
    const start = this.length;
    const { codes, flags } = this;
    let n = start;
    let pending = this.pending | F_GAP; // a text node edge counts as a gap
    for (let i = 0; i < text.length; i++) {
      const c = foldCode(text.charCodeAt(i));
      if (c === GAP) pending |= F_GAP;
      else if (c !== DROP) {
        codes[n] = c;
        flags[n++] = pending;
        pending = 0;
      }
    }
    if (n > start) {
      this.starts.push(start);
      this.sources.push(source);
    }
    this.length = n;
    this.pending = pending;
  }

  /** The source that holds position `pos`. */
  sourceAt(pos: number): Source | undefined {
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return this.sources[lo];
  }

  text(from = 0, to = this.length): string {
    let out = '';
    for (let i = from; i < to; i += 8192) {
      out += String.fromCharCode(...this.codes.subarray(i, Math.min(to, i + 8192)));
    }
    return out;
  }

  private grow(need: number): void {
    let size = this.codes.length;
    while (size < need) size *= 2;
    const codes = new Uint16Array(size);
    codes.set(this.codes.subarray(0, this.length));
    const flags = new Uint8Array(size);
    flags.set(this.flags.subarray(0, this.length));
    this.codes = codes;
    this.flags = flags;
  }

  /** A buffer holding one string (the unit tests match text this way). */
  static of(raw: string): TextBuffer<number> {
    const buf = new TextBuffer<number>();
    buf.append(raw, 0);
    return buf;
  }
}
