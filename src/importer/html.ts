import { Parser } from 'htmlparser2';
import type { BlockContent, Code, List, ListItem, Paragraph, PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast';
import { cleanText } from './text';

/**
 * Raw HTML in knowledge-base articles becomes Markdown nodes (mdast) here, from an allow-list: bold, italics,
 * line breaks, paragraphs, lists, https links, tables, code. Scripts, styles, images, frames and form
 * controls are dropped with their content. No attribute is ever copied except a link's `href`, and only
 * after the caller's check, so `style`, `on*` handlers and `data:` URLs cannot get through.
 */

export interface HtmlElement {
  name: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}
export type HtmlNode = HtmlElement | string;

export interface HtmlOptions {
  /** The address a link may keep, or null to keep only its text. */
  href(url: string): string | null;
  /** Counts what was dropped, for the report. */
  dropped?(what: string): void;
}

/** Markdown nodes that stood between HTML fragments, put back where their placeholder is. */
export type Slots = readonly RootContent[];

const SLOT = /\uE000(\d+)\uE001/g;
export const slot = (index: number): string => `\uE000${index}\uE001`;

/** Dropped together with everything inside them. */
const DROP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
  'video', 'audio', 'canvas', 'map', 'img', 'picture', 'source', 'track', 'input', 'select', 'textarea', 'option',
  'optgroup', 'datalist', 'meta', 'link', 'base', 'title', 'head', 'param', 'area', 'col', 'colgroup', 'wbr', 'rp',
]);
const BOLD = new Set(['b', 'strong']);
const ITALIC = new Set(['i', 'em', 'cite', 'dfn', 'var']);
const CODE = new Set(['code', 'kbd', 'samp', 'tt']);
const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Block containers: their content starts and ends a paragraph. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'nav', 'center', 'figure', 'figcaption',
  'address', 'dl', 'dt', 'dd', 'fieldset', 'form', 'details', 'summary', 'caption', 'legend', 'hgroup', 'search',
  'dialog', 'body', 'html',
]);
/** Inline elements whose text is kept as it is. */
const INLINE = new Set([
  'span', 'u', 'font', 'small', 'big', 'sup', 'sub', 'mark', 'abbr', 'acronym', 'q', 'ins', 'del', 's', 'strike', 'label',
  'time', 'data', 'bdi', 'bdo', 'nobr', 'button', 'output', 'meter', 'progress', 'ruby', 'rt', 'slot', 'o:p', 'a',
]);
const LIST = new Set(['ul', 'ol', 'menu', 'dir']);
const TABLE_PARTS = new Set(['thead', 'tbody', 'tfoot', 'tr', 'th', 'td']);
const KNOWN = new Set([...DROP, ...BOLD, ...ITALIC, ...CODE, ...HEADING, ...BLOCK, ...INLINE, ...LIST, ...TABLE_PARTS, 'li', 'pre', 'br', 'hr', 'blockquote', 'table']);

