import { F_BLOCK, TextBuffer } from '../matcher/buffer';
import type { Hit, Matcher } from '../matcher/matcher';
import { TextWalker, boxEdgeBetween, insideSkipped, type WalkHooks } from './walk';

/** Characters read into the buffer before matching: a slice of a long page. */
const MAX_CHUNK = 64_000;
/** A busy region holding more text than this is not looked over (a region holding megabytes is only read whole, less often). */
const LOOK_OVER_MAX_CHARS = 1_000_000;

/**
 * Reads the page's rendered text into one buffer and matches it: what the scheduler calls reading. Every
 * read matches what it read before the task ends, so the buffer is empty between tasks.
 */
export class PageReader {
  private readonly buf = new TextBuffer<Node>();

  constructor(
    private readonly matcher: Matcher,
    private readonly allowed: (pattern: number) => boolean,
    private readonly walkHooks: WalkHooks,
    private readonly sighted: (element: Element, hit: Hit) => void,
  ) {}

  /** Whether the buffer holds a chunk: time to match it. */
  get full(): boolean {
    return this.buf.length >= MAX_CHUNK;
  }

  /** A read of `root`, or of the whole page. */
  walk(root: Node = document.documentElement ?? document): TextWalker {
    return new TextWalker(root, this.walkHooks);
  }

  /** Reads `node` into the buffer; a subtree too big for the deadline comes back, to go on in idle slices. */
  read(node: Node, deadline: number): TextWalker | null {
    if (!node.isConnected || insideSkipped(node)) return null;
    if (node.nodeType === 1 && (node as Element).shadowRoot) this.walkHooks.shadowRoot?.((node as Element).shadowRoot!);
    const walker = this.walk(node);
    walker.read(this.buf, MAX_CHUNK, deadline);
    this.buf.edge(F_BLOCK);
    return walker.done ? null : walker;
  }

  /** One slice of a walk: read up to a chunk or the deadline, match it. */
  readOn(walker: TextWalker, end: number): void {
    this.buf.reset();
    walker.read(this.buf, MAX_CHUNK, end);
    this.match();
  }

  match(): void {
    const { buf } = this;
    if (!buf.length) return;
    for (const hit of this.matcher.find(buf, this.allowed, this.boxEdge)) {
      const source = buf.sourceAt(hit.start);
      const element = source?.parentElement ?? (source instanceof Element ? source : null);
      if (element) this.sighted(element, hit);
    }
    buf.reset();
  }

  /**
   * The anchors (longest literal parts) of the error texts a busy region holds: its text taken whole
   * (textContent, one native call) and folded; null when it is too long to look over.
   */
  lookOver(region: Node): string | null {
    const text = region.textContent ?? '';
    if (text.length > LOOK_OVER_MAX_CHARS) return null;
    const { buf } = this;
    buf.reset();
    buf.append(text, region);
    const anchors = this.matcher.anchorsIn(buf, this.allowed).join();
    buf.reset();
    return anchors;
  }

  /** Whether the inline edge before `pos` in the buffer is a box's edge as laid out (see boxEdgeBetween). */
  private readonly boxEdge = (pos: number): boolean => {
    const before = this.buf.sourceAt(pos - 1);
    const after = this.buf.sourceAt(pos);
    return !!before && !!after && boxEdgeBetween(before, after);
  };
}
