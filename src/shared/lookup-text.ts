/** A text looked up (a selection, the address bar, a tip's error text), as the search takes it. Pure. */

/**
 * A looked-up text is cut to this many characters (UTF-16 units, as message sizes are counted): a pasted
 * error line with its ids fits, as a tip's error text does (a tab keeps as many of those: MAX_ITEM_TEXT);
 * a whole page selected by mistake does not make a huge address or message.
 */
export const MAX_LOOKUP = 500;

/** Whitespace folded, cut to MAX_LOOKUP units, never inside a character. */
export function lookupText(text: string | undefined): string {
  const folded = (text ?? '').replace(/\s+/g, ' ').trim();
  if (folded.length <= MAX_LOOKUP) return folded;
  let out = '';
  for (const char of folded) {
    if (out.length + char.length > MAX_LOOKUP) break;
    out += char;
  }
  return out;
}
