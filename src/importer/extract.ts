import type { BlockContent, Paragraph, PhrasingContent } from 'mdast';
import { isDistinctiveToken } from '../compiler/generic';
import { textKey } from '../compiler/rules';
import { anchorIndex, patternParts } from '../matcher/matcher';
import { toString } from 'mdast-util-to-string';
import { cleanLine, straightQuotes } from './text';

/**
 * Finds the error messages an article quotes, to detect them on a page. Precision matters more than
 * recall: every text becomes a pattern the content script looks for. A text is taken when the article
 * presents it as a message:
 * - the title quotes it (`"X" error in …`) or labels it (`Error: X`);
 * - in the description, issue or cause: it is quoted, emphasised or in code, and the words around it say
 *   it is an error or a message ("the error *X*", "throws an "X"", "`X` error appears");
 * - it follows a lead-in such as "the following error appears:" (a paragraph, a line, a code block);
 * - a JSON response names it (`"message": "X"`, `"code": "NO_CONTENT"`).
 * In the resolution only the strictest of these count: lead-ins and cue words that say error.
 */

export type Origin = 'title' | 'quote' | 'emphasis' | 'code' | 'json' | 'message' | 'label';

export interface Candidate {
  text: string;
  origin: Origin;
}

export interface ExtractInput {
  title: string;
  description: string;
  meaning: readonly BlockContent[];
  why: readonly BlockContent[];
  fix: readonly BlockContent[];
}

