import type { BlockContent } from 'mdast';
import { isDistinctiveToken } from '../compiler/generic';
import { flatten } from './spans';

/** Fields of an API response that an article names as the sign of its cause. */

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
