import { PRODUCT_NAMES, type ProductKey } from './products';

/**
 * The text "Copy details" puts on the clipboard: what a support ticket asks for. The org and sandbox come
 * from the unified shell's address (`#/@acme/sname:prod/...`, `?sandbox=dev`) when it carries them.
 */

export interface PageFacts {
  org?: string;
  sandbox?: string;
}

export function pageFacts(url: string): PageFacts {
  const facts: PageFacts = {};
  const org = /[#/]@([^/?#&]+)/.exec(url);
  if (org) facts.org = decoded(org[1]);
  const sandbox = /\/sname:([^/?#&]+)/.exec(url) ?? /[?&]sandbox(?:Name)?=([^&#/]+)/i.exec(url);
  if (sandbox) facts.sandbox = decoded(sandbox[1]);
  return facts;
}

/** A part of an address with its %-escapes decoded; as written when one is broken (`%E0%A4%A`). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export interface DetailsInput {
  id: string;
  title: string;
  products: ProductKey[];
  errorText?: string;
  url: string;
  source?: string;
  seenAt: Date;
}

export function supportDetails(input: DetailsInput): string {
  const facts = pageFacts(input.url);
  const lines = [
    input.errorText ? `Error: ${input.errorText}` : null,
    `Product: ${input.products.map((p) => PRODUCT_NAMES[p]).join(', ')}`,
    facts.org ? `Organization: ${facts.org}` : null,
    facts.sandbox ? `Sandbox: ${facts.sandbox}` : null,
    `Page: ${input.url}`,
    `Time: ${input.seenAt.toISOString()}`,
    `Article: ${input.id} (${input.title})${input.source ? ` ${input.source}` : ''}`,
  ];
  return lines.filter(Boolean).join('\n');
}
