/**
 * URL globs of the articles: `*` is any run of characters, everything else is literal.
 *
 * Matched without regular expressions: a glob turned into `^.*a.*b.*$` backtracks, so an address of tens
 * of kilobytes took a second per glob. Here the first and last literal parts are checked at the ends and
 * each part between is found by one forward search after the previous one (the leftmost place is always
 * the right one when the only wildcard is `*`), so a match reads the address a bounded number of times.
 */
export type GlobMatcher = (text: string) => boolean;

export function globMatcher(glob: string): GlobMatcher {
  const parts = glob.split('*');
  if (parts.length === 1) return (text) => text === glob;
  const head = parts[0];
  const tail = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter(Boolean);
  return (text) => {
    if (text.length < head.length + tail.length || !text.startsWith(head) || !text.endsWith(tail)) return false;
    const end = text.length - tail.length;
    let at = head.length;
    for (const part of middle) {
      const found = text.indexOf(part, at);
      if (found === -1 || found + part.length > end) return false;
      at = found + part.length;
    }
    return true;
  };
}
