/**
 * Small text clean-ups shared by the importer: Experience League markup, invisible characters, quotes.
 * Pure string functions, no Markdown knowledge.
 */

/** `[!DNL Target]` and `[!UICONTROL Save]` are Experience League markers around product and UI names. */
const MARKER = /\[!(?:DNL|UICONTROL)\s+([^\][]*)\]/g;

/** Zero-width characters, soft hyphens and byte-order marks: invisible, and they break word matching. */
const INVISIBLE = /\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad|\u180e/g;

/** Non-breaking and other fixed-width spaces, and Unicode line separators. */
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/g;

export function unwrapMarkers(text: string): string {
  // markers can nest in sloppy sources ("[!DNL [!UICONTROL x]]"): repeat until nothing changes
  let out = text;
  for (let i = 0; i < 3 && out.includes('[!'); i++) out = out.replace(MARKER, '$1');
  return out;
}

/** Unwraps markers, drops invisible characters and turns odd spaces into plain ones. Keeps line breaks. */
export function cleanText(text: string): string {
  return unwrapMarkers(text.replace(INVISIBLE, '').replace(ODD_SPACE, ' '));
}

/** One line of plain text: cleaned, whitespace runs collapsed, trimmed. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

/** Curly quotes and primes as ASCII quotes: error texts are written the way a UI shows them. */
export function straightQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4]/g, "'").replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"');
}

/** Backslash escapes of Markdown punctuation (`\*`, `\_`) as the plain character. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const ABBREVIATIONS = /(?:^|\s)(?:e\.g|i\.e|etc|vs|approx|incl|no|ex|fig|min|max)\.$/i;

/**
 * The first sentence of `text`, at most `max` characters: cut at the first full stop, question or exclamation
 * mark followed by a space (skipping "e.g." and friends), else at a word boundary with an ellipsis.
 */
export function firstSentence(text: string, max: number): string {
  const line = cleanLine(text);
  let end = line.length;
  const stop = /[.!?](?=\s|$)/g;
  for (let m = stop.exec(line); m; m = stop.exec(line)) {
    const upto = line.slice(0, m.index + 1);
    if (m[0] === '.' && ABBREVIATIONS.test(upto)) continue;
    end = m.index + 1;
    break;
  }
  const sentence = line.slice(0, end).trim();
  if (sentence.length <= max) return sentence;
  const room = sentence.slice(0, max - 1);
  const cut = room.lastIndexOf(' ');
  return `${(cut > max / 2 ? room.slice(0, cut) : room).replace(/[\s,;:–-]+$/, '')}…`;
}