const ERROR_WORDS = String.raw`errors?|exceptions?|warnings?|alerts?|failures?|failed|fails|messages?|notifications?|pop-?ups?|pops up|prompts?|toasts?|banners?|says|saying|stating|states|stated|reads|reading`;
/** Words that say what follows is a message, anywhere in the clause before it. */
const CUE = new RegExp(String.raw`\b(?:${ERROR_WORDS})\b`, 'i');
/** Stricter, for the resolution: the clause must say error. */
const STRICT_CUE = /\b(?:errors?|exceptions?|warnings?|error messages?|says|saying|stating|reads)\b/i;
/** Verbs that introduce a message when they stand right before it: "it throws an "X"". */
const VERB_BEFORE = /\b(?:throws?|thrown|returns?|returned|displays?|displayed|shows?|shown|receives?|received|gets?|getting|see|seeing|encounters?|encountered)\b(?:\s+(?:an?|the|this|following))?\s*[:-]?\s*$/i;
/** What may follow a message: "X error", "X appears", "X is displayed". */
const CUE_AFTER = /^[\s"'“”‘’)*_.,:]{0,4}(?:errors?|messages?|warnings?|exceptions?|alerts?|status|appears?|pops? up|occurs?|shows up|comes up|(?:is|was|gets|got) (?:displayed|shown|thrown|returned|received|raised))\b/i;
/** A lead-in ends in a colon or points below, and names an error or a message. */
const LEAD_POINTER = /(?::\s*$)|\b(?:below|following|as follows)\b/i;
const ERRORISH_LINE = /\b(?:error|exception|failed|failure|fails|invalid|denied|refused|forbidden|unauthori[sz]ed|unable|cannot|can't|could not|couldn't|not allowed|not found|not supported|unsupported|expired|missing|too many|too large|exceeded|blocked|not authorized|does not exist|doesn't exist|is required|timed? ?out)\b/i;
/** Code, not a message: operators, assignments, markup, call chains. */
const CODE_LINE = /\|\||&&|=>|==|!=|\$\(|;\s*$|^\s*(?:var|let|const|function|return|if|for|import|export|curl|GET|POST|PUT|DELETE|PATCH|at)\s|[<>]|=\s*['"\w]|^\s*[#/]{1,2}\s|\w\(\)|^\s*[\])}]/;
/** A log line: time stamps or log levels in brackets. */
const LOG_LINE = /\b\d{1,2}:\d{2}:\d{2}\b|\*(?:ERROR|WARN|INFO)\*|\[(?:ERROR|WARN|INFO|DEBUG)\]/;
/** JSON fields that hold a message. */
const JSON_MESSAGE = /"(?:message|msg|error|errorMessage|error_message|error-message|errorDescription|error_description|description|detail|title|reason)"\s*:\s*"((?:[^"\\]|\\.){4,400})"/g;
/** A JSON body that is an error response. */
const ERROR_RESPONSE = /"(?:error[\w-]*|errors|exception)"\s*:|"status(?:Code)?"\s*:\s*"?[45]\d\d\b/i;
const JSON_CODE = /"(?:code|errorCode|error_code|status)"\s*:\s*"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"/g;

const MAX_TEXT = 200;

/** Plain text of a paragraph, its hard breaks as new lines (a message often stands on a line of its own). */
const paragraphText = (node: Paragraph): string => node.children.map((child) => (child.type === 'break' ? '\n' : toString(child))).join('');
const CUT_AFTER = 150;

/**
 * Tidies a candidate into an error text, or null when it cannot be one: quotes and emphasis marks at the
 * edges go, a trailing ellipsis or colon goes, an `Error:` label goes, `xxxx` placeholders become `{x}`,
 * a long text is cut at its first sentence or clause end. Braces (pattern syntax), URLs and texts without
 * a literal word are refused.
 */
export function finish(raw: string, exact = false): string | null {
  let text = straightQuotes(cleanLine(raw));
  if (!exact) {
    for (let previous = ''; previous !== text; ) {
      previous = text;
      text = text
        .replace(/^[\s`*_]+|[\s`*_]+$/g, '')
        .replace(/\s*(?:\.{2,}|…)$/, '')
        .replace(/[\s:,;(–-]+$/, '')
        .replace(/^(?:error|warning|exception)\s*(?:message\s*)?[:–-]\s+/i, '');
      text = stripQuotes(text);
    }
  }
  text = text.replace(/\b[xX]{4,}\b/g, '{x}');
  if (text.length > CUT_AFTER) {
    const cut = /(?<=\S{2})(?:[.!?](?=\s)|:(?=\s))/g;
    for (let m = cut.exec(text); m; m = cut.exec(text)) {
      if (m.index < 30) continue;
      text = text.slice(0, m.index + (m[0] === ':' ? 0 : 1));
      break;
    }
  }
  if (text.length < 4 || text.length > MAX_TEXT) return null;
  if (text.split(/\s+/).length > 30) return null;
  if (/[{}]/.test(text.replace(/\{x\}/g, ''))) return null;
  if (/^(?:https?:|www\.|\/)/i.test(text) || /^[\w.-]+\.(?:com|net|io|html?)\b/i.test(text)) return null;
  if (!/\p{L}{2}/u.test(text)) return null;
  if (/<\s*\/?[A-Za-z][\w-]*\s*>/.test(text) || !balanced(text)) return null;
  if (anchorIndex(patternParts(text)) < 0) return null;
  // a lone identifier (a field, a variable) is not a message unless it reads like an error code
  if (text.split(/\s+/).length < 3 && !ERROR_TOKEN.test(text) && !ERRORISH_LINE.test(text)) return null;
  return text;
}

/** Quotes not standing between two letters (those are apostrophes). */
function quoteCount(text: string, quote: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === quote && !(/\p{L}/u.test(text[i - 1] ?? '') && /\p{L}/u.test(text[i + 1] ?? ''))) count++;
  }
  return count;
}

/** Quotes around the whole text, or left open at one end, go; quotes inside it stay. */
function stripQuotes(text: string): string {
  const first = text[0];
  const last = text[text.length - 1];
  if ((first === '"' || first === "'") && last === first && text.length > 2 && quoteCount(text.slice(1, -1), first) % 2 === 0) return text.slice(1, -1);
  if ((first === '"' || first === "'") && quoteCount(text, first) % 2) return text.slice(1);
  if ((last === '"' || last === "'") && quoteCount(text, last) % 2) return text.slice(0, -1);
  return text;
}

/** Error codes and error-like identifiers: RST-360011, NO_CONTENT, noData.erMissing. */
const ERROR_TOKEN = /\b[A-Z]{2,}-\d{3,}\b|error|fail|invalid|denied|missing|forbidden|unauthori|expired|exceed|not_?found|no_?data|no_content|not_authorized|timeout|unsupported/i;

