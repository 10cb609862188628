import { describe, expect, it } from 'vitest';
import { TextWalker, TEXT_PIECE, PIECE_OVERLAP } from '../../src/content/walk';
import { Matcher } from '../../src/matcher/matcher';
import { MAX_KEPT_CAPACITY, TextBuffer } from '../../src/matcher/buffer';

/** Just enough of the DOM for the walker: elements and text nodes with their links. */
interface FakeNode {
  nodeType: number;
  tagName?: string;
  data?: string;
  lastChild: FakeNode | null;
  previousSibling: FakeNode | null;
  shadowRoot: null;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
}

function text(data: string): FakeNode {
  return {
    nodeType: 3,
    data,
    length: data.length,
    substringData: (offset: number, count: number) => data.slice(offset, offset + count),
    lastChild: null,
    previousSibling: null,
    shadowRoot: null,
    hasAttribute: () => false,
    getAttribute: () => null,
  } as FakeNode;
}

function el(tagName: string, ...children: FakeNode[]): FakeNode {
  for (let i = 1; i < children.length; i++) children[i].previousSibling = children[i - 1];
  return { nodeType: 1, tagName, lastChild: children[children.length - 1] ?? null, previousSibling: null, shadowRoot: null, hasAttribute: () => false, getAttribute: () => null };
}

const MAX_CHUNK = 64_000;

describe('TextWalker and TextBuffer on a huge text node', () => {
  const error = 'Not allowed to delete due to segment sharing enabled';
  const matcher = new Matcher({ patterns: [{ a: 0, p: ['notallowedtodeleteduetosegmentsharingenabled'], k: 0 }] });

  it('reads one 8 MB text node in bounded pieces, and finds an error cut by a piece edge', () => {
    // the error straddles the first piece's end
    const filler = 'Quarterly report row, reviewed weekly. ';
    const before = filler.repeat(Math.ceil((TEXT_PIECE - 20) / filler.length)).slice(0, TEXT_PIECE - 20);
    const big = `${before}. ${error}. ${filler.repeat(8_000_000 / filler.length)}`;
    const walker = new TextWalker(el('DIV', text(big)) as unknown as Node);
    const buf = new TextBuffer<Node>();
    let reads = 0;
    let hits = 0;
    let largest = 0;
    while (!walker.done) {
      buf.reset();
      walker.read(buf, MAX_CHUNK);
      largest = Math.max(largest, buf.length);
      hits += matcher.find(buf).length;
      reads++;
    }
    expect(largest).toBeLessThanOrEqual(MAX_CHUNK + TEXT_PIECE);
    expect(reads).toBeGreaterThan(8_000_000 / (MAX_CHUNK + TEXT_PIECE));
    expect(hits).toBeGreaterThanOrEqual(1);
    expect(PIECE_OVERLAP).toBeGreaterThan(error.length);
  });

  it('the buffer gives back its memory once reset after a big read', () => {
    const buf = new TextBuffer<number>();
    buf.append('x'.repeat(4 * MAX_KEPT_CAPACITY), 0);
    expect(buf.capacity).toBeGreaterThan(MAX_KEPT_CAPACITY);
    buf.reset();
    expect(buf.capacity).toBeLessThanOrEqual(MAX_KEPT_CAPACITY);
    expect(buf.length).toBe(0);
  });

  it('small text nodes are still read whole, and a message split across inline elements is not cut', () => {
    const walker = new TextWalker(el('P', el('B', text('Not allowed')), text(' to delete due to segment sharing enabled')) as unknown as Node);
    const buf = new TextBuffer<Node>();
    walker.read(buf, 25); // full inside the paragraph: it still stops only at the block's edge
    expect(walker.done).toBe(true);
    expect(matcher.find(buf)).toHaveLength(1);
  });
});
