import { anchorIndex, patternParts } from '../matcher/matcher';

/** Example values in an error text (a URL, an id, a date, a name) become variable parts of its pattern. */

/**
 * Example values in an error text, each with the variable name it becomes, tried in this order (earlier
 * ones win where they overlap). A UI shows its own values there, so the literal example would never match.
 */
const EXAMPLE_VALUES: [RegExp, string][] = [
  [/\bhttps?:\/\/[^\s"'<>)\]]+/gi, 'url'],
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, 'email'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, 'id'],
  [/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b|\b\d{1,2}\/\d{1,2}\/\d{4}\b/g, 'date'],
  [/\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, 'id'],
  // a quoted single token ("list22017314", 'my_segment'): a name the person chose
  [/(?<=(?:^|[\s(:=,])["'])[^\s"']{2,60}(?=["'](?:$|[\s),.:;!?]))/g, 'name'],
  // an identifier made of letters and at least three digits, not an error code such as RST-360011
  [/(?<![\w-])(?=[A-Za-z_]*\d)(?=\d*[A-Za-z_])(?![A-Z]{2,}-)[A-Za-z_\d]*\d{3,}[A-Za-z_\d]*(?![\w-])/g, 'id'],
  // a number of two digits or more standing alone; limits ("Maximum: 50") are part of the message
  [/(?<![\w.,/-])(?<!\b(?:max|maximum|limit|min|minimum|most|least|to|than|of)\W{0,2})\d{2,}(?:[.,]\d+)?(?![\w/-]|[.,]\d)/gi, 'n'],
];

/** Words before a number that make it an id rather than a count. */
const ID_WORDS = /\b(?:id|ids|identifier|number|no\.?|#)\s*[:=]?\s*$/i;

/**
 * The text with its example values as `{variables}` (see EXAMPLE_VALUES), or the text itself. Codes,
 * limits and words stay literal.
 */
export function withVariables(text: string): string {
  const taken: { start: number; end: number; name: string }[] = [];
  for (const [pattern, name] of EXAMPLE_VALUES) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some((t) => start < t.end && end > t.start)) continue;
      taken.push({ start, end, name: name === 'n' && ID_WORDS.test(text.slice(0, start)) ? 'id' : name });
    }
  }
  if (!taken.length) return text;
  let out = '';
  let at = 0;
  for (const t of taken.sort((a, b) => a.start - b.start)) {
    out += `${text.slice(at, t.start)}{${t.name}}`;
    at = t.end;
  }
  out += text.slice(at);
  // a text that is nothing but variables and punctuation says nothing: keep it as written
  return anchorIndex(patternParts(out)) < 0 ? text : out;
}

