import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { articleRequest } from '../shared/article-request';
import { supportDetails } from '../shared/details';
import type { StoredArticle } from '../shared/kb-types';
import type { PageItem } from '../shared/messages';
import { ElementTree, treeText } from '../ui/ElementTree';
import { Feedback, type FeedbackActions } from '../ui/Feedback';
import { Products } from '../ui/Products';
import { timeAgo } from '../ui/time';
import type { PopupBackend } from './backend';
import { errorTextParts, updatedText } from './model';
import { useFlash } from '../ui/useFlash';

export interface ReaderProps {
  id: string;
  backend: PopupBackend;
  /** The detection the article was opened from, if any: its text goes into "Copy details". */
  item?: PageItem;
  /** Address of the tab the popup is about, for "Copy details". */
  pageUrl: string;
  /** Offer "Open in a tab" (not when the reader already is a tab). */
  canOpenInTab: boolean;
  /** The search the article was opened from, if any: what "Did this help?" looks up again after a "No". */
  query?: string;
  /** Shows another article (one offered after a "No"). */
  onOpen(id: string): void;
  onBack(): void;
}

/** The article with this id: undefined while loading, null when there is none. */
function useArticle(backend: PopupBackend, id: string): StoredArticle | null | undefined {
  const [article, setArticle] = useState<StoredArticle | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setArticle(undefined);
    backend.article(id).then(
      (found) => live && setArticle(found),
      () => live && setArticle(null),
    );
    return () => {
      live = false;
    };
  }, [backend, id]);
  return article;
}

/** One article in full: products, error texts, body, and what to do with it. */
export function Reader({ id, backend, item, pageUrl, canOpenInTab, query, onOpen, onBack }: ReaderProps) {
  const article = useArticle(backend, id);
  // counted in the task that shows the article, not after the next paint: a reader closed at once still counts
  useLayoutEffect(() => {
    if (article) backend.record(article.id, 'opened');
  }, [article, backend]);
  return (
    <article class="reader" aria-labelledby="reader-title" aria-busy={article === undefined} data-reader-id={id} data-article-id={id}>
      <div class="reader-bar">
        <button type="button" class="quiet back" onClick={onBack}>
          <span aria-hidden="true">←</span> Back
        </button>
        <span class="spacer" />
        {canOpenInTab && article && (
          <button type="button" class="quiet" onClick={() => backend.openInTab(id)} title="Open this article in a tab">
            Open in tab <span aria-hidden="true">↗</span>
          </button>
        )}
      </div>
      {article === undefined && <p class="reader-loading">Loading…</p>}
      {article === null && (
        <div class="reader-missing">
          <h1 id="reader-title">Article not found</h1>
          <p>There is no article {id} in this knowledge base.</p>
        </div>
      )}
      {article && (
        <>
          <ArticleView article={article} item={item}>
            <ReaderFeedback article={article} backend={backend} seen={item?.kind === 'error' ? item.text : undefined} query={query} pageUrl={pageUrl} onOpen={onOpen} />
          </ArticleView>
          <ReaderActions article={article} item={item} pageUrl={pageUrl} backend={backend} />
        </>
      )}
    </article>
  );
}

function ArticleView({ article, item, children }: { article: StoredArticle; item?: PageItem; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [article]);
  return (
    <div class="reader-scroll">
      <header class="reader-head">
        <h1 id="reader-title" ref={heading} tabIndex={-1}>
          {article.title}
        </h1>
        <Products products={article.products} />
        <p class="reader-summary">{article.summary}</p>
        <p class="reader-meta">
          <span>{article.id}</span>
          <span>Updated {updatedText(article.updated)}</span>
          <a href={article.source} target="_blank" rel="noopener noreferrer">
            Experience League <span aria-hidden="true">↗</span>
          </a>
        </p>
      </header>
      {item?.kind === 'error' && item.text && (
        <section class="seen" aria-label="Seen on this page">
          <p class="seen-label">Seen on this page · {timeAgo(item.seenAt)}</p>
          <p class="seen-text">{item.text}</p>
        </section>
      )}
      {article.errors.length > 0 && (
        <section class="errors">
          <h2>Error {article.errors.length === 1 ? 'message' : 'messages'}</h2>
          <ul>
            {article.errors.map((text) => (
              <li key={text}>
                <ErrorText text={text} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <div class="article-body">
        <ElementTree nodes={article.body} />
      </div>
      {children}
    </div>
  );
}

/** "Did this help?" under the article; after "No", other articles for what was seen or searched. */
function ReaderFeedback({ article, backend, seen, query, pageUrl, onOpen }: { article: StoredArticle; backend: PopupBackend; seen?: string; query?: string; pageUrl: string; onOpen(id: string): void }) {
  const actions = useMemo<FeedbackActions>(() => {
    const errorText = seen ?? query?.trim() ?? '';
    return {
      answer: (helped) => backend.record(article.id, helped ? 'yes' : 'no'),
      others: () => backend.others(article.id, errorText || article.errors[0] || article.title),
      open: onOpen,
      request: async () => articleRequest({ errorText, products: article.products, url: pageUrl, article }),
      copy: (text) => backend.copy(text),
    };
  }, [article, backend, seen, query, pageUrl, onOpen]);
  return (
    <section class="reader-feedback">
      <Feedback actions={actions} />
    </section>
  );
}

function ErrorText({ text }: { text: string }) {
  return (
    <code>
      {errorTextParts(text).map((part, i) => (typeof part === 'string' ? part : <var key={i}>{part.variable}</var>))}
    </code>
  );
}

function ReaderActions({ article, item, pageUrl, backend }: { article: StoredArticle; item?: PageItem; pageUrl: string; backend: PopupBackend }) {
  const [note, setNote] = useFlash(2500);
  const copy = async (what: string, text: string) => setNote((await backend.copy(text)) ? `${what} copied` : 'Could not copy');
  const details = () =>
    supportDetails({
      id: article.id,
      title: article.title,
      products: article.products,
      errorText: item?.kind === 'error' ? item.text : undefined,
      url: pageUrl || 'not recorded',
      source: article.source,
      seenAt: new Date(item?.seenAt ?? Date.now()),
    });
  return (
    <div class="reader-actions">
      <button type="button" class="primary" onClick={() => copy('Steps', treeText([article.steps]))}>
        Copy steps
      </button>
      <button type="button" onClick={() => copy('Details', details())}>
        Copy details
      </button>
      <span class="note" role="status" aria-live="polite">
        {note}
      </span>
    </div>
  );
}
