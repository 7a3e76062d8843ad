import { useSession } from '../features/auth/session-provider.tsx';
import { SignInPanel } from '../features/auth/sign-in-panel.tsx';
import { CampaignChooser } from '../features/campaigns/campaign-chooser.tsx';
import { ReviewQueue } from '../features/review/review-queue.tsx';

/** `#/review`: low-agreement items, for reviewers and admins. */
export function ReviewRoute() {
  const { session, client, adminClient, adminKey, canReview, endSession } = useSession();
  const roles = session?.roles ?? [];
  // A reviewer reviews as themself; otherwise the admin key typed in this tab reviews.
  const reviewClient = roles.includes('reviewer') || roles.includes('admin') ? client : adminClient;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Review</h1>
      {!session && !adminKey ? (
        <SignInPanel purpose="to review labels" />
      ) : !canReview ? (
        <p role="alert">
          Reviewing needs the reviewer or admin role, or the admin key; this account has neither.
        </p>
      ) : (
        <CampaignChooser client={reviewClient}>
          {(campaign) => (
            <ReviewQueue
              key={campaign.id}
              client={reviewClient}
              campaign={campaign}
              onSessionInvalid={endSession}
            />
          )}
        </CampaignChooser>
      )}
    </section>
  );
}
