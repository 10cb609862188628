/**
 * Article ids are the knowledge-base article numbers (`KA-21790`), taken from the file name
 * (`articles/KA-21790.md`). This is the one place their shape is written down.
 */

/** An article id: `KA-` and four to six digits. */
export const ARTICLE_ID = /^KA-\d{4,6}$/;

/** An article's file name, capturing the id. */
export const ARTICLE_FILE = /^(KA-\d{4,6})\.md$/;

/** A name that looks meant as an article file but is spelt another way (`KA-90001.MD`, `ka-90001.md`). */
const ARTICLE_FILE_LOOSE = /^ka-\d+\.md$/i;

export const isArticleId = (value: unknown): value is string => typeof value === 'string' && ARTICLE_ID.test(value);

/** The id of an article file name, or null. */
export function articleIdOf(fileName: string): string | null {
  return ARTICLE_FILE.exec(fileName)?.[1] ?? null;
}

/** True for `KA-90001.MD` and the like: names that must be reported rather than passed over. */
export function isMisspeltArticleFile(fileName: string): boolean {
  return ARTICLE_FILE_LOOSE.test(fileName) && !ARTICLE_FILE.test(fileName);
}
