import { F_BLOCK, F_GAP, type TextBuffer } from '../matcher/buffer';

/**
 * Reads the rendered text of a subtree into a TextBuffer without forcing layout: textContent-like, but
 * entering open shadow roots, skipping what is never rendered (scripts, styles, templates, hidden and
 * aria-hidden subtrees, form fields) and marking block edges so a match cannot run across unrelated boxes.
 */

export const HOST_TAG = 'xc-troubleshooter';

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

/**
 * Walks a subtree into a TextBuffer, resumably: `read` stops at a block edge once the buffer holds
 * `maxChars` or the clock passes `deadline`, and the next call goes on from there. A huge page is thus read
 * in slices instead of one long task.
 */
export class TextWalker {
  // explicit stack: deep pages must not overflow the call stack; `null` marks the end of a block element
  private readonly stack: (Node | null)[];

  constructor(root: Node) {
    this.stack = [root];
  }

  get done(): boolean {
    return this.stack.length === 0;
  }

  read(buf: TextBuffer<Node>, maxChars = Infinity, deadline = Infinity): void {
    const { stack } = this;
    let steps = 0;
    while (stack.length) {
      const node = stack.pop();
      if (node === null || node === undefined) {
        buf.edge(F_BLOCK);
        if (buf.length >= maxChars || ((++steps & 63) === 0 && performance.now() > deadline)) return;
        continue;
      }
      const type = node.nodeType;
      if (type === 3) {
        const data = (node as Text).data;
        if (data) buf.append(data, node);
        continue;
      }
      if (type === 1) {
        const el = node as Element;
        if (isSkipped(el)) continue;
        if (isBlock(el)) {
          buf.edge(F_BLOCK);
          stack.push(null);
        } else buf.edge(F_GAP);
        pushChildren(stack, el);
        // an open shadow root renders instead of the light children, which appear through slots;
        // reading both covers slotted text (sp-toast takes its message through a slot)
        const shadow = el.shadowRoot;
        if (shadow) {
          stack.push(null);
          pushChildren(stack, shadow);
        }
        continue;
      }
      if (type === 11 || type === 9) pushChildren(stack, node);
    }
  }
}

function pushChildren(stack: (Node | null)[], parent: Node): void {
  // children go on in reverse so they come off in document order
  for (let child = parent.lastChild; child; child = child.previousSibling) stack.push(child);
}
