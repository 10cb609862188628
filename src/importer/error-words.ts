/**
 * The importer's one vocabulary of error words: the words around a quoted text that say it is a message a
 * UI shows ("the error *X*", "X appears"), and the words inside a line or an identifier that make it read
 * like an error. Each list holds regular-expression fragments, one per word; the patterns extraction uses
 * are built here from them, so a word is added or dropped in one place.
 */

/** Nouns that name an error: the strict cue, the label (`Error: X`) and what may follow a message ("X error"). */
const ERROR_NOUNS = ['errors?', 'exceptions?', 'warnings?'];
/** Other names of what a UI shows a person. */
const MESSAGE_NOUNS = ['alerts?', 'messages?', 'notifications?', 'pop-?ups?', 'prompts?', 'toasts?', 'banners?'];
/** Words of failing, before a message: "it fails with "X"". */
const FAILING = ['failures?', 'failed', 'fails', 'pops up'];
/** Words that introduce what a message says... */
const SAYING = ['says', 'saying', 'stating', 'reads'];
/** ...and looser ones, not strict enough for the resolution ("reading the log"). */
const SAYING_LOOSELY = ['states', 'stated', 'reading'];
/** What may follow a message and say it is shown: "X appears", "X is displayed". */
const SHOWN = ['status', 'appears?', 'pops? up', 'occurs?', 'shows up', 'comes up', '(?:is|was|gets|got) (?:displayed|shown|thrown|returned|received|raised)'];
/** Words of failure a message is made of: a line holding one reads like an error. */
const FAILURE_WORDS = [
  'error', 'exception', 'failed', 'failure', 'fails', 'invalid', 'denied', 'refused', 'forbidden', 'unauthori[sz]ed', 'unable', 'cannot',
  "can't", 'could not', "couldn't", 'not allowed', 'not found', 'not supported', 'unsupported', 'expired', 'missing', 'too many',
  'too large', 'exceeded', 'blocked', 'not authorized', 'does not exist', "doesn't exist", 'is required', 'timed? ?out',
];
/** Parts of identifiers that read like an error (noData.erMissing, NO_CONTENT), besides codes such as RST-360011. */
const FAILURE_PARTS = ['error', 'fail', 'invalid', 'denied', 'missing', 'forbidden', 'unauthori', 'expired', 'exceed', 'not_?found', 'no_?data', 'no_content', 'not_authorized', 'timeout', 'unsupported'];

const any = (words: readonly string[]) => words.join('|');
/** Quotes, brackets and marks that may stand between a message and the word after it. */
const MARKS_AFTER = String.raw`^[\s"'“”‘’)*_.,:]{0,4}`;

/** Words that say what follows is a message, anywhere in the clause before it. */
export const CUE = new RegExp(String.raw`\b(?:${any([...ERROR_NOUNS, ...MESSAGE_NOUNS, ...FAILING, ...SAYING, ...SAYING_LOOSELY])})\b`, 'i');
/** Stricter, for the resolution: the clause must say error. */
export const STRICT_CUE = new RegExp(String.raw`\b(?:${any([...ERROR_NOUNS, ...SAYING])})\b`, 'i');
/** What may follow a message: "X error", "X appears", "X is displayed". */
export const CUE_AFTER = new RegExp(`${MARKS_AFTER}(?:${any([...ERROR_NOUNS, 'messages?', 'alerts?', ...SHOWN])})\\b`, 'i');
/** Stricter, for the resolution: "X error". */
export const STRICT_CUE_AFTER = new RegExp(`${MARKS_AFTER}(?:${any(ERROR_NOUNS)})\\b`, 'i');
/** An error label at the start of a text: `Error: `, `Warning message - `. */
export const ERROR_LABEL = new RegExp(String.raw`^(?:${any(ERROR_NOUNS.map((noun) => noun.replace('s?', '')))})\s*(?:message\s*)?[:–-]\s+`, 'i');
/** A line that reads like an error. */
export const ERRORISH_LINE = new RegExp(String.raw`\b(?:${any(FAILURE_WORDS)})\b`, 'i');
/** Error codes and error-like identifiers: RST-360011, NO_CONTENT, noData.erMissing. */
export const ERROR_TOKEN = new RegExp(String.raw`\b[A-Z]{2,}-\d{3,}\b|${any(FAILURE_PARTS)}`, 'i');
