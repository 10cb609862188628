import { useEffect, useMemo } from 'preact/hooks';
import { articleRequest } from '../../shared/article-request';
import { copyText } from '../../ui/clipboard';
import { Feedback, type FeedbackActions } from '../../ui/Feedback';
import SHARED_FEEDBACK_CSS from '../../ui/feedback.css?inline';
import type { TipActions, TipModel } from './Tip';

/**
 * The tip's part of the local history: counts the tip once when it is first shown, and asks "Did this
 * help?". The other articles come from the worker, which holds the search index: the content script
 * carries none.
 */

/** Tips already counted: a tip that moves (docked, anchored) is drawn again but shown once. */
const counted = new WeakSet<TipModel>();

type Props = { tip: TipModel } & Pick<TipActions, 'open' | 'record' | 'others' | 'pageUrl'>;

export function TipFeedback({ tip, open, record, others, pageUrl }: Props) {
  useEffect(() => {
    if (counted.has(tip)) return;
    counted.add(tip);
    record(tip.article.id, 'shown');
  }, [tip, record]);
  const actions = useMemo<FeedbackActions>(() => {
    const { id, title, products } = tip.article;
    return {
      answer: (helped) => record(id, helped ? 'yes' : 'no'),
      others: () => others(id, tip.text || title),
      open,
      request: async () => articleRequest({ errorText: tip.text, products, url: pageUrl(), article: { id, title } }),
      copy: copyText,
    };
  }, [tip, open, record, others, pageUrl]);
  return (
    <>
      <style>{FEEDBACK_CSS}</style>
      <Feedback actions={actions} />
    </>
  );
}

/** The tip's sizes, after the shared layout, on the tip's own colours (styles.ts). */
const TIP_FEEDBACK_CSS = `
.feedback { margin: 8px 0 0; padding-top: 8px; border-top: 1px solid var(--line); font-size: 12px; }
.feedback-question { margin-right: 2px; }
.feedback-others { margin: 0; }
.feedback-others li { margin: 0 0 4px; }
.feedback-other { font-size: 12.5px; }
.feedback-meta { font-size: 11px; }
.feedback-text { box-sizing: border-box; padding: 6px 8px; border-radius: 4px; background: var(--code); font: 11px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
.feedback-note { align-self: center; }
`;

const FEEDBACK_CSS = `${SHARED_FEEDBACK_CSS}${TIP_FEEDBACK_CSS}`;
