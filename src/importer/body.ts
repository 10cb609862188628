import type { BlockContent, Heading, Link, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';
import { parseMarkdown } from '../compiler/markdown';
import { blocksToInline, htmlToBlocks, isPhrasing, loose, plainText, slot, tidyInline, type HtmlOptions } from './html';
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

const CRM = /crm\.dynamics\.com/i;
const CRM_URL = /(?:https?:\/\/)?[\w.-]*crm\.dynamics\.com[^\s)\]"'<>]*/gi;
const EXPERIENCE_LEAGUE = 'https://experienceleague.adobe.com';

/** The CRM export turned `**` inside code into `<b></b>` (or a lone `<b>` before `*`): put the stars back. */
function codeText(value: string): string {
  return value.replace(CRM_URL, '').replace(/<b><\/b>/g, '**').replace(/<\/?b>\*/g, '***');
}

/** A link's address if we can keep it: https, or a path on Experience League; never the CRM. */
export function safeHref(url: string): string | null {
  const value = url.trim();
  if (!value || CRM.test(value)) return null;
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

interface Context {
  options: HtmlOptions;
  stats: BodyStats;
  definitions: Map<string, string>;
}

/** Cleans a Markdown tree in place: HTML converted, images and unsafe links dropped, no CRM address left. */
function cleanFlow(children: RootContent[], ctx: Context): BlockContent[] {
  const out: BlockContent[] = [];
  for (const node of children) {
    switch (node.type) {
      case 'html':
        out.push(...htmlToBlocks(node.value, [], ctx.options));
        break;
      case 'paragraph':
        out.push(...cleanParagraph(node, ctx));
        break;
      case 'heading': {
        const inline = cleanInline(node.children, ctx, 'space');
        if (inline.length) out.push({ ...node, children: inline });
        break;
      }
      case 'list':
        node.children = node.children
          .map((item): ListItem => {
            const children = cleanFlow(item.children, ctx);
            // an item loose only because of a picture that is gone now is tight again
            return { ...item, spread: !!item.spread && children.length > 1, children };
          })
          .filter((item) => item.children.length);
        node.spread = node.children.some((item) => item.spread);
        if (node.children.length) out.push(node);
        break;
      case 'blockquote':
        node.children = cleanFlow(node.children, ctx);
        if (node.children.length) out.push(node);
        break;
      case 'code':
        node.value = codeText(node.value);
        node.lang = node.lang && /^[\w+#.-]{1,20}$/.test(node.lang) ? node.lang : null;
        node.meta = null;
        if (node.value.trim()) out.push(node);
        break;
      case 'table':
        for (const row of node.children) for (const cell of row.children) cell.children = cleanInline(cell.children, ctx, 'space');
        out.push(node);
        break;
      case 'thematicBreak':
        out.push(node);
        break;
      case 'definition':
        break;
      default:
        // a stray phrasing node at block level
        if (isPhrasing(node)) out.push(...cleanParagraph({ type: 'paragraph', children: [node] }, ctx));
    }
  }
  return out;
}

/** A paragraph holding inline HTML may become several blocks (`<br><br>`, `<ul>`). */
function cleanParagraph(node: Paragraph, ctx: Context): BlockContent[] {
  if (!node.children.some((c) => c.type === 'html')) {
    const children = cleanInline(node.children, ctx, 'break');
    return children.length ? [{ type: 'paragraph', children }] : [];
  }
  return htmlWithSlots(node.children, ctx);
}

function htmlWithSlots(children: PhrasingContent[], ctx: Context): BlockContent[] {
  const slots: RootContent[] = [];
  let html = '';
  for (const child of children) {
    if (child.type === 'html') html += child.value;
    else {
      for (const c of cleanInline([child], ctx, 'break', false)) html += slot(slots.push(c) - 1);
    }
  }
  return htmlToBlocks(html, slots, ctx.options);
}

function lastText(nodes: PhrasingContent[]): string {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (node.type !== 'text') return '';
    if (node.value) return node.value;
  }
  return '';
}

/** Cleans inline content; `tidy` trims the run, which only a whole run may be. */
function cleanInline(children: PhrasingContent[], ctx: Context, joiner: 'break' | 'space', tidy = true): PhrasingContent[] {
  if (children.some((c) => c.type === 'html')) return blocksToInline(htmlWithSlots(children, ctx), joiner);
  const out: PhrasingContent[] = [];
  let dropped = false;
  for (const node of children) {
    const after = dropped;
    dropped = false;
    switch (node.type) {
      case 'text': {
        // entities such as &nbsp; are decoded by the parser, after the first clean-up
        let value = cleanText(node.value).replace(CRM_URL, '');
        if (after && /^[ \t]+(?=[.,;:!?)]|$)/.test(value)) value = value.replace(/^[ \t]+/, '');
        else if (after && /^[\p{L}\p{N}]/u.test(value) && /[\p{L}\p{N}]$/u.test(lastText(out))) value = ` ${value}`;
        out.push({ type: 'text', value });
        break;
      }
      case 'inlineCode':
        node.value = codeText(node.value);
        if (node.value.trim()) out.push(node);
        break;
      case 'image':
      case 'imageReference': {
        ctx.stats.images++;
        // no double space, or space before punctuation, where the picture was
        const prev = out[out.length - 1];
        if (prev?.type === 'text') prev.value = prev.value.replace(/[ \t]+$/, '');
        dropped = true;
        break;
      }
      case 'link': {
        const href = safeHref(node.url);
        const inner = cleanInline(node.children, ctx, joiner, false);
        if (href) out.push({ type: 'link', url: href, children: inner } satisfies Link);
        else {
          ctx.stats.links++;
          out.push(...inner);
        }
        break;
      }
      case 'linkReference': {
        const url = ctx.definitions.get(node.identifier.toLowerCase());
        const href = url ? safeHref(url) : null;
        const inner = cleanInline(node.children, ctx, joiner, false);
        out.push(...(href ? [{ type: 'link', url: href, children: inner } satisfies Link] : inner));
        break;
      }
      case 'emphasis':
      case 'strong':
      case 'delete':
        node.children = cleanInline(node.children, ctx, joiner, false);
        out.push(node);
        break;
      case 'break':
        out.push(joiner === 'break' ? node : { type: 'text', value: ' ' });
        break;
      case 'footnoteReference':
        break;
      default:
        out.push(node);
    }
  }
  return tidy ? tidyInline(out) : out;
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
    label = plainText(first);
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
      const key = headingKey(plainText(node));
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
      const part = pseudo ? pseudo.part : subSection(plainText(node));
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
  return !!node && node.type === 'paragraph' && /:\s*$/.test(plainText(node));
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
  const definitions = new Map<string, string>();
  for (const node of root.children) if (node.type === 'definition') definitions.set(node.identifier.toLowerCase(), node.url);
  const ctx: Context = {
    stats: input.stats,
    definitions,
    options: {
      href: safeHref,
      dropped: (what) => {
        if (what === 'image') input.stats.images++;
        else if (what === 'link') input.stats.links++;
        else input.stats.elements++;
      },
    },
  };
  const sections = split(cleanFlow(root.children, ctx));

  // the text before "## Description" mostly repeats the description, which is the summary already
  const description = cleanLine(input.description).toLowerCase();
  const lead = sections.meaning.length ? [] : sections.lead.filter((b) => cleanLine(plainText(b)).toLowerCase() !== description);
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
    if (node.type === 'heading' && node.depth === 2 && RESERVED.has(headingKey(plainText(node)))) out.push({ ...node, depth: 3 });
    else out.push(node);
  }
  out.push(heading('Source'), paragraph(text('Imported from the Adobe Experience League knowledge base: '), { type: 'link', url: input.source, children: [text(input.id)] }, text('.')));

  const markdown = toMarkdown(
    { type: 'root', children: out },
    { bullet: '-', listItemIndent: 'one', emphasis: '*', strong: '*', fence: '`', rule: '-', resourceLink: true, extensions: [gfmTableToMarkdown()] },
  );
  return { markdown, meaning, firstMeaning: first ? cleanLine(plainText(first)) : '', why: sections.why, fix: sections.fix };
}
