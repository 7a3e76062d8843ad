import { useSession } from '../features/auth/session-provider.tsx';
import { SignInPanel } from '../features/auth/sign-in-panel.tsx';
import { CampaignChooser } from '../features/campaigns/campaign-chooser.tsx';
import { ReviewQueue } from '../features/review/review-queue.tsx';

/** `#/review`: low-agreement items, for reviewers and admins. */
export function ReviewRoute() {
  const { session, client, canReview, endSession } = useSession();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Review</h1>
      {!session ? (
        <SignInPanel purpose="to review labels" />
      ) : !canReview ? (
        <p role="alert">Reviewing needs the reviewer or admin role; this account has neither.</p>
      ) : (
        <CampaignChooser client={client}>
          {(campaign) => (
            <ReviewQueue
              key={campaign.id}
              client={client}
              campaign={campaign}
              onSessionInvalid={endSession}
            />
          )}
        </CampaignChooser>
      )}
    </section>
  );
}