function balanced(text: string): boolean {
  let round = 0;
  let square = 0;
  for (const c of text) {
    if (c === '(') round++;
    else if (c === ')') round--;
    else if (c === '[') square++;
    else if (c === ']') square--;
    if (round < 0 || square < 0) return false;
  }
  return round === 0 && square === 0;
}

/** Plain text of inline content with the place of each emphasis and code span. */
interface Flat {
  text: string;
  spans: { start: number; end: number; kind: 'emphasis' | 'code' }[];
}

function flatten(children: readonly PhrasingContent[]): Flat {
  const flat: Flat = { text: '', spans: [] };
  const walk = (nodes: readonly PhrasingContent[]) => {
    for (const node of nodes) {
      const start = flat.text.length;
      if (node.type === 'text') flat.text += node.value;
      else if (node.type === 'inlineCode') {
        flat.text += node.value;
        flat.spans.push({ start, end: flat.text.length, kind: 'code' });
      } else if (node.type === 'break') flat.text += '\n';
      else if (node.type === 'strong' || node.type === 'emphasis') {
        walk(node.children);
        flat.spans.push({ start, end: flat.text.length, kind: 'emphasis' });
      } else if ('children' in node) walk(node.children);
    }
  };
  walk(children);
  return flat;
}

/** The clause before `at`: back to the previous sentence end, at most 120 characters. */
function clauseBefore(text: string, at: number): string {
  const before = text.slice(Math.max(0, at - 120), at);
  const stop = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('? '));
  return stop >= 0 ? before.slice(stop + 1) : before;
}