/** Parses an HTML fragment into a small tree. Comments, processing instructions and CDATA are left out. */
export function parseHtml(html: string): HtmlNode[] {
  const root: HtmlElement = { name: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const element: HtmlElement = { name, attrs, children: [] };
        stack[stack.length - 1].children.push(element);
        stack.push(element);
      },
      onclosetag(name) {
        for (let i = stack.length - 1; i > 0; i--) {
          if (stack[i].name === name) {
            stack.length = i;
            break;
          }
        }
      },
      ontext(text) {
        const siblings = stack[stack.length - 1].children;
        const last = siblings.length - 1;
        if (last >= 0 && typeof siblings[last] === 'string') siblings[last] += text;
        else siblings.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return root.children;
}

/** The text of a tree, placeholders resolved to their nodes' text. */
export function textOf(nodes: readonly HtmlNode[], slots: Slots = []): string {
  return nodes
    .map((n) => {
      if (typeof n === 'string') return n.replace(SLOT, (_, i: string) => plainText(slots[Number(i)]));
      if (DROP.has(n.name)) return '';
      if (n.name === 'br') return '\n';
      return textOf(n.children, slots);
    })
    .join('');
}

/** Plain text of an mdast node. */
export function plainText(node: RootContent | undefined): string {
  if (!node) return '';
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? '' : node.value;
  if (node.type === 'break') return '\n';
  if ('children' in node) return (node.children as RootContent[]).map(plainText).join('');
  return '';
}

type Wrapper = Extract<PhrasingContent, { children: PhrasingContent[] }>;

/**
 * Collects blocks. Inline content goes into the current paragraph, inside whatever bold, italic or link
 * elements are open; a block element closes the paragraph and the open inline elements carry on in the next.
 */
class FlowBuilder {
  readonly blocks: BlockContent[] = [];
  private inline: PhrasingContent[] = [];
  private open: Wrapper[] = [];
  private breaks = 0;

  private container(): PhrasingContent[] {
    return this.open.length ? this.open[this.open.length - 1].children : this.inline;
  }

  private hasContent(): boolean {
    return this.inline.some(hasText);
  }

  addInline(node: PhrasingContent): void {
    if (node.type === 'text' && !node.value) return;
    if (this.breaks && !(node.type === 'text' && !node.value.trim())) {
      if (this.breaks >= 2) this.paragraphBreak();
      else if (this.hasContent()) this.container().push({ type: 'break' });
      this.breaks = 0;
    }
    const children = this.container();
    const last = children[children.length - 1];
    if (node.type === 'text' && last?.type === 'text') last.value += node.value;
    else children.push(node);
  }

  lineBreak(): void {
    if (this.hasContent()) this.breaks++;
  }

  openWrapper(node: Wrapper): void {
    this.addInline(node);
    this.open.push(node);
  }

  closeWrapper(): void {
    this.open.pop();
  }

  /** Ends the current paragraph; open inline elements continue, as copies, in the next one. */
  paragraphBreak(): void {
    this.breaks = 0;
    const paragraph = finishParagraph(this.inline);
    if (paragraph) this.blocks.push(paragraph);
    this.inline = [];
    const open = this.open;
    this.open = [];
    for (const wrapper of open) this.openWrapper({ ...wrapper, children: [] } as Wrapper);
  }

  addBlock(node: BlockContent): void {
    this.paragraphBreak();
    this.blocks.push(node);
  }

  finish(): BlockContent[] {
    this.paragraphBreak();
    return this.blocks;
  }
}

function hasText(node: PhrasingContent): boolean {
  if (node.type === 'text') return node.value.trim().length > 0;
  if (node.type === 'break') return false;
  if ('children' in node) return node.children.some(hasText);
  return true; // inline code, images
}

function edgeSpace(nodes: readonly PhrasingContent[], end: boolean): boolean {
  const node = nodes[end ? nodes.length - 1 : 0];
  if (!node) return false;
  if (node.type === 'break') return true;
  if (node.type === 'text') return end ? /\s$/.test(node.value) : /^\s/.test(node.value);
  return 'children' in node && node.type !== 'link' ? edgeSpace(node.children, end) : false;
}

const space = (): PhrasingContent => ({ type: 'text', value: ' ' });

/** Trims a run of inline nodes, drops empty wrappers, moves spaces out of bold and italics. */
export function tidyInline(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const push = (node: PhrasingContent) => {
    const prev = out[out.length - 1];
    if (node.type === 'text' && prev?.type === 'text') prev.value += node.value;
    else out.push(node);
  };
  for (const node of nodes) {
    if (node.type === 'text' && !node.value) continue;
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
  // after a hard break, spaces would turn into indentation; breaks in a row are one; none at the edges
  const tidy: PhrasingContent[] = [];
  for (const node of out) {
    if (node.type === 'break') {
      const before = tidy[tidy.length - 1];
      if (before?.type === 'text') {
        before.value = before.value.replace(/\s+$/, '');
        if (!before.value) tidy.pop();
      }
      const prev = tidy[tidy.length - 1];
      if (prev && prev.type !== 'break') tidy.push(node);
      continue;
    }
    if (node.type === 'text') {
      const prev = tidy[tidy.length - 1];
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

/** Bold inside bold (or a link inside a link) is unwrapped: Markdown cannot say it. */
function unnest(type: string, children: PhrasingContent[]): PhrasingContent[] {
  return children.flatMap((child) => (child.type === type && 'children' in child ? unnest(type, child.children) : [child]));
}

function finishParagraph(inline: PhrasingContent[]): Paragraph | null {
  const children = tidyInline(inline);
  return children.some(hasText) ? { type: 'paragraph', children } : null;
}

/** Converts HTML (with placeholders for Markdown nodes in `slots`) into blocks. */
export function htmlToBlocks(html: string, slots: Slots, options: HtmlOptions): BlockContent[] {
  const builder = new FlowBuilder();
  walk(parseHtml(html), builder, slots, options, false);
  return builder.finish();
}

/** Blocks as inline content, for places that only take a line: headings, table cells, emphasis. */
export function blocksToInline(blocks: readonly RootContent[], joiner: 'break' | 'space'): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const join = () => {
    if (out.length) out.push(joiner === 'break' ? { type: 'break' } : { type: 'text', value: ' ' });
  };
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        join();
        out.push(...block.children.map((c) => (joiner === 'space' && c.type === 'break' ? ({ type: 'text', value: ' ' } as const) : c)));
        break;
      case 'list':
        for (const item of block.children) {
          join();
          out.push(...blocksToInline(item.children, joiner));
        }
        break;
      case 'code':
        join();
        out.push({ type: 'inlineCode', value: block.value.replace(/\s+/g, ' ').trim() });
        break;
      case 'table':
        for (const row of block.children) {
          join();
          row.children.forEach((cell, i) => {
            if (i) out.push({ type: 'text', value: ' | ' });
            out.push(...cell.children);
          });
        }
        break;
      case 'blockquote':
        join();
        out.push(...blocksToInline(block.children, joiner));
        break;
      default:
        if ('children' in block || 'value' in block) {
          const text = plainText(block);
          if (text.trim()) {
            join();
            out.push({ type: 'text', value: text });
          }
        }
    }
  }
  return tidyInline(out);
}

function walk(nodes: readonly HtmlNode[], b: FlowBuilder, slots: Slots, options: HtmlOptions, pre: boolean): void {
  for (const node of nodes) {
    if (typeof node === 'string') {
      text(node, b, slots, pre);
      continue;
    }
    element(node, b, slots, options);
  }
}

function text(value: string, b: FlowBuilder, slots: Slots, pre: boolean): void {
  let at = 0;
  for (const m of value.matchAll(SLOT)) {
    plain(value.slice(at, m.index), b, pre);
    at = m.index + m[0].length;
    const node = slots[Number(m[1])];
    if (!node) continue;
    if (isPhrasing(node)) b.addInline(node);
    else b.addBlock(node as BlockContent);
  }
  plain(value.slice(at), b, pre);
}

function plain(value: string, b: FlowBuilder, pre: boolean): void {
  if (!value) return;
  const text = cleanText(value);
  b.addInline({ type: 'text', value: pre ? text : text.replace(/\s+/g, ' ') });
}

const PHRASING = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode', 'break', 'link', 'image', 'linkReference', 'imageReference', 'html', 'footnoteReference']);
export const isPhrasing = (node: RootContent): node is PhrasingContent => PHRASING.has(node.type);

function element(el: HtmlElement, b: FlowBuilder, slots: Slots, options: HtmlOptions): void {
  const name = el.name;
  if (DROP.has(name)) {
    options.dropped?.(name === 'img' || name === 'picture' ? 'image' : name);
    return;
  }
  if (name === 'br') return b.lineBreak();
  if (BOLD.has(name) || ITALIC.has(name)) {
    b.openWrapper(BOLD.has(name) ? { type: 'strong', children: [] } : { type: 'emphasis', children: [] });
    walk(el.children, b, slots, options, false);
    b.closeWrapper();
    return;
  }
  if (name === 'a') {
    const href = el.attrs.href ? options.href(el.attrs.href) : null;
    if (!href) {
      if (el.attrs.href) options.dropped?.('link');
      walk(el.children, b, slots, options, false);
      return;
    }
    b.openWrapper({ type: 'link', url: href, children: [] });
    walk(el.children, b, slots, options, false);
    b.closeWrapper();
    return;
  }
  if (CODE.has(name)) {
    const value = textOf(el.children, slots).replace(/\s+/g, ' ').trim();
    if (value) b.addInline({ type: 'inlineCode', value });
    return;
  }
  if (name === 'pre') {
    const value = textOf(el.children, slots).replace(/^\n/, '').replace(/\s+$/, '');
    if (value.trim()) b.addBlock({ type: 'code', lang: null, meta: null, value } satisfies Code);
    return;
  }
  if (name === 'hr') return b.paragraphBreak();
  if (HEADING.has(name)) {
    const children = blocksToInline(nested(el.children, slots, options), 'space');
    if (children.length) b.addBlock({ type: 'heading', depth: Math.max(3, Number(name[1])) as 3 | 4 | 5 | 6, children });
    return;
  }
  if (LIST.has(name)) {
    const list = toList(el, slots, options);
    if (list) b.addBlock(list);
    return;
  }
  if (name === 'li') {
    // a list item outside a list
    const list = toList({ name: 'ul', attrs: {}, children: [el] }, slots, options);
    if (list) b.addBlock(list);
    return;
  }
  if (name === 'table') {
    for (const block of toTable(el, slots, options)) b.addBlock(block);
    return;
  }
  if (name === 'blockquote') {
    const children = nested(el.children, slots, options);
    if (children.length) b.addBlock({ type: 'blockquote', children });
    return;
  }
  if (BLOCK.has(name) || TABLE_PARTS.has(name)) {
    b.paragraphBreak();
    walk(el.children, b, slots, options, false);
    b.paragraphBreak();
    return;
  }
  if (!KNOWN.has(name)) {
    // not an HTML element: an author's placeholder such as <selector> or <your-id>; keep it readable
    b.addInline({ type: 'inlineCode', value: `<${name}>` });
  }
  walk(el.children, b, slots, options, false);
}

function nested(children: readonly HtmlNode[], slots: Slots, options: HtmlOptions): BlockContent[] {
  const inner = new FlowBuilder();
  walk(children, inner, slots, options, false);
  return inner.finish();
}

/** An item needs blank lines inside only when it holds more than one block besides nested lists. */
export const loose = (children: readonly RootContent[]): boolean => children.filter((c) => c.type !== 'list').length > 1;

function toList(el: HtmlElement, slots: Slots, options: HtmlOptions): List | null {
  const items: ListItem[] = [];
  let stray: HtmlNode[] = [];
  const flushStray = () => {
    const blocks = nested(stray, slots, options);
    stray = [];
    if (blocks.length) items.push({ type: 'listItem', spread: loose(blocks), children: blocks });
  };
  for (const child of el.children) {
    if (typeof child !== 'string' && child.name === 'li') {
      flushStray();
      const blocks = nested(child.children, slots, options);
      if (blocks.length) items.push({ type: 'listItem', spread: loose(blocks), children: blocks });
    } else if (typeof child !== 'string' && LIST.has(child.name) && items.length) {
      // a list nested right inside a list belongs to the item before it
      flushStray();
      const inner = toList(child, slots, options);
      if (inner) items[items.length - 1].children.push(inner);
    } else stray.push(child);
  }
  flushStray();
  if (!items.length) return null;
  const ordered = el.name === 'ol';
  const start = ordered && /^\d+$/.test(el.attrs.start ?? '') ? Number(el.attrs.start) : ordered ? 1 : null;
  return { type: 'list', ordered, start, spread: items.some((i) => i.spread), children: items };
}

interface CellContent {
  blocks: BlockContent[];
  header: boolean;
}

/** A GFM table when every cell holds one line of text; otherwise one list item per row. */
function toTable(el: HtmlElement, slots: Slots, options: HtmlOptions): BlockContent[] {
  const rows: CellContent[][] = [];
  const collect = (nodes: readonly HtmlNode[]) => {
    for (const node of nodes) {
      if (typeof node === 'string') continue;
      if (node.name === 'tr') {
        const cells: CellContent[] = [];
        for (const cell of node.children) {
          if (typeof cell === 'string' || (cell.name !== 'td' && cell.name !== 'th')) continue;
          cells.push({ blocks: nested(cell.children, slots, options), header: cell.name === 'th' });
        }
        if (cells.some((c) => c.blocks.length)) rows.push(cells);
      } else if (node.name === 'thead' || node.name === 'tbody' || node.name === 'tfoot') collect(node.children);
    }
  };
  collect(el.children);
  if (!rows.length) return [];
  const columns = Math.max(...rows.map((r) => r.length));
  const simple = rows.every((r) => r.every((c) => c.blocks.length <= 1 && (!c.blocks.length || c.blocks[0].type === 'paragraph')));
  if (simple && rows.length >= 2 && columns >= 2) {
    const tableRows: TableRow[] = rows.map((r) => ({
      type: 'tableRow',
      children: Array.from({ length: columns }, (_, i): TableCell => ({ type: 'tableCell', children: r[i] ? blocksToInline(r[i].blocks, 'space') : [] })),
    }));
    return [{ type: 'table', align: Array.from({ length: columns }, () => null), children: tableRows } satisfies Table];
  }
  if (columns === 1 || rows.length === 1) return rows.flatMap((r) => r.flatMap((c) => c.blocks));
  // complex cells: one list item per row, its cells one after the other
  const items: ListItem[] = rows.map((r) => r.flatMap((c) => c.blocks)).filter((b) => b.length).map((children) => ({ type: 'listItem', spread: loose(children), children }));
  return [{ type: 'list', ordered: false, start: null, spread: items.some((i) => i.spread), children: items }];
}
