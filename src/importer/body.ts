import type { BlockContent, Heading, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';
import { toString } from 'mdast-util-to-string';
import { parseMarkdown } from '../compiler/markdown';
import { hasCrmAddress, withoutCrmAddresses } from '../compiler/rules';
import { cleanMarkdownTree, loose, tidyFlow, tidyInline } from './html';
import { cleanLine, cleanText } from './text';

/**
 * A knowledge-base body becomes one of ours: "## What it means" from the description and issue,
 * "## Why it happens" from the cause, "## How to fix it" from the resolution (always holding a numbered
 * list), then related reading and "## Source". Works on the Markdown tree (mdast): raw HTML is converted
 * through html.ts, images and unsafe links are dropped, and the result is written back as Markdown.
 */

export interface BodyStats {
  /** Images dropped (assets, data: URLs, HTML images). */
  images: number;
  /** HTML elements dropped with their content (script, style, iframe…). */
  elements: number;
  /** Links kept as text only: not https, or pointing at the CRM. */
  links: number;
}

export interface ConvertedBody {
  markdown: string;
  /** The "What it means" blocks, for error-text extraction. */
  meaning: BlockContent[];
  /** Plain text of the first paragraph of the meaning, for the summary. */
  firstMeaning: string;
  /** The cause, for extraction. */
  why: BlockContent[];
  /** The resolution as the source has it, for extraction. */
  fix: BlockContent[];
}

const EXPERIENCE_LEAGUE = 'https://experienceleague.adobe.com';

/** The CRM export turned `**` inside code into `<b></b>` (or a lone `<b>` before `*`): put the stars back. */
function codeText(value: string): string {
  return withoutCrmAddresses(value).replace(/<b><\/b>/g, '**').replace(/<\/?b>\*/g, '***');
}

/** A link's address if we can keep it: https, or a path on Experience League; never the CRM. */
export function safeHref(url: string): string | null {
  const value = url.trim();
  if (!value || hasCrmAddress(value)) return null;
  if (/^\/(?!\/)/.test(value)) return `${EXPERIENCE_LEAGUE}${value}`;
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'https:' && parsed.hostname) return value;
    // plain http to Adobe's own sites is upgraded; anything else stays text
    if (parsed.protocol === 'http:' && /(^|\.)adobe\.(com|io)$/i.test(parsed.hostname)) return `https://${value.slice('http://'.length)}`;
  } catch {
    return null;
  }
  return null;
}

/** Experience League markers that are not Markdown: heading anchors, admonitions, video embeds. */
function preprocess(body: string): string {
  // inline images can be hundreds of kilobytes of base64; they are dropped anyway, so empty them first
  return cleanText(body.replace(/data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]*/g, 'data:,'))
    .replace(/^(#{1,6}[ \t].*?)[ \t]*\{#[\w.-]+\}[ \t]*$/gm, '$1')
    .replace(/^([ \t]*>[ \t]*)\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING|INFO|AVAILABILITY|PREREQUISITES)\][ \t]*$/gim, (_, lead: string, kind: string) => `${lead}**${kind[0].toUpperCase()}${kind.slice(1).toLowerCase()}:**`)
    .replace(/\[!VIDEO\]\(/g, '[Video](');
}

