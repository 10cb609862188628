/**
 * "Our own words": the runs of MIN_RUN or more words an article shares with a page it draws on. Words are
 * compared ignoring case, punctuation and markup (HTML tags, images, the docs' `[!DNL …]` and
 * `[!UICONTROL …]` marks), as `../shared/tools/own-words` does for the knowledge base; runs that lie inside
 * one of the article's quoted error texts are expected and not reported.
 */
export const MIN_RUN = 10;

/** The words of a text, lower case, apostrophes dropped, markup left out. */
export function words(text: string): string[] {
  const plain = text
    .replace(/<[^>]+>|!\[[^\]]*\]\([^)]*\)|\[!(?:DNL|UICONTROL)\s*([^\]]*)\]/g, (_, inner: string | undefined) => ` ${inner ?? ''} `)
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .replace(/'/g, '');
  return plain.match(/[a-z0-9]+/g) ?? [];
}

/** The runs of each page met: a long page (release notes) is drawn on by several articles. */
const pageRuns = new Map<string, Set<string>>();

function runs(list: string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + MIN_RUN <= list.length; i++) out.add(list.slice(i, i + MIN_RUN).join(' '));
  return out;
}

/**
 * Each longest run of MIN_RUN or more words that `mine` shares with `page`, as text, leaving out the runs
 * that lie inside one of `quoted` (the error texts the article quotes exactly).
 */
export function sharedRuns(mine: string, page: string, quoted: readonly string[]): string[] {
  const theirs = pageRuns.get(page) ?? runs(words(page));
  pageRuns.set(page, theirs);
  const allowed = new Set(quoted.flatMap((text) => [...runs(words(text))]));
  const own = words(mine);
  const found: string[] = [];
  let i = 0;
  while (i + MIN_RUN <= own.length) {
    const run = own.slice(i, i + MIN_RUN).join(' ');
    if (!theirs.has(run) || allowed.has(run)) {
      i++;
      continue;
    }
    let end = i + MIN_RUN;
    while (end < own.length && theirs.has(own.slice(end - MIN_RUN + 1, end + 1).join(' '))) end++;
    found.push(own.slice(i, end).join(' '));
    i = end;
  }
  return found;
}
