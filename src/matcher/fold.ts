/**
 * One folding of text, shared by the article compiler (error patterns) and the content script (page text),
 * so both sides compare the same thing: NFKC, lower case, curly quotes and dashes as ASCII, zero-width
 * characters and soft hyphens gone, and whitespace removed. Removing whitespace lets a message split
 * across elements (`<b>Not allowed</b>to delete`) still match; where the whitespace was is kept as a flag.
 */

/**
 * Invisible characters: the soft hyphen, the Mongolian vowel separator, zero-width space, non-joiner and
 * joiner, the word joiner and the byte-order mark. Pages and sources put them inside words; every part
 * that folds or cleans text (this folding, the importer, the compiler's checks, a copied request) drops
 * exactly these.
 */
export const INVISIBLE = '\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff';

/** Spaces other than the ASCII ones: no-break and fixed-width spaces, line and paragraph separators. */
export const ODD_SPACES = '\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Curly single quotes, primes and the acute accent: each is written `'` where error texts are compared. */
export const SINGLE_QUOTES = '\u2018\u2019\u201a\u201b\u2032\u2035\u00b4';
/** Curly double quotes and double primes: each is written `"`. */
export const DOUBLE_QUOTES = '\u201c\u201d\u201e\u201f\u2033\u2036';

const every = (chars: string) => new RegExp(`[${chars}]`, 'g');

/** The text without its invisible characters. */
export function withoutInvisible(text: string): string {
  return text.replace(every(INVISIBLE), '');
}

/** Curly quotes and primes as ASCII quotes: error texts are written the way a UI shows them. */
export function straightQuotes(text: string): string {
  return text.replace(every(SINGLE_QUOTES), "'").replace(every(DOUBLE_QUOTES), '"');
}

/** Returned by foldCode for characters that vanish without a trace (zero-width, soft hyphen). */
export const DROP = -1;
/** Returned by foldCode for whitespace: vanishes, but marks a gap before the next character. */
export const GAP = -2;

/** What each non-ASCII character that folds becomes: GAP, DROP or an ASCII code. */
const FOLDS = new Map<number, number>();
const fold = (chars: string, to: number) => {
  for (const char of chars) FOLDS.set(char.charCodeAt(0), to);
};
fold(ODD_SPACES, GAP);
fold(INVISIBLE, DROP);
fold(SINGLE_QUOTES, 0x27); // '
fold(`${DOUBLE_QUOTES}\u00ab\u00bb`, 0x22); // " (guillemets too)
fold('\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d', 0x2d); // -
fold('\u2026', 0x2e); // … counts as a full stop

export function foldCode(c: number): number {
  if (c < 0x80) {
    if (c <= 0x20 || c === 0x7f) return GAP;
    return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  }
  return FOLDS.get(c) ?? c;
}

const NON_ASCII = /[^ -~\t\n\r]/;

/** NFKC and lower case, done by the engine, before the per-character folding. */
export function prepare(raw: string): string {
  return (NON_ASCII.test(raw) ? raw.normalize('NFKC') : raw).toLowerCase();
}

/** The compact folded form of a string, for build-time use and tests. */
export function compact(raw: string): string {
  const text = prepare(raw);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = foldCode(text.charCodeAt(i));
    if (c >= 0) out += String.fromCharCode(c);
  }
  return out;
}

export function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c > 0x7f;
}

/** Characters that end a clause: a message may start after one and end before one. */
export function isClausePunct(c: number): boolean {
  return c < 0x80 && !isAlnum(c) && c !== 0x5f; // every ASCII symbol except `_`, which joins identifiers
}

/**
 * Characters a variable part may not cross: the end of a sentence or a label. A full stop or colon counts
 * only when whitespace (or the end) follows, so host names, versions and URLs (`view.example.com`,
 * `https://…`) can fill a variable part. `spaced` says whether whitespace follows.
 */
export function isSentenceBreak(c: number, spaced = true): boolean {
  if (c === 0x2e || c === 0x3a) return spaced;
  return c === 0x21 || c === 0x3f || c === 0x3b;
}
