import { useEffect } from 'preact/hooks';
import { productLine } from '../ui/Products';
import type { Entry } from './model';

export const optionId = (id: string) => `article-${id}`;

/**
 * A list of articles: detections on this page or search results. Focus stays in the search box, which
 * names the active row (aria-activedescendant); the rows are options of a listbox, each with its article id.
 */
export function ArticleList({ id, label, entries, active, onActivate, onOpen }: { id: string; label: string; entries: Entry[]; active: number; onActivate(index: number): void; onOpen(entry: Entry): void }) {
  useEffect(() => {
    const entry = entries[active];
    if (entry) document.getElementById(optionId(entry.id))?.scrollIntoView({ block: 'nearest' });
  }, [active, entries]);

  return (
    <ul class="list" id={id} role="listbox" aria-label={label}>
      {entries.map((entry, index) => (
        <li
          key={entry.id}
          id={optionId(entry.id)}
          class={`row ${entry.kind}${index === active ? ' active' : ''}`}
          role="option"
          aria-selected={index === active}
          data-article-id={entry.id}
          onMouseMove={() => index !== active && onActivate(index)}
          onClick={() => onOpen(entry)}
        >
          <span class="mark" aria-hidden="true" />
          <span class="row-main">
            <span class="row-title">{entry.title}</span>
            {entry.detail && <span class={`row-detail${entry.kind === 'error' ? ' quoted' : ''}`}>{entry.detail}</span>}
            <span class="row-meta">
              {entry.kind === 'error' && <span class="tag error">Error on this page</span>}
              {entry.kind === 'context' && <span class="tag context">Relevant to this page</span>}
              <span>{productLine(entry.products)}</span>
              {entry.when && <span>{entry.when}</span>}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