function cued(text: string, start: number, end: number, strict: boolean): boolean {
  const before = clauseBefore(text, start);
  const after = text.slice(end, end + 30);
  if ((strict ? STRICT_CUE : CUE).test(before)) return true;
  if (!strict && VERB_BEFORE.test(before)) return true;
  return CUE_AFTER.test(after) && (!strict || /^[\s"'“”‘’)*_.,:]{0,4}(?:errors?|exceptions?|warnings?)\b/i.test(after));
}

const OPEN_QUOTE: Record<string, string> = { '"': '"”“', '“': '”"', '”': '”"', "'": "'’", '‘': "’'" };

/**
 * Quoted stretches of a line: "…", “…”, '…', ‘…’. A quote opens where no letter stands before it and closes
 * where none follows; when the first closing quote leaves a bracket open (`"Net::SFTP (8, "op unsupported")"`)
 * the next one is tried.
 */
export function quotedSpans(text: string): { start: number; end: number; inner: string }[] {
  const spans: { start: number; end: number; inner: string }[] = [];
  const word = /[\p{L}\p{N}]/u;
  for (let i = 0; i < text.length; i++) {
    const closers = OPEN_QUOTE[text[i]];
    if (!closers || (i > 0 && word.test(text[i - 1])) || (text[i] === "'" && i > 0 && text[i - 1] === "'")) continue;
    let found = -1;
    let fallback = -1;
    for (let j = i + 1; j < text.length && text[j] !== '\n' && j - i <= 300; j++) {
      if (!closers.includes(text[j]) || (j + 1 < text.length && word.test(text[j + 1]))) continue;
      if (j - i - 1 < 3) continue;
      if (fallback < 0) fallback = j;
      if (balanced(text.slice(i + 1, j))) {
        found = j;
        break;
      }
    }
    const end = found >= 0 ? found : fallback;
    if (end < 0) continue;
    spans.push({ start: i, end: end + 1, inner: text.slice(i + 1, end) });
    i = end;
  }
  return spans;
}

/** Quoted, emphasised and code spans of a paragraph that its words present as messages. */
function spansOf(children: readonly PhrasingContent[], strict: boolean, out: Candidate[]): void {
  const flat = flatten(children);
  for (const span of flat.spans) {
    if (cued(flat.text, span.start, span.end, strict)) out.push({ text: flat.text.slice(span.start, span.end), origin: span.kind });
  }
  for (const quote of quotedSpans(flat.text)) {
    if (cued(flat.text, quote.start, quote.end, strict)) out.push({ text: quote.inner, origin: 'quote' });
  }
}

/** A paragraph that is only a code span, an emphasis or a quotation: set apart the way messages are. */
function setApart(children: readonly PhrasingContent[]): boolean {
  const solid = children.filter((c) => !(c.type === 'text' && /^[\s"'“”‘’.:]*$/.test(c.value)) && c.type !== 'break');
  if (solid.length === 1 && (solid[0].type === 'inlineCode' || solid[0].type === 'emphasis' || solid[0].type === 'strong')) return true;
  const text = cleanLine(paragraphText({ type: 'paragraph', children: [...children] }));
  return /^["“'‘].{3,}["”'’]\.?$/.test(text);
}

/**
 * Message lines of a code block: JSON message fields, or lines that read like a message. With `responseOnly`
 * (the resolution), only an error response's message fields count.
 */
function codeLines(value: string, introduced: boolean, out: Candidate[], responseOnly = false): void {
  if (responseOnly && !ERROR_RESPONSE.test(value)) return;
  for (const line of value.split('\n')) {
    let json = false;
    for (const m of line.matchAll(JSON_MESSAGE)) {
      json = true;
      if (responseOnly && !/^"(?:message|msg|error|errorMessage|error_message|error-message|errorDescription|error_description|detail)"/.test(m[0])) continue;
      out.push({ text: m[1].replace(/\\(["\\/])/g, '$1'), origin: 'json' });
    }
    for (const m of line.matchAll(JSON_CODE)) {
      json = true;
      out.push({ text: m[1], origin: 'json' });
    }
    if (json || responseOnly || (/^\s*["{[]/.test(line) && /"\s*:/.test(line))) continue;
    if (CODE_LINE.test(line) || LOG_LINE.test(line)) continue;
    if (introduced ? /\p{L}{2}/u.test(line) : ERRORISH_LINE.test(line)) out.push({ text: line, origin: 'code' });
  }
}

/** `Error in log file: X`, `Error message: X` at the start of a line. */
const LABEL = /^\s*(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}error(?:\s+message)?(?:\s+(?:in|from|on|at)\s+(?:[\w-]+\s*){1,3})?\s*[:–-]\s+(.{4,})$/i;

function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

function isLeadIn(node: BlockContent | undefined, strict: boolean): boolean {
  if (!node || node.type !== 'paragraph') return false;
  const text = cleanLine(paragraphText(node));
  if (text.length > 400) return false;
  const last = text.split(/(?<=[.!?])\s+/).pop() ?? text;
  return (strict ? STRICT_CUE : CUE).test(last) && (LEAD_POINTER.test(last) || /\b(?:is thrown|occurs|appears|is displayed|pops up)\b/i.test(last));
}

const NARRATIVE = /\b(?:because|this (?:error|issue|message|happens|occurs|is)|when you|if you|you will|we |our |[Ii]n order to|refer to|for example)\b|^(?:you (?:get|see|receive|may|might|can)|when|while|if|it|this|they|users?|the user)\b/i;

/** A line after a lead-in; `pointed`: the lead-in said "below" or ended in a colon. */
function looksLikeMessage(line: string, pointed: boolean, apart: boolean): boolean {
  const bare = line.replace(/https?:\/\/\S+/g, '');
  if (line.length > 600 || CODE_LINE.test(bare) || LOG_LINE.test(bare)) return false;
  if (/:\s*$/.test(line)) return false; // another lead-in
  if (pointed || apart) return true;
  return ERRORISH_LINE.test(line) && line.length <= 400 && !NARRATIVE.test(line);
}

function blocks(nodes: readonly BlockContent[], strict: boolean, out: Candidate[]): void {
  let messageBefore = false;
  nodes.forEach((node, index) => {
    // what follows a lead-in ("the following error appears:") is the message itself
    const lead = nodes[index - 1];
    const introduced = isLeadIn(lead, strict);
    const pointed = introduced && LEAD_POINTER.test(cleanLine(toString(lead!)));
    // a second message right after the first one ("Analytics Login Expired" / "The Analytics Login has…")
    const following = messageBefore && !introduced;
    messageBefore = false;
    switch (node.type) {
      case 'paragraph': {
        spansOf(node.children, strict, out);
        if (introduced || following) {
          const apart = setApart(node.children);
          for (const line of lines(paragraphText(node))) {
            if (!looksLikeMessage(line, pointed && introduced, apart)) continue;
            out.push({ text: line, origin: 'message' });
            messageBefore = true;
          }
        }
        if (!strict) {
          for (const line of lines(paragraphText(node))) {
            const label = LABEL.exec(line);
            if (label) out.push({ text: label[1], origin: 'label' });
          }
        }
        break;
      }
      case 'code':
        if (!strict || introduced || following) codeLines(node.value, introduced || following, out);
        else codeLines(node.value, false, out, true);
        messageBefore = introduced || following;
        break;
      case 'table':
        for (const row of node.children) for (const cell of row.children) spansOf(cell.children, strict, out);
        break;
      case 'list':
        for (const item of node.children) blocks(item.children as BlockContent[], strict, out);
        break;
      case 'blockquote':
        blocks(node.children as BlockContent[], strict, out);
        break;
      default:
        break;
    }
  });
}

/** Texts the title quotes or labels as an error. */
export function fromTitle(title: string): Candidate[] {
  const out: Candidate[] = [];
  const text = cleanLine(title);
  for (const quote of quotedSpans(text)) {
    const inner = quote.inner;
    const rest = text.slice(0, quote.start) + text.slice(quote.end);
    if (CUE.test(rest) || ERRORISH_LINE.test(inner)) out.push({ text: inner, origin: 'title' });
  }
  if (!out.length) {
    const label = /(?:^|[|:]\s*|\s)error\s*[:–-]\s+(.{4,})$/i.exec(text);
    if (label) out.push({ text: label[1].replace(/\s+\|\s+.*$/, ''), origin: 'title' });
  }
  return out;
}

/** Every candidate of an article, tidied, first occurrence first, without repeats. */
export function extractErrors(input: ExtractInput): Candidate[] {
  const raw: Candidate[] = [...fromTitle(input.title)];
  if (input.description) spansOf([{ type: 'text', value: input.description }], false, raw);
  blocks(input.meaning, false, raw);
  blocks(input.why, false, raw);
  blocks(input.fix, true, raw);
  const seen = new Set<string>();
  const out: Candidate[] = [];
  for (const candidate of raw) {
    const text = finish(candidate.text, candidate.origin === 'json');
    if (!text) continue;
    const key = textKey(text);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ text, origin: candidate.origin });
  }
  return out;
}

// ——— example values as variable parts ———

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

// ——— fields of an API response named as the sign ———

const SEEING = /\b(?:see|sees|seeing|find|finds|shows?|contains?|returns?|lists?|includes?|holds?)\s+(?:an?\s+|the\s+)?$/i;
const FIELD_NOUN = /^\s*(?:node|field|attribute|property|key|element|object|array|entry)\b/i;

/** The sentence around [start, end) of a text. */
function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const from = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n')) + 1;
  const stop = /[.!?](?:\s|$)|\n/.exec(text.slice(end));
  return text.slice(from, stop ? end + stop.index : text.length);
}

/**
 * Fields of an API response that an article names as the sign of its cause: "if you see the
 * `pairedTraitSegments` node … in the response". Only code spans that hold a distinctive identifier
 * (camelCase, snake_case, dotted) count, so a plain English word is never taken for a field.
 */
export function responseFields(nodes: readonly BlockContent[]): string[] {
  const found: string[] = [];
  const visit = (blocks: readonly BlockContent[]) => {
    for (const node of blocks) {
      if (node.type === 'list') node.children.forEach((item) => visit(item.children as BlockContent[]));
      else if (node.type === 'blockquote') visit(node.children as BlockContent[]);
      if (node.type !== 'paragraph') continue;
      const flat = flatten(node.children);
      for (const span of flat.spans) {
        const name = flat.text.slice(span.start, span.end).trim();
        if (span.kind !== 'code' || !isDistinctiveToken(name) || !/^[\w.$-]+$/.test(name) || found.includes(name)) continue;
        if (!SEEING.test(flat.text.slice(0, span.start)) || !FIELD_NOUN.test(flat.text.slice(span.end))) continue;
        if (/\bresponses?\b/i.test(sentenceAround(flat.text, span.start, span.end))) found.push(name);
      }
    }
  };
  visit(nodes);
  return found;
}
