import type { PhrasingContent } from 'mdast';

/**
 * Where a paragraph sets text apart: emphasis and code spans, and quotations. Shared by the extraction of
 * error texts (extract.ts) and of response fields (response-fields.ts).
 */

/** Whether round and square brackets are balanced, none closed before it opened. */
export function balanced(text: string): boolean {
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
export interface Flat {
  text: string;
  spans: { start: number; end: number; kind: 'emphasis' | 'code' }[];
}

export function flatten(children: readonly PhrasingContent[]): Flat {
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
