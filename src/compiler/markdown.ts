import type { Nodes, Parents, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import { toString } from 'mdast-util-to-string';
import type { ElementNode } from '../shared/kb-types';
import { hasCrmAddress } from './rules';

/**
 * Article bodies are compiled here, at build time, into a tree of allow-listed elements that one Preact
 * component renders. Nothing at runtime parses HTML. Anything outside the allow-list is a problem
 * reported with its line, never passed through.
 */

export interface BodyProblem {
  /** 1-based line within the body. */
  line: number;
  message: string;
}

export interface CompiledBody {
  body: ElementNode[];
  meaning: ElementNode[];
  steps: ElementNode | null;
  /** Plain text of the body, for the search index. */
  text: string;
  problems: BodyProblem[];
}

export const MEANING_HEADING = 'what it means';
export const STEPS_HEADING = 'how to fix it';

export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
}

/**
 * Containers open at once on a line: `>` and list markers at its start, plus two columns of indentation
 * per level. Our articles use three, the public knowledge base at most 22 (code inside a list); the
 * Markdown parser slows down by the square of the depth and the tree walk recurses once per level.
 */
export const MAX_NESTING = 32;
/**
 * Emphasis, link and code marks (`*`, `_`, `[`, `]`, backticks) in one block. The parser pairs them up in
 * quadratic time (40,000 take minutes); the public knowledge base has at most 175 in a block.
 */
export const MAX_INLINE_MARKS = 1000;

/**
 * Shapes of Markdown that would take the parser minutes or overflow the stack, found by a linear scan
 * before parsing: too deep a nesting, too many inline marks in one block. Each is reported with its line.
 */
export function checkMarkdownShape(markdown: string): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const lines = markdown.split(/\r?\n/);
  let fence = '';
  let marks = 0;
  let blockStart = 1;
  let deepReported = false;
  lines.forEach((line, index) => {
    const fenceMark = /^[ \t]*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = '';
      return;
    }
    if (fenceMark) {
      fence = fenceMark;
      return;
    }
    const lead = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*/.exec(line)![0];
    const indent = /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;
    const markers = (lead.match(/>|[-*+](?=[ \t]|$)|\d{1,9}[.)]/g) ?? []).length;
    const depth = markers + Math.ceil(indent / 2);
    if (depth > MAX_NESTING && !deepReported) {
      problems.push({ line: index + 1, message: `Markdown nested ${depth} levels deep; the limit is ${MAX_NESTING}` });
      deepReported = true;
    }
    if (!line.trim()) {
      marks = 0;
      blockStart = index + 2;
      return;
    }
    const before = marks;
    marks += line.length - line.replace(/[*_[\]`]/g, '').length;
    if (before <= MAX_INLINE_MARKS && marks > MAX_INLINE_MARKS) {
      problems.push({ line: blockStart, message: `a block holds more than ${MAX_INLINE_MARKS} emphasis, link or code marks (* _ [ ] \`); split it or write them as code` });
    }
  });
  return problems;
}

export function compileBody(markdown: string): CompiledBody {
  const shape = checkMarkdownShape(markdown);
  if (shape.length) return { body: [], meaning: [], steps: null, text: '', problems: shape };
  const root = parseMarkdown(markdown);
  const ctx: Converting = { problems: crmProblems(root), texts: [] };
  const body = convertChildren(root, ctx);
  const { meaning, steps, stepsLine } = tipParts(root);
  if (!steps) ctx.problems.push({ line: stepsLine, message: 'the body has no steps: add "## How to fix it" followed by a numbered list' });
  return { body, meaning, steps, text: ctx.texts.join(' ').replace(/\s+/g, ' ').trim(), problems: ctx.problems };
}

/** What the tip shows: the first paragraph under "What it means" and the numbered list under "How to fix it". */
function tipParts(root: Root): { meaning: ElementNode[]; steps: ElementNode | null; stepsLine: number } {
  // converted again on their own, so their problems and texts are not counted twice
  const quiet = (node: Nodes) => convertNode(node, { problems: [], texts: [] });
  let meaning: ElementNode[] = [];
  let steps: ElementNode | null = null;
  let section = '';
  let stepsLine = 1;
  for (const node of root.children) {
    if (node.type === 'heading') {
      section = toString(node).trim().toLowerCase();
      if (section === STEPS_HEADING) stepsLine = node.position?.start.line ?? 1;
      continue;
    }
    if (section === MEANING_HEADING && !meaning.length && node.type === 'paragraph') meaning = quiet(node);
    if (section === STEPS_HEADING && !steps && node.type === 'list' && node.ordered) steps = quiet(node)[0];
  }
  return { meaning, steps, stepsLine };
}

