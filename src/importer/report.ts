import { PRODUCT_KEYS, type ProductKey } from '../shared/products';

/**
 * What an import did, written to `report.json` beside the articles and printed at the end. It names files,
 * article ids, product names and public error texts, never a private front-matter value.
 */

export type SkipReason = 'stub' | 'tutorial' | 'productNotCovered' | 'malformed';

/** Why an extracted text was not written to its article. */
export type DropReason = 'generic' | 'duplicate' | 'unsafe' | 'removed' | 'noApiPage';

export interface ProductCounts {
  /** Articles imported for the product. */
  articles: number;
  /** Of those, articles with at least one error text or page context: what a page can show. */
  withTexts: number;
  /** Texts the extractor found, before anything is dropped. */
  extracted: number;
  /** Extracted texts whose example values became `{variables}`. */
  madeVariable: number;
  /** Texts taken from API response fields the article names. */
  fromFields: number;
  /** Texts written to the articles (extracted, from fields, and added by the override file). */
  kept: number;
  dropped: Record<DropReason, number>;
}

export interface ImportReport {
  /** Markdown files read from the folder. */
  filesRead: number;
  /** Other files in the folder, left alone. */
  otherFiles: number;
  imported: { total: number; perProduct: Record<ProductKey, number>; searchOnly: number; bugFlagged: number };
  skipped: Record<SkipReason, number>;
  malformed: { file: string; reason: string }[];
  /** Product names of the articles skipped as not covered, with their counts. */
  productsNotCovered: Record<string, number>;
  errorTexts: {
    /** Candidates the extractor found, after tidying, one per article and text. */
    extracted: number;
    /** Texts written to articles (extracted, from fields, and added). */
    kept: number;
    /** Texts added by the override file. */
    added: number;
    /** Extracted texts the override file also adds, usually to give a generic one a url scope. */
    scopedByOverrides: number;
    /** Extracted texts whose example values became `{variables}`. */
    madeVariable: number;
    /** Texts taken from API response fields, scoped to the API reference pages. */
    fromFields: number;
    droppedGeneric: number;
    droppedDuplicate: number;
    /** Texts with bidi controls or look-alike letters. */
    droppedUnsafe: number;
    /** Fields named by an article of a product without an API reference page we watch. */
    droppedNoApiPage: number;
    removedByOverrides: number;
  };
  /** Page contexts declared by the override file. */
  contextsAdded: number;
  perProduct: Record<ProductKey, ProductCounts>;
  articlesWithoutErrorTexts: number;
  /** Each text whose example values became variables, to check and, where wrong, correct in the override file. */
  variables: { id: string; from: string; to: string }[];
  /** Texts taken from API response fields. */
  fields: { id: string; text: string; url: string }[];
  /** Generic texts dropped, to help curate the override file. */
  generic: { id: string; text: string }[];
  /** Texts found in more than one article: kept in the first by id. */
  duplicates: { text: string; keptIn: string; droppedFrom: string }[];
  /** Texts dropped for a bidi control, a look-alike letter or an API field with no page to watch. */
  refused: { id: string; text: string; reason: string }[];
  overrides: { file: string | null; unused: string[]; ignored: { id: string; text: string; reason: string }[] };
  html: { imagesDropped: number; elementsDropped: number; linksUnlinked: number };
  /** The licence file copied beside the articles, or why none was. */
  licence: string;
  /** Imported articles that one of ours replaces at build time. */
  shadowedByOurs: string[];
  durationMs: number;
}

const perProduct = <T>(make: () => T) => Object.fromEntries(PRODUCT_KEYS.map((k) => [k, make()])) as Record<ProductKey, T>;

export function emptyProductCounts(): ProductCounts {
  return { articles: 0, withTexts: 0, extracted: 0, madeVariable: 0, fromFields: 0, kept: 0, dropped: { generic: 0, duplicate: 0, unsafe: 0, removed: 0, noApiPage: 0 } };
}

