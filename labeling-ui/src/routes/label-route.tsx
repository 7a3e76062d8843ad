import { useSession } from '../features/auth/session-provider.tsx';
import { SignInPanel } from '../features/auth/sign-in-panel.tsx';
import { CampaignChooser } from '../features/campaigns/campaign-chooser.tsx';
import { Workspace } from '../features/workspace/workspace.tsx';

/** `#/label`: the labeling workspace. */
export function LabelRoute() {
  const { session, client, outbox, endSession } = useSession();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Label</h1>
      {!session ? (
        <SignInPanel purpose="to label data" />
      ) : !outbox ? (
        <p className="loading" role="status">
          Preparing…
        </p>
      ) : (
        <CampaignChooser client={client}>
          {(campaign) => (
            <Workspace
              // A new account or campaign starts a fresh workspace (queue and history are theirs).
              key={`${session.address}:${campaign.id}`}
              client={client}
              campaign={campaign}
              outbox={outbox}
              onSessionInvalid={endSession}
            />
          )}
        </CampaignChooser>
      )}
    </section>
  );
}