/** What is left to clean once the HTML is gone: CRM addresses in text and code, code languages, `<b></b>` in code. */
function finishBlocks(blocks: BlockContent[]): BlockContent[] {
  const visit = (node: Nodes): void => {
    if (node.type === 'text') node.value = withoutCrmAddresses(node.value);
    else if (node.type === 'inlineCode') node.value = codeText(node.value);
    else if (node.type === 'code') {
      node.value = codeText(node.value);
      node.lang = node.lang && /^[\w+#.-]{1,20}$/.test(node.lang) ? node.lang : null;
      node.meta = null;
    }
    if ('children' in node) node.children.forEach((child) => visit(child as Nodes));
    // a CRM address split across nodes (`crm*.*dynamics.com`) survives node by node: the block loses its formatting
    if ((node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') && hasCrmAddress(toString(node))) {
      node.children = [{ type: 'text', value: withoutCrmAddresses(toString(node)) }];
    }
  };
  blocks.forEach((block) => visit(block));
  return tidyFlow(blocks.filter((block) => block.type !== 'code' || block.value.trim()));
}

type Part = 'meaning' | 'why' | 'fix' | 'related' | 'drop';

const SUB_SECTIONS: [RegExp, Part][] = [
  [/^environ/, 'drop'],
  [/^(issues?|symptoms?|sympt|symt|problem|description|summary|subject|issue ?\/ ?sym)/, 'meaning'],
  [/^(root )?causes?\b|^reason\b|^why\b/, 'why'],
  [/^(solution|resolution|steps to (resolve|be followed|fix)|workaround|fix\b|how to (fix|resolve))/, 'fix'],
  [/^(related (reading|links?|articles?|information)s?|additional (resources|information|reading)|see also|references?|more information)/, 'related'],
];

function headingKey(text: string): string {
  return cleanLine(text).toLowerCase().replace(/[:.\s]+$/, '').replace(/^\d+[.)]\s*/, '');
}

function subSection(text: string): Part | null {
  const key = headingKey(text);
  for (const [pattern, part] of SUB_SECTIONS) if (pattern.test(key)) return part;
  return null;
}

/**
 * A paragraph that starts with a label on a line of its own, "**Environment**", "Issue/Symptoms" or "Cause:",
 * acts as a heading; what follows the label in the paragraph stays as text.
 */
function pseudoHeading(node: BlockContent): { part: Part; rest: BlockContent | null } | null {
  if (node.type !== 'paragraph') return null;
  const [first, second] = node.children;
  let label: string;
  let rest: PhrasingContent[];
  if (first?.type === 'strong') {
    label = toString(first);
    rest = node.children.slice(1);
    if (rest[0]?.type === 'text') rest[0] = { ...rest[0], value: rest[0].value.replace(/^\s*:/, '') };
  } else if (first?.type === 'text') {
    const line = /^\s*([^\n]*?)\s*(?:\n|$)/.exec(first.value)!;
    const ownLine = line[0].endsWith('\n') || !second || second.type === 'break';
    if (!ownLine || /[.?!]/.test(line[1])) return null;
    label = line[1];
    rest = [{ type: 'text', value: first.value.slice(line[0].length) }, ...node.children.slice(1)];
  } else return null;
  label = label.replace(/\s*:\s*$/, '');
  if (label.length > 40) return null;
  const part = subSection(label);
  if (!part) return null;
  const children = tidyInline(rest);
  return { part, rest: children.length ? { type: 'paragraph', children } : null };
}

interface Sections {
  lead: BlockContent[];
  meaning: BlockContent[];
  why: BlockContent[];
  fix: BlockContent[];
  related: BlockContent[];
  /** Other `##` sections, kept with their headings. */
  extra: BlockContent[];
}

function split(blocks: BlockContent[]): Sections {
  const sections: Sections = { lead: [], meaning: [], why: [], fix: [], related: [], extra: [] };
  let base: keyof Sections = 'lead';
  let current: keyof Sections | 'drop' = 'lead';
  for (const node of blocks) {
    if (node.type === 'heading' && node.depth === 1) continue;
    if (node.type === 'heading' && node.depth === 2) {
      const key = headingKey(toString(node));
      const part = /^description|^issue|^symptom/.test(key) ? 'meaning' : /^resolution|^solution/.test(key) ? 'fix' : subSection(key);
      if (part === 'meaning' || part === 'fix' || part === 'why' || part === 'related') base = current = part;
      else if (part === 'drop') current = 'drop';
      else {
        base = current = 'extra';
        sections.extra.push({ ...node, depth: 2 });
      }
      continue;
    }
    const pseudo = node.type === 'heading' ? null : pseudoHeading(node);
    if (node.type === 'heading' || pseudo) {
      const part = pseudo ? pseudo.part : subSection(toString(node));
      if (part && !(base === 'fix' && part === 'meaning')) current = part;
      else {
        // a heading we do not know stays, as a sub-heading of the section it is in
        current = base;
        if (node.type === 'heading') sections[current].push({ ...node, depth: Math.min(4, Math.max(3, node.depth)) as Heading['depth'] });
      }
      if (pseudo?.rest && current !== 'drop') sections[current].push(pseudo.rest);
      continue;
    }
    if (current !== 'drop') sections[current].push(node);
  }
  return sections;
}

const item = (children: ListItem['children']): ListItem => ({ type: 'listItem', spread: loose(children), children });
const paragraph = (...children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const text = (value: string): PhrasingContent => ({ type: 'text', value });

function endsWithColon(node: BlockContent | undefined): boolean {
  return !!node && node.type === 'paragraph' && /:\s*$/.test(toString(node));
}

/** Ordered lists split by a picture or a code block ("1. 2." … "3.") are joined back into one. */
function joinContinuedLists(blocks: BlockContent[]): BlockContent[] {
  const out: BlockContent[] = [];
  let list: List | null = null;
  let between: BlockContent[] = [];
  for (const node of blocks) {
    if (node.type === 'list' && node.ordered && list && (node.start ?? 1) === (list.start ?? 1) + list.children.length && node.start !== 1) {
      const last = list.children[list.children.length - 1];
      last.children.push(...between);
      last.spread = loose(last.children);
      list.children.push(...node.children);
      between = [];
      continue;
    }
    out.push(...between);
    between = [];
    if (node.type === 'list' && node.ordered) {
      list = node;
      out.push(node);
    } else if (list && node.type !== 'heading' && node.type !== 'list') between.push(node);
    else {
      list = null;
      out.push(node);
    }
  }
  out.push(...between);
  return out;
}

/**
 * The resolution as "How to fix it": kept as it is when it holds a numbered list before any sub-heading; otherwise each paragraph
 * or bullet becomes a step, code and tables stay with the step before them, and a bullet list after a
 * paragraph ending in ":" stays under that step.
 */
export function toSteps(blocks: BlockContent[], source: string): BlockContent[] {
  const joined = joinContinuedLists(blocks);
  // the tip shows the first numbered list under "How to fix it", before any sub-heading
  const list = joined.findIndex((b) => b.type === 'list' && b.ordered);
  const sub = joined.findIndex((b) => b.type === 'heading');
  if (list >= 0 && (sub < 0 || list < sub)) return joined.map((b) => (b.type === 'heading' ? { ...b, depth: 3 as const } : b));
  const items: ListItem[] = [];
  let leadIn = false;
  for (const node of joined) {
    const last = items[items.length - 1];
    if (node.type === 'paragraph') {
      items.push(item([node]));
      leadIn = endsWithColon(node);
    } else if (node.type === 'heading') {
      items.push(item([paragraph({ type: 'strong', children: node.children })]));
      leadIn = true;
    } else if (node.type === 'list') {
      if (leadIn && last) {
        last.children.push(node);
        last.spread = loose(last.children);
      } else items.push(...node.children.map((li) => item(li.children)));
      leadIn = false;
    } else if (node.type === 'thematicBreak') continue;
    else if (last) {
      last.children.push(node);
      last.spread = loose(last.children);
    } else items.push(item([node]));
  }
  if (!items.length) items.push(item([paragraph(text('Follow the resolution in the '), { type: 'link', url: source, children: [text('full article on Experience League')] }, text('.'))]));
  return [{ type: 'list', ordered: true, start: 1, spread: items.some((i) => i.spread), children: items }];
}

const heading = (value: string): Heading => ({ type: 'heading', depth: 2, children: [text(value)] });
const RESERVED = new Set(['what it means', 'how to fix it', 'why it happens', 'source', 'related reading']);

export interface BodyInput {
  body: string;
  id: string;
  title: string;
  /** The description, or '' when it is a placeholder. */
  description: string;
  source: string;
  stats: BodyStats;
}

export function convertBody(input: BodyInput): ConvertedBody {
  const root: Root = parseMarkdown(preprocess(input.body));
  const count = (what: string) => {
    if (what === 'image') input.stats.images++;
    else if (what === 'link') input.stats.links++;
    else input.stats.elements++;
  };
  const blocks = finishBlocks(cleanMarkdownTree(root, { href: safeHref, dropped: count }));
  const sections = split(blocks);

  // the text before "## Description" mostly repeats the description, which is the summary already
  const description = cleanLine(input.description).toLowerCase();
  const lead = sections.meaning.length ? [] : sections.lead.filter((b) => cleanLine(toString(b)).toLowerCase() !== description);
  const meaning = [...lead, ...sections.meaning];
  if (!meaning.length) meaning.push(paragraph(text(input.description || input.title)));
  // a resolution that only explains the cause ("by design") is all the fix there is
  if (!sections.fix.length && sections.why.length) sections.fix = sections.why.splice(0);
  // for the summary: the first paragraph, or the first item of a list of symptoms
  const first = meaning.find((b) => b.type === 'paragraph') ?? meaning.find((b): b is List => b.type === 'list')?.children[0]?.children[0];

  const out: RootContent[] = [heading('What it means'), ...meaning];
  if (sections.why.length) out.push(heading('Why it happens'), ...sections.why);
  out.push(heading('How to fix it'), ...toSteps(sections.fix, input.source));
  if (sections.related.length) out.push(heading('Related reading'), ...sections.related);
  for (const node of sections.extra) {
    if (node.type === 'heading' && node.depth === 2 && RESERVED.has(headingKey(toString(node)))) out.push({ ...node, depth: 3 });
    else out.push(node);
  }
  out.push(heading('Source'), paragraph(text('Imported from the Adobe Experience League knowledge base: '), { type: 'link', url: input.source, children: [text(input.id)] }, text('.')));

  const markdown = toMarkdown(
    { type: 'root', children: out },
    { bullet: '-', listItemIndent: 'one', emphasis: '*', strong: '*', fence: '`', rule: '-', resourceLink: true, extensions: [gfmTableToMarkdown()] },
  );
  return { markdown, meaning, firstMeaning: first ? cleanLine(toString(first)) : '', why: sections.why, fix: sections.fix };
}
