import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { defaultHandlers, toMdast, type Handle, type State } from 'hast-util-to-mdast';
import type { BlockContent, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import { phrasing } from 'mdast-util-phrasing';
import { toHast } from 'mdast-util-to-hast';
import { toString } from 'mdast-util-to-string';
import { cleanText } from './text';

/**
 * Markdown with HTML inside it becomes clean Markdown nodes (mdast), on the standard tools: the tree goes
 * to HTML (`mdast-util-to-hast`), raw HTML is parsed into it (`hast-util-raw`), an allow-list keeps the
 * elements and attributes we can show (`hast-util-sanitize`), and it comes back as Markdown
 * (`hast-util-to-mdast`). Our own rules are small handlers around that: links checked by the caller, HTML
 * headings kept below our sections, tables with block cells as lists, author placeholders (`<selector>`)
 * as code, and in the Markdown that comes back `<u>` unwrapped, spaces moved out of bold, `<br><br>` as a
 * new paragraph, breaks at the edges trimmed.
 */

export interface HtmlOptions {
  /** The address a link may keep, or null to keep only its text. */
  href(url: string): string | null;
  /** Counts what was dropped, for the report: 'image', 'link', or an element name. */
  dropped?(what: string): void;
}

/** Dropped together with everything inside them; counted. */
const DROP = [
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
  'video', 'audio', 'canvas', 'map', 'img', 'picture', 'source', 'track', 'input', 'select', 'textarea', 'option',
  'optgroup', 'datalist', 'meta', 'link', 'base', 'title', 'head', 'param', 'area', 'col', 'colgroup', 'wbr', 'rp', 'button',
];

/** Elements kept; everything else is unwrapped (its content stays), and no other attribute survives. */
const SCHEMA: Schema = {
  tagNames: ['p', 'div', 'br', 'hr', 'b', 'strong', 'i', 'em', 'cite', 'dfn', 'var', 'code', 'kbd', 'samp', 'tt', 'pre', 'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'del'],
  attributes: { a: ['href'], ol: ['start'], code: [['className', /^language-[\w+#.-]{1,20}$/]], '*': ['dataMarkdown'] },
  protocols: {},
  strip: DROP,
  clobber: [],
  ancestors: {},
  required: {},
};

/** Every element HTML defines that may appear in a knowledge-base body; any other name is a placeholder. */
const HTML_ELEMENTS = new Set([
  ...DROP, ...(SCHEMA.tagNames ?? []), 'html', 'body', 'span', 'u', 'font', 'small', 'big', 'sup', 'sub', 'mark', 'abbr', 'acronym', 'q', 'ins', 's', 'strike',
  'label', 'time', 'data', 'bdi', 'bdo', 'nobr', 'output', 'meter', 'progress', 'ruby', 'rt', 'slot', 'section', 'article', 'header', 'footer', 'main',
  'aside', 'nav', 'center', 'figure', 'figcaption', 'address', 'dl', 'dt', 'dd', 'fieldset', 'form', 'details', 'summary', 'caption', 'legend',
  'hgroup', 'search', 'dialog', 'menu', 'dir', 'o:p',
]);

/**
 * Counts dropped elements and turns unknown elements (`<selector>`, `<your-id>`) into visible code. Where
 * a picture was, no double space or space before punctuation is left.
 */
function prepare(tree: HastRoot | Element, options: HtmlOptions): void {
  const out: ElementContent[] = [];
  let dropped = false;
  for (const child of tree.children as ElementContent[]) {
    const after = dropped;
    dropped = false;
    if (child.type === 'text') {
      const last = out[out.length - 1];
      if (after && /^[ \t]+(?=[.,;:!?)]|$)/.test(child.value)) child.value = child.value.replace(/^[ \t]+/, '');
      else if (after && /^[\p{L}\p{N}]/u.test(child.value) && last?.type === 'text' && /[\p{L}\p{N}]$/u.test(last.value)) child.value = ` ${child.value}`;
      out.push(child);
      continue;
    }
    if (child.type !== 'element') {
      out.push(child);
      continue;
    }
    if (DROP.includes(child.tagName)) {
      options.dropped?.(child.tagName === 'img' || child.tagName === 'picture' ? 'image' : child.tagName);
      const last = out[out.length - 1];
      if (last?.type === 'text') last.value = last.value.replace(/[ \t]+$/, '');
      dropped = true;
      continue;
    }
    prepare(child, options);
    if (HTML_ELEMENTS.has(child.tagName)) out.push(child);
    // not an HTML element: an author's placeholder; keep it readable, and what the parser put inside it
    else out.push({ type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: `<${child.tagName}>` }] }, ...child.children);
  }
  tree.children = out;
}

function rowsOf(table: Element): Element[] {
  return table.children.flatMap((c) => (c.type !== 'element' ? [] : c.tagName === 'tr' ? [c] : ['thead', 'tbody', 'tfoot'].includes(c.tagName) ? rowsOf(c) : []));
}

const cellsOf = (row: Element): Element[] => row.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'));

/** Blocks of a hast element, as mdast: phrasing runs wrapped in paragraphs. */
function flow(state: State, element: Element): BlockContent[] {
  return tidyFlow(state.toFlow(state.all(element)) as RootContent[]);
}

/** A GFM table when every cell is one line of text; otherwise one list item per row, or just the blocks. */
const table: Handle = (state, node) => {
  // a Markdown table stays a table, as written; an HTML one is judged by its cells
  const markdown = node.properties.dataMarkdown !== undefined;
  const rows = rowsOf(node)
    .map((row) => cellsOf(row).map((cell) => flow(state, cell)))
    .filter((cells) => markdown || cells.some((blocks) => blocks.length));
  if (!rows.length) return undefined;
  const columns = Math.max(...rows.map((cells) => cells.length));
  const simple = rows.every((cells) => cells.every((blocks) => blocks.length <= 1 && (!blocks.length || blocks[0].type === 'paragraph')));
  if (markdown || (simple && rows.length >= 2 && columns >= 2)) {
    const cell = (blocks: BlockContent[] | undefined): TableCell => ({ type: 'tableCell', children: blocks?.length ? blocksToInline(blocks) : [] });
    const children = rows.map((cells): TableRow => ({ type: 'tableRow', children: Array.from({ length: columns }, (_, i) => cell(cells[i])) }));
    return { type: 'table', align: Array.from({ length: columns }, () => null), children } satisfies Table;
  }
  const perRow = rows.map((cells) => cells.flat()).filter((blocks) => blocks.length);
  if (columns === 1 || rows.length === 1) return perRow.flat();
  const items: ListItem[] = perRow.map((children) => ({ type: 'listItem', spread: loose(children), children }));
  return { type: 'list', ordered: false, start: null, spread: items.some((i) => i.spread), children: items } satisfies List;
};

const heading: Handle = (state, node) => {
  const result = defaultHandlers[node.tagName as 'h1'](state, node);
  // HTML headings inside a section stay below our own "##" sections
  if (result && !Array.isArray(result) && result.type === 'heading' && node.properties.dataMarkdown === undefined) result.depth = Math.max(3, result.depth) as 3;
  return result;
};

function handlers(options: HtmlOptions): Record<string, Handle> {
  return {
    a(state, node) {
      const url = typeof node.properties.href === 'string' ? node.properties.href : '';
      const href = url ? options.href(url) : null;
      if (!href) {
        if (url) options.dropped?.('link');
        return state.all(node);
      }
      return { type: 'link', url: href, title: null, children: state.all(node) as PhrasingContent[] };
    },
    h1: heading, h2: heading, h3: heading, h4: heading, h5: heading, h6: heading,
    table,
  };
}

/** HTML and Markdown nodes to clean Markdown blocks, from a hast tree that may hold raw HTML. */
function fromHast(tree: HastRoot, options: HtmlOptions): BlockContent[] {
  const parsed = raw(tree) as HastRoot;
  prepare(parsed, options);
  const clean = sanitize(parsed, SCHEMA) as HastRoot;
  const mdast = toMdast(clean, { handlers: handlers(options), newlines: true, document: true }) as Root;
  return tidyFlow(mdast.children);
}

/**
 * A Markdown tree that may hold raw HTML, as clean blocks. Markdown headings and tables are marked on the
 * way so they stay as written; headings written in HTML are put below our sections, tables judged by cells.
 */
export function cleanMarkdownTree(root: Root, options: HtmlOptions): BlockContent[] {
  const mark = (node: Nodes) => {
    if (node.type === 'heading' || node.type === 'table') node.data = { ...node.data, hProperties: { dataMarkdown: '' } };
    if ('children' in node) node.children.forEach((child) => mark(child as Nodes));
  };
  mark(root);
  return fromHast(toHast(root, { allowDangerousHtml: true }) as HastRoot, options);
}

/** An HTML fragment as clean blocks. */
export function htmlToBlocks(html: string, options: HtmlOptions): BlockContent[] {
  return fromHast({ type: 'root', children: [{ type: 'raw', value: html } as unknown as ElementContent] }, options);
}

// ——— our rules on the Markdown that comes back ———

/** An item needs blank lines inside only when it holds more than one block besides nested lists. */
export const loose = (children: readonly RootContent[]): boolean => children.filter((c) => c.type !== 'list').length > 1;

const hasText = (node: PhrasingContent): boolean => (node.type === 'break' ? false : node.type === 'text' ? node.value.trim().length > 0 : 'children' in node ? node.children.some(hasText) : true);

/** Splits a paragraph at two breaks in a row (`<br><br>`, possibly with spaces between). */
function splitAtDoubleBreaks(children: PhrasingContent[]): PhrasingContent[][] {
  const parts: PhrasingContent[][] = [[]];
  let breaks = 0;
  for (const node of children) {
    if (node.type === 'break') breaks++;
    else if (!(node.type === 'text' && !node.value.trim() && breaks)) {
      if (breaks >= 2) parts.push([]);
      else if (breaks === 1) parts[parts.length - 1].push({ type: 'break' });
      breaks = 0;
      parts[parts.length - 1].push(node);
    }
  }
  return parts;
}

/** Blocks tidied: paragraphs split at `<br><br>` and trimmed, empty ones dropped, inside lists and quotes too. */
export function tidyFlow(nodes: readonly RootContent[]): BlockContent[] {
  const out: BlockContent[] = [];
  for (const node of groupPhrasing(nodes)) {
    if (node.type === 'paragraph') {
      for (const part of splitAtDoubleBreaks(node.children)) {
        const children = tidyInline(part);
        if (children.some(hasText)) out.push({ type: 'paragraph', children } satisfies Paragraph);
      }
    } else if (node.type === 'heading') {
      const children = tidyInline(node.children).map((c): PhrasingContent => (c.type === 'break' ? { type: 'text', value: ' ' } : c));
      if (children.some(hasText)) out.push({ ...node, children });
    } else if (node.type === 'list') {
      const items = node.children.map((item) => ({ ...item, children: tidyFlow(item.children) })).filter((item) => item.children.length);
      for (const item of items) item.spread = !!item.spread && loose(item.children);
      if (items.length) out.push({ ...node, children: items, spread: items.some((i) => i.spread) });
    } else if (node.type === 'blockquote') {
      const children = tidyFlow(node.children);
      if (children.length) out.push({ ...node, children });
    } else if (node.type === 'table') {
      for (const row of node.children) for (const cell of row.children) cell.children = tidyInline(cell.children).map((c): PhrasingContent => (c.type === 'break' ? { type: 'text', value: ' ' } : c));
      out.push(node);
    } else if (node.type === 'code') {
      if (node.value.trim()) out.push(node);
    } else if (node.type !== 'html' && node.type !== 'definition') out.push(node as BlockContent);
  }
  return out;
}

/** Runs of phrasing nodes standing between blocks, each wrapped in one paragraph. */
function groupPhrasing(nodes: readonly RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  let run: Paragraph | null = null;
  for (const node of nodes) {
    if (!phrasing(node)) {
      run = null;
      out.push(node);
    } else if (run) run.children.push(node);
    else out.push((run = { type: 'paragraph', children: [node] }));
  }
  return out;
}

function edgeSpace(nodes: readonly PhrasingContent[], end: boolean): boolean {
  const node = nodes[end ? nodes.length - 1 : 0];
  if (!node) return false;
  if (node.type === 'break') return true;
  if (node.type === 'text') return end ? /\s$/.test(node.value) : /^\s/.test(node.value);
  return 'children' in node && node.type !== 'link' ? edgeSpace(node.children, end) : false;
}

/** Bold inside bold (or a link inside a link) is unwrapped: Markdown cannot say it. */
function unnest(type: string, children: PhrasingContent[]): PhrasingContent[] {
  return children.flatMap((child) => (child.type === type && 'children' in child ? unnest(type, child.children) : [child]));
}

/** Text cleaned, wrappers' edge spaces moved outside them, empty wrappers gone; adjacent texts joined. */
function moveSpacesOut(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const push = (node: PhrasingContent) => {
    const prev = out[out.length - 1];
    if (node.type === 'text' && prev?.type === 'text') prev.value += node.value;
    else out.push(node);
  };
  const space = (): PhrasingContent => ({ type: 'text', value: ' ' });
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.value) push({ type: 'text', value: cleanText(node.value).replace(/[ \t]*\n[ \t]*/g, '\n') });
      continue;
    }
    if (!('children' in node)) {
      push(node);
      continue;
    }
    // spaces at a wrapper's edges go outside it, so "**word **next" does not stay literal
    const lead = edgeSpace(node.children, false);
    const trail = edgeSpace(node.children, true);
    node.children = tidyInline(unnest(node.type, node.children));
    if (!node.children.some(hasText)) {
      if (node.children.length || lead || trail) push(space());
      continue;
    }
    if (lead) push(space());
    push(node);
    if (trail) push(space());
  }
  return out;
}

