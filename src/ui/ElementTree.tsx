import { h, type ComponentChildren } from 'preact';
import type { ElementNode } from '../shared/kb-types';

/**
 * Renders an article body compiled at build time. Only these tags and attributes ever reach the DOM;
 * text is always text. Links open in a new tab without access to the opener.
 */
const TAGS = new Set(['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'strong', 'em', 'del', 'code', 'pre', 'a', 'blockquote', 'br', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

function render(node: ElementNode, key: number): ComponentChildren {
  if (typeof node === 'string') return node;
  const [tag, attrs, ...children] = node;
  if (!TAGS.has(tag)) return children.map(render);
  const props: Record<string, string | number> = { key };
  if (tag === 'a') {
    const href = attrs?.href ?? '';
    if (!href.startsWith('https://')) return children.map(render);
    Object.assign(props, { href, target: '_blank', rel: 'noopener noreferrer' });
  }
  if (tag === 'ol' && attrs?.start) props.start = Number(attrs.start) || 1;
  return h(tag, props, ...children.map(render));
}

export function ElementTree({ nodes }: { nodes: ElementNode[] }) {
  return <>{nodes.map(render)}</>;
}

/** Plain text of a compiled tree: for "Copy steps". Lists become numbered lines. */
export function treeText(nodes: ElementNode[]): string {
  const out: string[] = [];
  const walk = (node: ElementNode): string => {
    if (typeof node === 'string') return node;
    const [tag, , ...children] = node;
    if (tag === 'ol' || tag === 'ul') {
      children.forEach((child, i) => out.push(`${tag === 'ol' ? `${i + 1}.` : '-'} ${walk(child).trim()}`));
      return '';
    }
    return children.map(walk).join('');
  };
  for (const node of nodes) {
    const text = walk(node).trim();
    if (text) out.push(text);
  }
  return out.join('\n');
}
