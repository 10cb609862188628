import { F_BLOCK, F_GAP, type TextBuffer } from '../matcher/buffer';
import { namesErrorText } from './places';
import { HOST_TAG } from './tips/host';

/**
 * Reads the rendered text of a subtree into a TextBuffer without forcing layout: textContent-like, but
 * entering open shadow roots, skipping what is never rendered (scripts, styles, templates, hidden and
 * aria-hidden subtrees, form fields) and marking block edges so a match cannot run across unrelated boxes.
 */

const SKIP = new Set([
  'SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'IFRAME', 'FRAME',
  'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE', 'META', 'LINK', 'svg', 'math',
  HOST_TAG.toUpperCase(),
]);

const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'BR', 'BUTTON', 'CAPTION', 'DD', 'DETAILS', 'DIALOG',
  'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LABEL', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE',
  'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'A',
]);

export function isSkipped(el: Element): boolean {
  return SKIP.has(el.tagName) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true';
}

/** The same rules as isSkipped, as a selector for the walk up from a changed node. */
const SKIPPED_ANCESTOR = [...[...SKIP].map((tag) => tag.toLowerCase()), '[hidden]', '[aria-hidden="true"]'].join(', ');

/** Whether `node` sits inside something never read: checked up through shadow hosts. */
export function insideSkipped(node: Node): boolean {
  let el: Element | null = node.nodeType === 1 ? (node as Element) : node.parentElement;
  while (el) {
    if (el.closest(SKIPPED_ANCESTOR)) return true;
    const root = el.getRootNode();
    el = root instanceof ShadowRoot ? root.host : null;
  }
  return false;
}

/** Block edges: block tags, custom elements (their own boxes in Spectrum) and roles that stand apart. */
function isBlock(el: Element): boolean {
  return BLOCK.has(el.tagName) || el.tagName.includes('-') || el.hasAttribute('role');
}

/** Displays that make a box of their own; a span made a flex or grid item computes to `block`. */
const BOX_DISPLAY = /^(block|flex|grid|flow-root|list-item|table)/;
/** How many elements up from each side a box edge is looked for: an error sits just inside its box. */
const BOX_REACH = 3;

/**
 * Whether two text nodes read one after the other, with no block edge between them, are drawn in boxes of
 * their own as laid out: cells of a flex grid made of spans, say. Reads computed styles, so it is asked only
 * when a message would otherwise run on into its neighbour's text.
 */
export function boxEdgeBetween(before: Node, after: Node): boolean {
  const a = before.parentElement;
  const b = after.parentElement;
  if (!a || !b || a === b) return false;
  const boxed = (from: Element, other: Element) => {
    let el: Element | null = from;
    for (let i = 0; el && i < BOX_REACH && !el.contains(other); i++, el = el.parentElement) {
      if (BOX_DISPLAY.test(getComputedStyle(el).display)) return true;
    }
    return false;
  };
  return boxed(a, b) || boxed(b, a);
}

/**
 * The longest stretch of one text node read at a time. A single huge text node (tens of megabytes) is read
 * in pieces like any other long text, never appended whole: the buffer and the task stay bounded.
 */
export const TEXT_PIECE = 32_000;
/**
 * Each piece of a long text node after the first starts this far back, so an error text cut by a piece's
 * end is read whole in the next one. Longer than any error text the knowledge base holds.
 */
export const PIECE_OVERLAP = 1_000;

/** How far past its deadline a walk may run looking for a block edge to stop at, in milliseconds. */
const LATE_STOP = 2;

/** The rest of a text node too long for one piece. */
interface TextRest {
  text: Text;
  from: number;
}

/** What a walk tells its owner besides the text: shadow roots it entered, fields that name an error text. */
export interface WalkHooks {
  shadowRoot?(root: ShadowRoot): void;
  field?(el: Element): void;
}

/**
 * Walks a subtree into a TextBuffer, resumably: `read` stops at a block edge (or inside a long text node)
 * once the buffer holds `maxChars` or the clock passes `deadline`, and the next call goes on from there.
 * A huge page is thus read in slices instead of one long task.
 */
export class TextWalker {
  // explicit stack: deep pages must not overflow the call stack; `null` marks the end of a block element
  private readonly stack: (Node | null | TextRest)[];

  constructor(
    readonly root: Node,
    private readonly hooks: WalkHooks = {},
  ) {
    this.stack = [root];
  }

  get done(): boolean {
    return this.stack.length === 0;
  }

  read(buf: TextBuffer<Node>, maxChars = Infinity, deadline = Infinity): void {
    const { stack } = this;
    let steps = 0;
    // stops only where a message cannot continue (a block edge, or between pieces of one long text), so a
    // message split across inline elements is read whole; past twice the size it stops anywhere
    const full = () => buf.length >= maxChars || ((++steps & 63) === 0 && performance.now() > deadline);
    while (stack.length) {
      // a long run of inline elements with no block edge (a grid of spans) still stops, a little later
      if (buf.length >= 2 * maxChars || ((++steps & 255) === 0 && performance.now() > deadline + LATE_STOP)) return;
      const node = stack.pop();
      if (node === null || node === undefined) {
        buf.edge(F_BLOCK);
        if (full()) return;
        continue;
      }
      if ('from' in node) {
        if (this.readText(buf, node.text, node.from, maxChars) && full()) return;
        continue;
      }
      const type = node.nodeType;
      if (type === 3) {
        if (this.readText(buf, node as Text, 0, maxChars) && full()) return;
        continue;
      }
      if (type === 1) this.enter(node as Element, buf);
      else if (type === 11 || type === 9) pushChildren(stack, node);
    }
  }

  /** Reads one piece of a text node; the rest goes back on the stack. Says whether it was cut. */
  private readText(buf: TextBuffer<Node>, text: Text, from: number, maxChars: number): boolean {
    // the length and a piece, never the whole text: reading `data` of a huge node copies all of it where
    // the content script's world keeps its own strings (Firefox)
    const length = text.length;
    if (from >= length) return false;
    const room = Math.max(2 * PIECE_OVERLAP, Math.min(TEXT_PIECE, maxChars - buf.length));
    if (from === 0 && length <= room) {
      if (length) buf.append(text.data, text);
      return false;
    }
    const to = Math.min(length, from + room);
    buf.append(text.substringData(from, to - from), text);
    if (to >= length) return false;
    this.stack.push({ text, from: to - PIECE_OVERLAP });
    return true;
  }

  private enter(el: Element, buf: TextBuffer<Node>): void {
    const { stack, hooks } = this;
    if (hooks.field && namesErrorText(el)) hooks.field(el);
    if (isSkipped(el)) return;
    if (isBlock(el)) {
      buf.edge(F_BLOCK);
      stack.push(null);
    } else buf.edge(F_GAP);
    pushChildren(stack, el);
    // an open shadow root renders instead of the light children, which appear through slots;
    // reading both covers slotted text (sp-toast takes its message through a slot)
    const shadow = el.shadowRoot;
    if (shadow) {
      hooks.shadowRoot?.(shadow);
      stack.push(null);
      pushChildren(stack, shadow);
    }
  }
}

function pushChildren(stack: (Node | null | TextRest)[], parent: Node): void {
  // children go on in reverse so they come off in document order
  for (let child = parent.lastChild; child; child = child.previousSibling) stack.push(child);
}
