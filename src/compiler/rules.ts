import { INVISIBLE, withoutInvisible } from '../matcher/fold';
import { patternParts } from '../matcher/matcher';

/**
 * Rules an article must keep, shared by the compiler and the importer so they are written once: the
 * source address, the summary's length, URL patterns, size limits, what counts as the same error text,
 * what an error text may not hold, and the CRM addresses that must never ship.
 */

export const SOURCE_PREFIX = 'https://experienceleague.adobe.com/en/docs/experience-cloud-kcs/kbarticles/';

/** The Experience League page of a knowledge-base article. */
export const sourceOf = (id: string): string => `${SOURCE_PREFIX}${id.toLowerCase()}`;

/** Where the product documentation's pages live on Experience League: a `DOC-` article's source is one of them. */
export const DOCS_PREFIX = 'https://experienceleague.adobe.com/en/docs/';

/** The summary is the first thing an in-page tip shows: two short lines at the tip's width. */
export const MAX_SUMMARY = 200;

/**
 * One article, front matter and body. Ours are 2–5 KB, the largest imported one 36 KB; 128 KB is over
 * three times that, keeps one file from swelling what every popup loads (`kb/articles.json`), and bounds
 * the time the Markdown parser can take on a file to a second or two.
 */
export const MAX_ARTICLE_BYTES = 128 * 1024;

/** A URL pattern (`errors[].url`, `contexts[].url`, the override file): https and a host. */
export function checkUrlPattern(url: unknown): string | null {
  if (typeof url !== 'string' || !url.trim()) return 'url must be a non-empty string';
  if (!/^https:\/\/[^/]+/.test(url)) return `url pattern "${url}" must start with https:// and a host`;
  return null;
}

/**
 * Letters of other scripts that look like Latin ones. Folded only to compare texts, so a copy of a text
 * written with a look-alike letter counts as the same text.
 */
const LOOK_ALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w', ү: 'y',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ω: 'w',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');

/**
 * What makes two error texts the same: the matcher's normalised parts (case, spacing, quotes, dashes
 * folded), with look-alike letters folded too. Used to find duplicates, in the compiler and the importer.
 */
export function textKey(text: string): string {
  return patternParts(text.normalize('NFKC').toLowerCase().replace(LOOK_ALIKE, (c) => LOOK_ALIKES[c])).join('\u0000');
}

/** Characters that reorder or hide text: bidi embeddings, overrides, isolates and marks. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * Why a text to look for on pages (an error text, a context text) cannot be used, or null. Bidi controls
 * make a text read differently from what it matches; a word mixing Latin with Cyrillic or Greek letters is
 * a look-alike of a real message, not one a UI shows.
 */
export function unsafeTextProblem(text: string): string | null {
  if (BIDI.test(text)) return `"${text.replace(BIDI, '')}" holds a bidirectional control character (U+${text.match(BIDI)![0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}); write the text without it`;
  for (const word of text.match(/\p{L}+/gu) ?? []) {
    if (/\p{Script=Latin}/u.test(word) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word)) {
      return `the word "${word}" mixes Latin with Cyrillic or Greek letters: a look-alike character?`;
    }
  }
  return null;
}

/** A Dynamics CRM host (`adobe-ent.crm.dynamics.com`, `crm4.dynamics.com`…), once the text is revealed. */
const CRM_HOST = /crm\d*\.dynamics\.com/i;
const CRM_ADDRESS = /(?:https?:\/\/)?[\w.-]*crm\d*\.dynamics\.com[^\s)\]"'<>]*/gi;
const NAMED: Record<string, string> = { period: '.', sol: '/', colon: ':', amp: '&', nbsp: ' ', lt: '<', gt: '>', quot: '"' };

/**
 * Text as a reader would see it: character references decoded (`crm&#46;dynamics`), tags removed
 * (`crm<b></b>.dynamics`), Markdown escapes and invisible characters dropped.
 */
function revealed(text: string): string {
  const decoded = text
    .replace(/&#x([0-9a-f]{1,6});?|&#(\d{1,7});?|&([a-z]+);/gi, (whole, hex: string, dec: string, name: string) => {
      if (name) return NAMED[name.toLowerCase()] ?? whole;
      const code = hex ? parseInt(hex, 16) : Number(dec);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .replace(/<[^<>]{0,200}>/g, '')
    .replace(/\\(?=[.:/])/g, '');
  // last: a character reference may stand for an invisible character
  return withoutInvisible(decoded);
}

/** What may hide a CRM address: a character reference, a tag, an escape, an invisible character. */
const HIDING = new RegExp(`[&<\\\\${INVISIBLE}]`);

/** True when the text names the CRM, however it is written. CRM addresses are private and never ship. */
export function hasCrmAddress(text: string): boolean {
  return CRM_HOST.test(text) || (HIDING.test(text) && CRM_HOST.test(revealed(text)));
}

/** The text with every CRM address taken out (revealed first when it hides one). */
export function withoutCrmAddresses(text: string): string {
  if (!hasCrmAddress(text)) return text;
  const plain = CRM_HOST.test(text) ? text : revealed(text);
  return plain.replace(CRM_ADDRESS, '').replace(/[ \t]{2,}/g, ' ');
}
