import { withoutInvisible } from '../matcher/fold';
import { ORG_IN_URL, pageFacts, SANDBOX_IN_URL } from './details';
import { PRODUCT_NAMES, type ProductKey } from './products';

/**
 * "Copy a request for an article": what a person sends the team that writes the articles when none helped.
 * It names the error, the product and the page, with whatever would say whose account it is replaced by
 * placeholders: the org, the sandbox, ids in the address, the address's query. The person sees the text
 * before it is copied. Pure: tested in Node.
 */

const ORG = '{org}';
const SANDBOX = '{sandbox}';
const ID = '{id}';

/** A path segment that is an id: a UUID, a long hex string, an IMS org id, or holds five digits or more. */
function isId(segment: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment) || /^[0-9a-f]{16,}$/i.test(segment) || /@AdobeOrg$/i.test(segment) || /\d{5,}/.test(segment);
}

const redactPath = (path: string): string =>
  path
    .split('/')
    .map((segment) => (isId(segment) ? ID : segment))
    .join('/');

/**
 * The page's address without what identifies the account: host, path and the hash route (the unified
 * shell's page), the org and sandbox as placeholders, ids as `{id}`, no query. '' for what is not an address.
 */
export function placeholderPage(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  const route = parsed.hash.split('?')[0];
  const page = `${parsed.host}${redactPath(parsed.pathname)}${redactPath(route)}`;
  return page.replace(new RegExp(ORG_IN_URL.source, 'g'), `$1@${ORG}`).replace(new RegExp(SANDBOX_IN_URL.source, 'g'), `$1${SANDBOX}`);
}

/** The error text with the page's org and sandbox names, where it repeats them, replaced too. */
function placeholderText(text: string, url: string): string {
  const facts = pageFacts(url);
  // invisible characters the page put in the text (zero-width spaces and joiners) would stop it being found;
  // the request labels the line "Error:" itself, so the page's own label is not said twice
  let out = withoutInvisible(text).replace(/\s+/g, ' ').trim().replace(/^error\s*:\s*(?=\S)/i, '');
  for (const [name, placeholder] of [
    [facts.org, ORG],
    [facts.sandbox, SANDBOX],
  ] as const) {
    // a name of one or two letters would replace pieces of words
    if (name && name.length >= 3) out = out.replace(new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'gi'), placeholder);
  }
  return out;
}

export interface RequestInput {
  /** What the page showed. */
  errorText: string;
  products: readonly ProductKey[];
  /** The page's address ('' when unknown). */
  url: string;
  /** The article that did not help. */
  article: { id: string; title: string };
}

export function articleRequest(input: RequestInput): string {
  const page = placeholderPage(input.url);
  return [
    'Request for a knowledge-base article (XC Troubleshooter)',
    `Error: ${placeholderText(input.errorText, input.url) || 'not recorded'}`,
    `Product: ${input.products.map((p) => PRODUCT_NAMES[p]).join(', ') || 'not known'}`,
    `Page: ${page || 'not recorded'}`,
    `Did not help: ${input.article.id} (${input.article.title})`,
  ].join('\n');
}
