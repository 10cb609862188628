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
  describeWith(KCS_DIR, CORPUS_ENV, 'the Experience League knowledge base folder', name, body);
}

/**
 * The pages of Adobe's product documentation that `DOC-` articles draw on, saved as
 * `<dir>/<owner>/<repo>/<path>` (the `source` column of test/data/ui-errors.tsv names them). Not part of the
 * project either: suites that read them run only when this variable names that folder.
 */
export const DOCS_ENV = 'XC_DOCS_DIR';

const givenDocs = process.env[DOCS_ENV];
/** The folder of saved documentation pages, or undefined when the suites that read it are off. */
export const DOCS_DIR: string | undefined = givenDocs ? resolve(givenDocs) : undefined;
if (DOCS_DIR && !existsSync(DOCS_DIR)) {
  throw new Error(`${DOCS_ENV}=${givenDocs}: no such folder; point it at the folder of saved documentation pages (<owner>/<repo>/<path>)`);
}

/** A suite that needs the saved documentation pages; without them, reported as not run in one line. */
export function describeDocs(name: string, body: () => void): void {
  describeWith(DOCS_DIR, DOCS_ENV, 'the folder of saved documentation pages', name, body);
}

function describeWith(dir: string | undefined, env: string, what: string, name: string, body: () => void): void {
  if (dir) {
    describe(name, body);
    return;
  }
  process.stderr.write(`corpus suite not run: "${name}" (set ${env} to ${what} to run it)\n`);
  describe.skip(`${name} [not run: set ${env}]`, body);
}
