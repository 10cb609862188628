import type { BlockContent, Paragraph, PhrasingContent } from 'mdast';
import { textKey } from '../compiler/rules';
import { anchorIndex, patternParts } from '../matcher/matcher';
import { toString } from 'mdast-util-to-string';
import { CUE, CUE_AFTER, ERRORISH_LINE, ERROR_LABEL, ERROR_TOKEN, STRICT_CUE, STRICT_CUE_AFTER } from './error-words';
import { balanced, flatten, quotedSpans } from './spans';
import { cleanLine, straightQuotes } from './text';

export { quotedSpans } from './spans';
export { responseFields } from './response-fields';
export { withVariables } from './variables';

/**
 * Finds the error messages an article quotes, to detect them on a page. Precision matters more than
 * recall: every text becomes a pattern the content script looks for. A text is taken when the article
 * presents it as a message:
 * - the title quotes it (`"X" error in …`) or labels it (`Error: X`);
 * - in the description, issue or cause: it is quoted, emphasised or in code, and the words around it say
 *   it is an error or a message ("the error *X*", "throws an "X"", "`X` error appears");
 * - it follows a lead-in such as "the following error appears:" (a paragraph, a line, a code block);
 * - a JSON response names it (`"message": "X"`, `"code": "NO_CONTENT"`).
 * In the resolution only the strictest of these count: lead-ins and cue words that say error. The words
 * are error-words.ts's; the spans a paragraph sets apart, spans.ts's. Example values become variable parts
 * in variables.ts; response-fields.ts finds the API response fields an article names as a sign.
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

/** Verbs that introduce a message when they stand right before it: "it throws an "X"". */
const VERB_BEFORE = /\b(?:throws?|thrown|returns?|returned|displays?|displayed|shows?|shown|receives?|received|gets?|getting|see|seeing|encounters?|encountered)\b(?:\s+(?:an?|the|this|following))?\s*[:-]?\s*$/i;
/** A lead-in ends in a colon or points below, and names an error or a message. */
const LEAD_POINTER = /(?::\s*$)|\b(?:below|following|as follows)\b/i;
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
        .replace(ERROR_LABEL, '');
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
  return CUE_AFTER.test(after) && (!strict || STRICT_CUE_AFTER.test(after));
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
