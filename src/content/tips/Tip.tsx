import { useEffect, useState } from 'preact/hooks';
import type { HistoryCount } from '../../shared/history';
import type { ArticleInfo, StoredArticle, TableArticle } from '../../shared/kb-types';
import { productLine } from '../../shared/products';
import { ElementTree } from '../../ui/ElementTree';
import { trusted } from '../../ui/trusted';
import { TipFeedback } from './TipFeedback';

export interface TipModel {
  /** Unique per shown tip. */
  key: number;
  article: TableArticle;
  /** What the page showed. */
  text: string;
  seenAt: Date;
}

export interface TipActions {
  loadArticle(id: string): Promise<StoredArticle | null>;
  open(id: string): void;
  copyDetails(tip: TipModel, article: StoredArticle | null): Promise<boolean>;
  close(tip: TipModel): void;
  mute(tip: TipModel): void;
  /** Counts an event of an article in the local history (the worker keeps it). */
  record(id: string, event: HistoryCount): void;
  /** The next best articles for an error text, without `id` (the worker holds the search index). */
  others(id: string, text: string): Promise<ArticleInfo[]>;
  /** The page's address, for a request for an article. */
  pageUrl(): string;
}

export function Tip({ tip, actions }: { tip: TipModel; actions: TipActions }) {
  const [article, setArticle] = useState<StoredArticle | null>(null);
  const [note, setNote] = useState('');
  const { id, title, products } = tip.article;
  const { loadArticle } = actions;

  useEffect(() => {
    let live = true;
    loadArticle(id).then((full) => live && setArticle(full), () => undefined);
    return () => {
      live = false;
    };
  }, [id, loadArticle]);

  const copy = async () => setNote((await actions.copyDetails(tip, article).catch(() => false)) ? 'Copied' : 'Copy failed');
  const headingId = `xc-tip-${tip.key}`;

  return (
    // focusable by the keyboard shortcut (focus.ts), not a tab stop of the page
    <div class="tip" data-article-id={id} data-tip-key={tip.key} role="group" aria-labelledby={headingId} tabIndex={-1}>
      <div class="head">
        <h2 id={headingId}>{title}</h2>
        <button class="close" type="button" aria-label="Close tip" title="Close" onClick={trusted(() => actions.close(tip))}>
          ×
        </button>
      </div>
      <p class="meta">
        {productLine(products)} · {id}
      </p>
      {/* the summary arrives with the steps: until then its line is kept, so the tip does not grow under the eye */}
      <p class="summary">{article?.summary ?? '\u00a0'}</p>
      {article && (
        <div class="body">
          <ElementTree nodes={article.meaning} />
          <ElementTree nodes={[article.steps]} />
        </div>
      )}
      <TipFeedback tip={tip} open={actions.open} record={actions.record} others={actions.others} pageUrl={actions.pageUrl} />
      <div class="actions">
        <button class="primary" type="button" onClick={trusted(() => actions.open(id))}>
          Open article
        </button>
        <button type="button" onClick={trusted(copy)}>
          Copy details
        </button>
        <button type="button" onClick={trusted(() => actions.mute(tip))}>
          Don’t show again
        </button>
        {note && <span class="note">{note}</span>}
      </div>
    </div>
  );
}
