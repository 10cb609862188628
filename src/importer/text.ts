import { ODD_SPACES, withoutInvisible } from '../matcher/fold';

export { straightQuotes } from '../matcher/fold';

/**
 * Small text clean-ups shared by the importer: Experience League markup, invisible characters, quotes.
 * Pure string functions, no Markdown knowledge.
 */

/** `[!DNL Target]` and `[!UICONTROL Save]` are Experience League markers around product and UI names. */
const MARKER = /\[!(?:DNL|UICONTROL)\s+([^\][]*)\]/g;

/** Non-breaking and other fixed-width spaces, and Unicode line separators. */
const ODD_SPACE = new RegExp(`[${ODD_SPACES}]`, 'g');

export function unwrapMarkers(text: string): string {
  // markers can nest in sloppy sources ("[!DNL [!UICONTROL x]]"): repeat until nothing changes
  let out = text;
  for (let i = 0; i < 3 && out.includes('[!'); i++) out = out.replace(MARKER, '$1');
  return out;
}

/** Unwraps markers, drops invisible characters and turns odd spaces into plain ones. Keeps line breaks. */
export function cleanText(text: string): string {
  return unwrapMarkers(withoutInvisible(text).replace(ODD_SPACE, ' '));
}

/** One line of plain text: cleaned, whitespace runs collapsed, trimmed. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
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
