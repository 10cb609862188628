/**
 * One folding of text, shared by the article compiler (error patterns) and the content script (page text),
 * so both sides compare the same thing: NFKC, lower case, curly quotes and dashes as ASCII, zero-width
 * characters and soft hyphens gone, and whitespace removed. Removing whitespace lets a message split
 * across elements (`<b>Not allowed</b>to delete`) still match; where the whitespace was is kept as a flag.
 */

/** Returned by foldCode for characters that vanish without a trace (zero-width, soft hyphen). */
export const DROP = -1;
/** Returned by foldCode for whitespace: vanishes, but marks a gap before the next character. */
export const GAP = -2;

export function foldCode(c: number): number {
  if (c < 0x80) {
    if (c <= 0x20 || c === 0x7f) return GAP;
    return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  }
  switch (c) {
    case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000: case 0x85:
      return GAP;
    case 0xad: case 0x200b: case 0x200c: case 0x200d: case 0x2060: case 0xfeff: case 0x180e:
      return DROP;
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032: case 0x2035: case 0xb4: case 0x60:
      return 0x27; // '
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033: case 0x2036: case 0xab: case 0xbb:
      return 0x22; // "
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0xfe58:
    case 0xfe63: case 0xff0d:
      return 0x2d; // -
    case 0x2026:
      return 0x2e; // … counts as a full stop
  }
  if (c >= 0x2000 && c <= 0x200a) return GAP;
  return c;
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
