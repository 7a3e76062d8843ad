import { useSession } from '../features/auth/session-provider.tsx';
import { SignInPanel } from '../features/auth/sign-in-panel.tsx';
import { CampaignChooser } from '../features/campaigns/campaign-chooser.tsx';
import { MyVersionValues } from '../features/datasets/my-version-values.tsx';
import { LabelerPage } from '../features/labeler/labeler-page.tsx';
import { MyEarnings } from '../features/labeler/my-earnings.tsx';

/**
 * `#/me`: the labeler's own numbers, their shares and revenue per version, and what their rows of
 * the newest version earned and why.
 */
export function MeRoute() {
  const { session, client, endSession } = useSession();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">My labeling</h1>
      {!session ? (
        <SignInPanel purpose="to see your numbers" />
      ) : (
        <CampaignChooser client={client}>
          {(campaign) => (
            <>
              <LabelerPage client={client} campaign={campaign} onSessionInvalid={endSession} />
              <h2>My shares and revenue</h2>
              <MyEarnings client={client} campaignId={campaign.id} account={session.address} />
              <h2>What my rows earned</h2>
              <MyVersionValues client={client} campaign={campaign} account={session.address} />
            </>
          )}
        </CampaignChooser>
      )}
    </section>
  );
}
