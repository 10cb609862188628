import { PRODUCT_KEYS, type ProductKey } from '../shared/products';

/**
 * What an import did, written to `report.json` beside the articles and printed at the end. It names files,
 * article ids, product names and public error texts, never a private front-matter value.
 */

export type SkipReason = 'stub' | 'tutorial' | 'productNotCovered' | 'malformed';

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
    /** Texts written to articles (extracted and added). */
    kept: number;
    /** Texts added by the override file. */
    added: number;
    /** Extracted texts the override file also adds, usually to give a generic one a url scope. */
    scopedByOverrides: number;
    droppedGeneric: number;
    droppedDuplicate: number;
    removedByOverrides: number;
  };
  articlesWithoutErrorTexts: number;
  /** Generic texts dropped, to help curate the override file. */
  generic: { id: string; text: string }[];
  /** Texts found in more than one article: kept in the first by id. */
  duplicates: { text: string; keptIn: string; droppedFrom: string }[];
  overrides: { file: string | null; unused: string[]; ignored: { id: string; text: string; reason: string }[] };
  html: { imagesDropped: number; elementsDropped: number; linksUnlinked: number };
  /** Imported articles that one of ours replaces at build time. */
  shadowedByOurs: string[];
  durationMs: number;
}

export function emptyReport(): ImportReport {
  return {
    filesRead: 0,
    otherFiles: 0,
    imported: { total: 0, perProduct: Object.fromEntries(PRODUCT_KEYS.map((k) => [k, 0])) as Record<ProductKey, number>, searchOnly: 0, bugFlagged: 0 },
    skipped: { stub: 0, tutorial: 0, productNotCovered: 0, malformed: 0 },
    malformed: [],
    productsNotCovered: {},
    errorTexts: { extracted: 0, kept: 0, added: 0, scopedByOverrides: 0, droppedGeneric: 0, droppedDuplicate: 0, removedByOverrides: 0 },
    articlesWithoutErrorTexts: 0,
    generic: [],
    duplicates: [],
    overrides: { file: null, unused: [], ignored: [] },
    html: { imagesDropped: 0, elementsDropped: 0, linksUnlinked: 0 },
    shadowedByOurs: [],
    durationMs: 0,
  };
}

/** The report as a few lines for the terminal. */
export function formatReport(report: ImportReport, out: string): string {
  const lines: string[] = [];
  const { imported, skipped, errorTexts } = report;
  lines.push(`Read ${report.filesRead} files${report.otherFiles ? ` (${report.otherFiles} other files left alone)` : ''} in ${report.durationMs} ms.`);
  lines.push(`Imported ${imported.total} articles into ${out}: ${PRODUCT_KEYS.map((k) => `${k} ${imported.perProduct[k]}`).join(', ')} (an article can have several products).`);
  lines.push(`Skipped ${skipped.stub + skipped.tutorial + skipped.productNotCovered + skipped.malformed}: ${skipped.stub} archived stubs, ${skipped.tutorial} tutorials, ${skipped.productNotCovered} for products we do not cover, ${skipped.malformed} malformed.`);
  for (const m of report.malformed) lines.push(`  malformed: ${m.file}: ${m.reason}`);
  lines.push(
    `Error texts: ${errorTexts.extracted} extracted (${errorTexts.scopedByOverrides} of them scoped by overrides), ${errorTexts.added} added by overrides, ${errorTexts.kept} kept; dropped ${errorTexts.droppedGeneric} generic, ${errorTexts.droppedDuplicate} duplicate, ${errorTexts.removedByOverrides} removed by overrides.`,
  );
  lines.push(`Articles without any error text (search only): ${report.articlesWithoutErrorTexts}.`);
  if (report.overrides.unused.length) lines.push(`Overrides for articles not imported: ${report.overrides.unused.join(', ')}.`);
  for (const i of report.overrides.ignored) lines.push(`  override ignored: ${i.id}: "${i.text}": ${i.reason}`);
  if (report.shadowedByOurs.length) lines.push(`${report.shadowedByOurs.length} imported articles are replaced by our own at build time.`);
  return lines.join('\n');
}
