/**
 * Article ids are taken from the file name (`articles/KA-21790.md` is `KA-21790`). An article drawn from the
 * knowledge base is named after its article number (`KA-` and four to six digits); one drawn from a page of
 * Adobe's product documentation, which has no number, after a short name of our choosing (`DOC-` and
 * lower-case words joined by hyphens: `DOC-workspace-capacity`). This is the one place their shape is
 * written down.
 */

/** A knowledge-base article number. */
const KB_ID = 'KA-\\d{4,6}';
/** A product-documentation article's name: at most 32 characters in all. */
const DOC_ID = 'DOC-(?=[a-z0-9-]{1,28}(?![a-z0-9-]))[a-z0-9]+(?:-[a-z0-9]+)*';

/** An article id. */
export const ARTICLE_ID = new RegExp(`^(?:${KB_ID}|${DOC_ID})$`);

/** An article's file name, capturing the id. */
export const ARTICLE_FILE = new RegExp(`^(${KB_ID}|${DOC_ID})\\.md$`);

/** A name that looks meant as an article file but is spelt another way (`KA-90001.MD`, `ka-90001.md`, `DOC-Foo.md`). */
const ARTICLE_FILE_LOOSE = /^(?:ka-\d+|doc-[^/\\]*)\.md$/i;

export const isArticleId = (value: unknown): value is string => typeof value === 'string' && ARTICLE_ID.test(value);

/** True for an id drawn from a page of the product documentation rather than the knowledge base. */
export const isDocArticleId = (id: string): boolean => id.startsWith('DOC-');

/** The id of an article file name, or null. */
export function articleIdOf(fileName: string): string | null {
  return ARTICLE_FILE.exec(fileName)?.[1] ?? null;
}

/** True for `KA-90001.MD` and the like: names that must be reported rather than passed over. */
export function isMisspeltArticleFile(fileName: string): boolean {
  return ARTICLE_FILE_LOOSE.test(fileName) && !ARTICLE_FILE.test(fileName);
}
