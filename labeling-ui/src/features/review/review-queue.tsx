import type { Campaign, CoordinatorClient } from '@plaza/protocol';
import { ReviewItemPanel } from './review-item-panel.tsx';
import { useReviewQueue } from './use-review-queue.ts';

/** The client methods the review page uses. */
export type ReviewClient = Pick<CoordinatorClient, 'reviewItems' | 'resolveReview'>;

/** Props of {@link ReviewQueue}. */
export interface ReviewQueueProps {
  client: ReviewClient;
  campaign: Campaign;
  onSessionInvalid?: () => void;
}

/**
 * Low-agreement items, least agreed first. The reviewer answers with the workspace keys: a number
 * picks a class, Enter resolves (with nothing picked: confirms the aggregate), S moves on.
 */
export function ReviewQueue({ client, campaign, onSessionInvalid }: ReviewQueueProps) {
  const queue = useReviewQueue(client, campaign, onSessionInvalid);
  const { items, item, error, notice } = queue;
  if (error) {
    return (
      <p className="error" role="alert">
        Could not load the review queue: {error}{' '}
        <button type="button" className="link-button" onClick={queue.reload}>
          Try again
        </button>
      </p>
    );
  }
  if (!items) {
    return (
      <p className="loading" role="status">
        Loading items to review…
      </p>
    );
  }
  return (
    <div className="review">
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {!item ? (
        <div className="no-tasks" role="status">
          <p>Nothing to review: every item agrees well enough.</p>
          <button type="button" onClick={queue.reload}>
            Check again
          </button>
        </div>
      ) : (
        <ReviewItemPanel
          item={item}
          index={queue.index}
          count={items.length}
          schema={campaign.labelSchema}
          selection={queue.selection}
          setSelection={queue.setSelection}
          busy={queue.busy}
          resolve={queue.resolve}
          next={queue.next}
        />
      )}
    </div>
  );
}