export function emptyReport(): ImportReport {
  return {
    filesRead: 0,
    otherFiles: 0,
    imported: { total: 0, perProduct: perProduct(() => 0), searchOnly: 0, bugFlagged: 0 },
    skipped: { stub: 0, tutorial: 0, productNotCovered: 0, malformed: 0 },
    malformed: [],
    productsNotCovered: {},
    errorTexts: { extracted: 0, kept: 0, added: 0, scopedByOverrides: 0, madeVariable: 0, fromFields: 0, droppedGeneric: 0, droppedDuplicate: 0, droppedUnsafe: 0, droppedNoApiPage: 0, removedByOverrides: 0 },
    contextsAdded: 0,
    perProduct: perProduct(emptyProductCounts),
    articlesWithoutErrorTexts: 0,
    variables: [],
    fields: [],
    generic: [],
    duplicates: [],
    refused: [],
    overrides: { file: null, unused: [], ignored: [] },
    html: { imagesDropped: 0, elementsDropped: 0, linksUnlinked: 0 },
    licence: 'none found',
    shadowedByOurs: [],
    durationMs: 0,
  };
}

function productCountsLine(key: ProductKey, c: ProductCounts): string {
  const dropped = Object.entries(c.dropped).filter(([, n]) => n).map(([why, n]) => `${n} ${why}`);
  return `  ${key}: ${c.articles} articles, ${c.withTexts} with texts; ${c.extracted} extracted, ${c.madeVariable} made variable, ${c.fromFields} from fields, ${c.kept} kept${dropped.length ? `; dropped ${dropped.join(', ')}` : ''}`;
}

/** The report as a few lines for the terminal. */
export function formatReport(report: ImportReport, out: string): string {
  const lines: string[] = [];
  const { imported, skipped, errorTexts: t } = report;
  lines.push(`Read ${report.filesRead} files${report.otherFiles ? ` (${report.otherFiles} other files left alone)` : ''} in ${report.durationMs} ms.`);
  lines.push(`Imported ${imported.total} articles into ${out}: ${PRODUCT_KEYS.map((k) => `${k} ${imported.perProduct[k]}`).join(', ')} (an article can have several products).`);
  lines.push(`Skipped ${skipped.stub + skipped.tutorial + skipped.productNotCovered + skipped.malformed}: ${skipped.stub} archived stubs, ${skipped.tutorial} tutorials, ${skipped.productNotCovered} for products we do not cover, ${skipped.malformed} malformed.`);
  for (const m of report.malformed) lines.push(`  malformed: ${m.file}: ${m.reason}`);
  lines.push(
    `Error texts: ${t.extracted} extracted (${t.scopedByOverrides} of them scoped by overrides, ${t.madeVariable} made variable), ${t.fromFields} from API response fields, ${t.added} added by overrides, ${t.kept} kept; dropped ${t.droppedGeneric} generic, ${t.droppedDuplicate} duplicate, ${t.droppedUnsafe} unsafe, ${t.droppedNoApiPage} fields without an API page, ${t.removedByOverrides} removed by overrides. Page contexts added: ${report.contextsAdded}.`,
  );
  lines.push('Per product:', ...PRODUCT_KEYS.map((k) => productCountsLine(k, report.perProduct[k])));
  for (const v of report.variables) lines.push(`  made variable: ${v.id}: "${v.from}" → "${v.to}"`);
  lines.push(`Articles without any error text (search only): ${report.articlesWithoutErrorTexts}.`);
  if (report.overrides.unused.length) lines.push(`Overrides for articles not imported: ${report.overrides.unused.join(', ')}.`);
  for (const i of report.overrides.ignored) lines.push(`  override ignored: ${i.id}: "${i.text}": ${i.reason}`);
  lines.push(`Licence: ${report.licence}.`);
  if (report.shadowedByOurs.length) lines.push(`${report.shadowedByOurs.length} imported articles are replaced by our own at build time.`);
  return lines.join('\n');
}
