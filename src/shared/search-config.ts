/**
 * How the knowledge base is indexed for search: shared by the build (which writes the indexes) and the
 * popup and the worker (which load them), since MiniSearch needs the same tokenizer and term processing on
 * both sides.
 */

export const SMALL_FIELDS = ['title', 'errors', 'keywords', 'summary'] as const;
export const BODY_FIELDS = ['body'] as const;
/** Stored with each document of the small index: what a result shows, and the error texts for exact-phrase ranking. */
export const STORE_FIELDS = ['title', 'summary', 'products', 'errors'] as const;

const STOP_WORDS = new Set(
  'a an and are as at be but by can did do does error for from has have i if in into is it its may my no not of on or our please so that the their then there these this to was we were when which while will with you your'.split(' '),
);

/** Splits on anything that is not a letter, digit, `_` or an inner dot; camelCase words also yield their parts. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.normalize('NFKC').split(/[^\p{L}\p{N}_.]+/u)) {
    const token = raw.replace(/^\.+|\.+$/g, '');
    if (!token) continue;
    out.push(token);
    const pieces = token.split(/[._]|(?<=\p{Ll})(?=\p{Lu})/u).filter(Boolean);
    if (pieces.length > 1) out.push(...pieces);
  }
  return out;
}

/** Drops stop words and ids (runs of digits, hex strings) so "(trait 88231)" in a pasted line is ignored. */
export function processTerm(term: string): string | null {
  const lower = term.toLowerCase();
  if (lower.length < 2 && !/\d/.test(lower)) return null;
  if (STOP_WORDS.has(lower)) return null;
  if (/^\d{3,}$/.test(lower)) return null;
  if (/^[0-9a-f-]{8,}$/.test(lower) && /\d/.test(lower)) return null;
  return lower;
}
