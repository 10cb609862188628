import { useEffect, useState } from 'preact/hooks';
import type { ArticleInfo } from '../shared/kb-types';
import { productLine } from '../shared/products';
import { trusted } from './trusted';

/**
 * "Did this help?" under an article, in a tip and in the reader. "Yes" and "No" are counted in the local
 * history; "No" offers the next best articles for the same error text, and a request for a new article that
 * the person reads before it is copied. Every button acts only on a trusted event (the person's own click or
 * key), never on one a page script dispatched.
 */

export interface FeedbackActions {
  /** Counts the answer in the local history. */
  answer(helped: boolean): void;
  /** The next best articles for the same error text, without this one. */
  others(): Promise<ArticleInfo[]>;
  open(id: string): void;
  /** The request for an article, exactly as it would be copied. */
  request(): Promise<string>;
  copy(text: string): Promise<boolean>;
}

export function Feedback({ actions }: { actions: FeedbackActions }) {
  const [answer, setAnswer] = useState<'yes' | 'no' | null>(null);
  const reply = (helped: boolean) =>
    trusted(() => {
      actions.answer(helped);
      setAnswer(helped ? 'yes' : 'no');
    });
  if (answer === 'no') return <NotHelped actions={actions} />;
  return (
    <div class="feedback" role="group" aria-label="Did this help?">
      {answer === 'yes' ? (
        <p class="feedback-said" role="status">
          Thanks: noted in your local history.
        </p>
      ) : (
        <>
          <span class="feedback-question">Did this help?</span>
          <button type="button" data-feedback="yes" onClick={reply(true)}>
            Yes
          </button>
          <button type="button" data-feedback="no" onClick={reply(false)}>
            No
          </button>
        </>
      )}
    </div>
  );
}

/** After "No": the other articles for this error, and a request for a new one. */
function NotHelped({ actions }: { actions: FeedbackActions }) {
  const [others, setOthers] = useState<ArticleInfo[] | null>(null);
  const [request, setRequest] = useState<string | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    let live = true;
    actions.others().then(
      (found) => live && setOthers(found),
      () => live && setOthers([]),
    );
    return () => {
      live = false;
    };
  }, [actions]);

  return (
    <div class="feedback" role="group" aria-label="Did this help?">
      <p class="feedback-said" role="status">
        {others === null ? 'Looking for other articles…' : others.length ? 'Other articles for this error:' : 'No other article matches this error.'}
      </p>
      {others && others.length > 0 && (
        <ul class="feedback-others">
          {others.map((other) => (
            <li key={other.id}>
              <button type="button" class="feedback-other" data-other-id={other.id} onClick={trusted(() => actions.open(other.id))}>
                {other.title}
              </button>
              <span class="feedback-meta">
                {productLine(other.products)} · {other.id}
              </span>
            </li>
          ))}
        </ul>
      )}
      {request === null ? (
        <button type="button" data-request="show" onClick={trusted(() => void actions.request().then(setRequest))}>
          Copy a request for an article
        </button>
      ) : (
        <div class="feedback-request">
          <p class="feedback-said">This is what will be copied; the org, the sandbox and ids are left out.</p>
          <pre class="feedback-text">{request}</pre>
          <button type="button" class="primary" data-request="copy" onClick={trusted(() => void actions.copy(request).then((ok) => setNote(ok ? 'Copied' : 'Could not copy')))}>
            Copy
          </button>
          <button type="button" onClick={trusted(() => setRequest(null))}>
            Cancel
          </button>
          {note && (
            <span class="feedback-note" role="status">
              {note}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