interface Converting {
  problems: BodyProblem[];
  /** Plain text met on the way, for the search index. */
  texts: string[];
}

const convertChildren = (parent: Parents, ctx: Converting): ElementNode[] => parent.children.flatMap((child) => convertNode(child as Nodes, ctx));

/** An https link, or the problem with it. */
function httpsHref(url: string): string {
  try {
    return new URL(url).protocol === 'https:' ? url : '';
  } catch {
    return '';
  }
}

function convertNode(node: Nodes, ctx: Converting): ElementNode[] {
  const problem = (message: string) => ctx.problems.push({ line: node.position?.start.line ?? 1, message });
  const children = (parent: Parents) => convertChildren(parent, ctx);
  switch (node.type) {
    case 'text':
      ctx.texts.push(node.value);
      return [node.value];
    case 'paragraph':
      return [['p', null, ...children(node)]];
    case 'heading':
      if (node.depth === 1) problem('use ## or deeper for headings inside the body; the title is in the front matter');
      return [[`h${Math.max(2, Math.min(node.depth, 4))}`, null, ...children(node)]];
    case 'list':
      return [[node.ordered ? 'ol' : 'ul', node.ordered && node.start && node.start !== 1 ? { start: String(node.start) } : null, ...children(node)]];
    case 'listItem':
      // tight list items hold a lone paragraph: render its content directly
      if (node.children.length === 1 && node.children[0].type === 'paragraph') return [['li', null, ...children(node.children[0])]];
      return [['li', null, ...children(node)]];
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'blockquote':
      return [[{ emphasis: 'em', strong: 'strong', delete: 'del', blockquote: 'blockquote' }[node.type], null, ...children(node)]];
    case 'inlineCode':
      ctx.texts.push(node.value);
      return [['code', null, node.value]];
    case 'code':
      ctx.texts.push(node.value);
      return [['pre', null, ['code', null, node.value]]];
    case 'break':
      return [['br', null]];
    case 'thematicBreak':
      return [['hr', null]];
    case 'link': {
      const href = httpsHref(node.url);
      if (href) return [['a', { href }, ...children(node)]];
      problem(`link "${node.url}" is not an absolute https URL`);
      return children(node);
    }
    case 'table': {
      const [head, ...rows] = node.children;
      const row = (r: typeof head, cell: 'th' | 'td'): ElementNode => ['tr', null, ...r.children.map((c): ElementNode => [cell, null, ...children(c)])];
      return [['table', null, ['thead', null, row(head, 'th')], ['tbody', null, ...rows.map((r) => row(r, 'td'))]]];
    }
    case 'html':
      problem(`raw HTML is not allowed in an article body: ${node.value.slice(0, 40)}`);
      return [];
    case 'image':
    case 'imageReference':
      problem('images are not allowed: the extension cannot show them');
      return [];
    case 'linkReference':
    case 'definition':
    case 'footnoteReference':
    case 'footnoteDefinition':
      problem('reference-style links are not supported: write [text](https://…)');
      return [];
    default:
      problem(`unsupported Markdown (${node.type})`);
      return [];
  }
}

/**
 * CRM addresses anywhere in a body: in text, code, raw HTML, link and image addresses, and across nodes
 * (`crm*.*dynamics.com`, `crm<b></b>.dynamics.com`). Reported once per line.
 */
function crmProblems(root: Root): BodyProblem[] {
  const lines = new Set<number>();
  const visit = (node: Nodes) => {
    const own = [toString(node, { includeHtml: false }), 'value' in node ? node.value : '', 'url' in node ? node.url : ''];
    if (own.some((text) => text && hasCrmAddress(text))) {
      const line = node.position?.start.line ?? 1;
      // the deepest node says where; its parents, which hold the same text, add nothing
      if ('children' in node && node.children.some((child) => hasCrmAddress(toString(child)) || ('url' in child && hasCrmAddress(child.url)))) {
        node.children.forEach((child) => visit(child as Nodes));
      } else lines.add(line);
      return;
    }
    if ('children' in node) node.children.forEach((child) => visit(child as Nodes));
  };
  visit(root);
  return [...lines].map((line) => ({ line, message: 'CRM address (crm.dynamics.com) in the body: those are private and never ship' }));
}
