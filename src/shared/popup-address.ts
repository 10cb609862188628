/**
 * The addresses of the popup's page inside the extension: the list and the search, or the reader on one
 * article. The one place they are written; the popup reads them back (`parseParams` in popup/model.ts, `screen.ts`).
 * Pure.
 */

/** The popup page: the list and the search, or the reader with `?article=`. */
export const POPUP_PAGE = 'src/popup/index.html';

/** The reader on one article, as a page of its own. */
export function readerPath(id: string): string {
  return `${POPUP_PAGE}?article=${encodeURIComponent(id)}`;
}

/** The search with `text`: in the popup, or as a page of its own (`view=tab`) about the tab it came from. */
export function searchPath(text: string, page: { tabId?: number; inTab: boolean }): string {
  const params = new URLSearchParams({ q: text });
  if (page.tabId !== undefined && page.tabId >= 0) params.set('tab', String(page.tabId));
  if (page.inTab) params.set('view', 'tab');
  return `${POPUP_PAGE}?${params}`;
}