/** Trims a run of inline nodes: no spaces around breaks, no breaks in a row or at the edges. */
export function tidyInline(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  const tidy: PhrasingContent[] = [];
  for (const node of moveSpacesOut(nodes)) {
    const prev = tidy[tidy.length - 1];
    if (node.type === 'break') {
      if (prev?.type === 'text') {
        prev.value = prev.value.replace(/\s+$/, '');
        if (!prev.value) tidy.pop();
      }
      const before = tidy[tidy.length - 1];
      if (before && before.type !== 'break') tidy.push(node);
      continue;
    }
    if (node.type === 'text') {
      if (!prev || prev.type === 'break') node.value = node.value.replace(/^\s+/, '');
      if (!node.value) continue;
    }
    tidy.push(node);
  }
  for (let last = tidy[tidy.length - 1]; last; last = tidy[tidy.length - 1]) {
    if (last.type === 'text') last.value = last.value.replace(/\s+$/, '');
    if (last.type === 'break' || (last.type === 'text' && !last.value)) tidy.pop();
    else break;
  }
  return tidy;
}

/** Blocks as inline content, for places that take one line: headings made from labels. */
function blocksToInline(blocks: readonly RootContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const block of blocks) {
    const inline: PhrasingContent[] = block.type === 'paragraph' || block.type === 'heading' ? block.children : [{ type: 'text', value: toString(block as Nodes) }];
    if (out.length) out.push({ type: 'text', value: ' ' });
    out.push(...inline);
  }
  return tidyInline(out);
}
