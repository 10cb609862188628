import { describe, expect, it } from 'vitest';
import type { ElementNode } from '../../src/shared/kb-types';
import { treeText } from '../../src/ui/ElementTree';

describe('treeText: an article tree as plain text, for "Copy steps"', () => {
  it('numbers an ordered list, dashes an unordered one, keeps inline text', () => {
    const steps: ElementNode = ['ol', null, ['li', null, 'Open ', ['strong', null, 'Sources'], '.'], ['li', null, 'Pick the ', ['code', null, 'dataflow'], ' and delete it.']];
    const notes: ElementNode = ['ul', null, ['li', null, 'one'], ['li', null, 'two']];
    expect(treeText([['p', null, 'Before you start: ', ['em', null, 'save']], steps, notes])).toBe('Before you start: save\n1. Open Sources.\n2. Pick the dataflow and delete it.\n- one\n- two');
  });

  it('leaves out empty blocks', () => {
    expect(treeText([['p', null, '  '], ['p', null, 'text']])).toBe('text');
  });
});
