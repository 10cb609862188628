import { Component } from 'preact';
import { useEffect } from 'preact/hooks';
import { productLine } from '../shared/products';
import type { Entry } from './model';

export const optionId = (id: string) => `article-${id}`;

interface RowProps {
  entry: Entry;
  index: number;
  active: boolean;
  onActivate(index: number): void;
  onOpen(entry: Entry): void;
}

/** One row. Re-renders only when what it shows changes: a keystroke re-ranks the list but most rows stay. */
class Row extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const { entry, index, active } = this.props;
    return next.active !== active || next.index !== index || next.entry.id !== entry.id || next.entry.detail !== entry.detail || next.entry.when !== entry.when || next.entry.kind !== entry.kind || next.entry.muted !== entry.muted;
  }

  override render() {
    const { entry, index, active } = this.props;
    return (
      <li
        id={optionId(entry.id)}
        class={`row ${entry.kind}${active ? ' active' : ''}`}
        role="option"
        aria-selected={active}
        data-article-id={entry.id}
        onMouseMove={() => !this.props.active && this.props.onActivate(index)}
        onClick={() => this.props.onOpen(this.props.entry)}
      >
        <span class="mark" aria-hidden="true" />
        <span class="row-main">
          <span class="row-title">{entry.title}</span>
          {entry.detail && <span class={`row-detail${entry.kind === 'error' ? ' quoted' : ''}`}>{entry.detail}</span>}
          <span class="row-meta">
            {entry.kind === 'error' && <span class="tag error">Error on this page</span>}
            {entry.kind === 'context' && <span class="tag context">Relevant to this page</span>}
            {entry.muted && (
              <span class="tag muted" title="You chose “Don’t show again” for this article; the Options page can bring its tips back">
                Tips off
              </span>
            )}
            <span>{productLine(entry.products)}</span>
            {entry.when && <span>{entry.when}</span>}
          </span>
        </span>
      </li>
    );
  }
}

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
        <Row key={entry.id} entry={entry} index={index} active={index === active} onActivate={onActivate} onOpen={onOpen} />
      ))}
    </ul>
  );
}
