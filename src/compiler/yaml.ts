import matter from 'gray-matter';
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, visit, type Document } from 'yaml';

/**
 * YAML as the knowledge base uses it: article front matter and the importer's override file. One parser
 * (`yaml`, YAML 1.2 core schema: dates stay strings, so a date is checked for what it says), one way of
 * reporting its errors with a line, and bounds that hold before any parsing starts:
 * - aliases (`*name`) are refused: front matter never needs them, and nested aliases expand exponentially
 *   (a few hundred bytes can stand for gigabytes);
 * - the size and the nesting depth are bounded, because the parser is recursive and a deeply nested
 *   document exhausts memory instead of failing with a message.
 */

/**
 * Front matter is a dozen short fields (ours about 1 KB, the largest in the public knowledge base 1.2 KB).
 * 16 KB leaves room for long error lists and still parses in milliseconds whatever it holds.
 */
export const MAX_FRONT_MATTER_BYTES = 16 * 1024;
/** The override file grows by a few lines per article; 1 MB is hundreds of times what it holds today. */
export const MAX_OVERRIDES_BYTES = 1024 * 1024;
/**
 * Brackets, braces and indentation levels open at once. Our front matter uses two (`errors:` → `{ text,
 * url }`); the parser recurses once per level, and thousands of levels exhaust its memory.
 */
export const MAX_YAML_DEPTH = 32;

export interface YamlProblem {
  /** 1-based, in the file the YAML came from. */
  line: number;
  message: string;
}

export interface YamlTree {
  data: unknown;
  /** The line of a top-level key, or of an item of a top-level list (`index`); `fallback` when absent. */
  lineOf(key: string, index?: number, fallback?: number): number;
}

export type YamlResult = { ok: true; tree: YamlTree } | { ok: false; problem: YamlProblem };

/** The deepest nesting of flow brackets and block indentation, and the line where it is. */
function nesting(text: string): { depth: number; line: number } {
  let worst = { depth: 0, line: 1 };
  let flow = 0;
  let quote = '';
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const indent = /^[ \t]*/.exec(line)![0].length;
    // two spaces per block level is the narrowest YAML indentation anyone writes; list dashes add one each
    let depth = flow + Math.ceil(indent / 2) + (/^[ \t]*(?:-[ \t]+)+/.exec(line)?.[0].split('-').length ?? 1) - 1;
    for (const c of line) {
      if (quote) {
        if (c === quote) quote = '';
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === '#') break;
      else if (c === '[' || c === '{') depth = Math.max(depth, ++flow + Math.ceil(indent / 2));
      else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
    if (depth > worst.depth) worst = { depth, line: n + 1 };
  }
  return worst;
}

/** The first line of a parser message, without its own position (we give the line ourselves). */
function reasonOf(message: string): string {
  return message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '').trim();
}

/**
 * Parses YAML that starts on `firstLine` of its file. Never throws: too big, too deep, an alias or a syntax
 * error comes back as one problem with its line. `maxBytes` is the size bound for this kind of file.
 */
export function parseYaml(text: string, firstLine: number, maxBytes: number, what = 'front matter'): YamlResult {
  const fail = (line: number, message: string): YamlResult => ({ ok: false, problem: { line, message } });
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) return fail(firstLine, `${what} is ${bytes} bytes; the limit is ${maxBytes}`);
  const deep = nesting(text);
  if (deep.depth > MAX_YAML_DEPTH) return fail(firstLine - 1 + deep.line, `${what} is nested ${deep.depth} levels deep; the limit is ${MAX_YAML_DEPTH}`);

  const counter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  } catch (error) {
    return fail(firstLine, `${what} could not be read: ${reasonOf((error as Error).message)}`);
  }
  const lineAt = (offset: number) => firstLine - 1 + counter.linePos(offset).line;
  const error = doc.errors[0];
  if (error) return fail(lineAt(error.pos[0]), `${what} is not valid YAML: ${reasonOf(error.message)}`);

  const anchors = new Set<string>();
  let alias: YamlProblem | null = null;
  visit(doc, (_, node) => {
    if (isNode(node) && node.anchor) anchors.add(node.anchor);
    if (!isAlias(node)) return undefined;
    const at = lineAt(node.range?.[0] ?? 0);
    alias = anchors.has(node.source)
      ? { line: at, message: `${what} is not valid YAML: aliases ("*${node.source}") are not allowed; write the value out` }
      : { line: at, message: `${what} is not valid YAML: unidentified alias "${node.source}"` };
    return visit.BREAK;
  });
  if (alias) return { ok: false, problem: alias };

  let data: unknown;
  try {
    // no alias is left to expand; the bound stays as a second guard
    data = doc.toJS({ maxAliasCount: 0 });
  } catch (thrown) {
    return fail(firstLine, `${what} is not valid YAML: ${reasonOf((thrown as Error).message)}`);
  }
  const root = doc.contents;
  const lineOf = (key: string, index?: number, fallback = firstLine) => {
    if (!isMap(root)) return fallback;
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair) return fallback;
    const item = index !== undefined && isSeq(pair.value) ? pair.value.items[index] : undefined;
    const node = isNode(item) ? item : isNode(pair.key) ? pair.key : null;
    return node?.range ? lineAt(node.range[0]) : fallback;
  };
  return { ok: true, tree: { data, lineOf } };
}

export interface FrontMatter extends YamlTree {
  /** The Markdown after the front matter. */
  body: string;
  /** Add to a line of the body to get its line in the file. */
  bodyOffset: number;
}

export type FrontMatterResult = { ok: true; front: FrontMatter } | { ok: false; problem: YamlProblem };

/**
 * Splits an article into its front matter (between a first line `---` and the next `---` line) and its
 * body with gray-matter, and parses the front matter with `parseYaml` as gray-matter's YAML engine, so its
 * bounds and its refusal of aliases hold. CRLF and LF are both read.
 */
export function readFrontMatter(text: string): FrontMatterResult {
  const normal = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = normal.split('\n');
  if (lines[0].trimEnd() !== '---') return { ok: false, problem: { line: 1, message: 'missing front matter: the file must start with a line "---"' } };
  // gray-matter closes at the first line that starts with "---": it must be exactly "---"
  const close = lines.findIndex((line, i) => i > 0 && line.startsWith('---'));
  if (close < 0 || lines[close].trimEnd() !== '---') return { ok: false, problem: { line: close < 0 ? 1 : close + 1, message: 'front matter is not closed by a line "---"' } };

  let result: YamlResult = { ok: true, tree: { data: {}, lineOf: (_key, _index, fallback = 2) => fallback } };
  // the block gray-matter hands over starts with the newline that ends the opening "---"
  const yaml = (block: string): object => {
    result = parseYaml(block.replace(/^\n/, ''), 2, MAX_FRONT_MATTER_BYTES);
    return result.ok && result.tree.data !== null && typeof result.tree.data === 'object' ? result.tree.data : {};
  };
  const file = matter(lines.slice(0, close + 1).join('\n') + '\n' + lines.slice(close + 1).join('\n'), { engines: { yaml } });
  if (!result.ok) return result;
  const { data } = result.tree;
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    return { ok: false, problem: { line: 2, message: 'front matter must be a set of fields (name: value)' } };
  }
  return { ok: true, front: { ...result.tree, data: data ?? {}, body: file.content, bodyOffset: close + 1 } };
}
