/**
 * Whether an error text is too generic to match on every watched page. The rule (documented in
 * articles/README.md): a text is generic when it has fewer than four words, or fewer than three once common
 * error phrases are taken out, unless it holds a distinctive token such as `pairedTraitSegments`,
 * `NO_CONTENT`, `noData.erMissing` or `RST-360011`. Generic texts must carry a URL scope.
 */

const COMMON_PHRASES = [
  'an error occurred',
  'an error has occurred',
  'an unexpected error occurred',
  'something went wrong',
  'please try again',
  'please try again later',
  'try again later',
  'contact your administrator',
  'contact the administrator',
  'please contact your administrator',
  'access denied',
  'permission denied',
  'service unavailable',
  'internal server error',
  'bad request',
  'not found',
  'forbidden',
  'unauthorized',
  'unknown error',
  'request failed',
  'error',
  'failed',
];

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'_.-]*/gu;

function words(text: string): string[] {
  return (text.replace(/\{[^{}]*\}/g, ' ').match(WORD) ?? []).map((word) => word.replace(/[.-]+$/, ''));
}

/** camelCase, snake_case, dotted.names and codes that mix letters and digits. */
export function isDistinctiveToken(word: string): boolean {
  if (/\p{Ll}\p{Lu}/u.test(word)) return true;
  if (/\p{L}_\p{L}/u.test(word) && word.length >= 6) return true;
  if (/\p{L}\.\p{L}/u.test(word) && word.length >= 6) return true;
  return /\p{L}/u.test(word) && /\d{3,}/.test(word) && word.length >= 6;
}

export function isGeneric(text: string): boolean {
  const all = words(text);
  if (all.some(isDistinctiveToken)) return false;
  if (all.length < 4) return true;
  let rest = ` ${all.join(' ').toLowerCase()} `;
  for (const phrase of [...COMMON_PHRASES].sort((a, b) => b.length - a.length)) {
    rest = rest.split(` ${phrase} `).join(' ');
  }
  return rest.trim().split(/\s+/).filter(Boolean).length < 3;
}
