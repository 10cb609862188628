import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe } from 'vitest';

/** The project's root, for every test, benchmark and script that reads its files. */
export const ROOT = resolve(import.meta.dirname, '..');

/**
 * The public Experience League knowledge base (the folder holding `articles/` and `ui-errors.tsv`) is not
 * part of the project. Suites that read it run only when this variable names that folder.
 */
export const CORPUS_ENV = 'XC_KCS_DIR';

const given = process.env[CORPUS_ENV];
/** The knowledge-base folder, or undefined when the corpus suites are off. */
export const KCS_DIR: string | undefined = given ? resolve(given) : undefined;
if (KCS_DIR && !existsSync(resolve(KCS_DIR, 'articles'))) {
  throw new Error(`${CORPUS_ENV}=${given}: no articles/ folder there; point it at the knowledge base folder (the one holding articles/ and ui-errors.tsv)`);
}
/** The corpus's articles folder; only defined when KCS_DIR is. */
export const KCS_ARTICLES: string | undefined = KCS_DIR && resolve(KCS_DIR, 'articles');

/**
 * A suite that needs the public corpus. Without it the suite is reported as not run, with one line that
 * names the variable, instead of failing.
 */
export function describeCorpus(name: string, body: () => void): void {
  if (KCS_DIR) {
    describe(name, body);
    return;
  }
  process.stderr.write(`corpus suite not run: "${name}" (set ${CORPUS_ENV} to the Experience League knowledge base folder to run it)\n`);
  describe.skip(`${name} [not run: set ${CORPUS_ENV}]`, body);
}
