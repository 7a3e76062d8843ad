import { useState } from 'react';
import { CampaignForm } from '../features/admin/campaign-form.tsx';
import { CampaignList } from '../features/admin/campaign-list.tsx';
import { AdminKeyForm } from '../features/auth/admin-key-form.tsx';
import { useSession } from '../features/auth/session-provider.tsx';
import { SignInPanel } from '../features/auth/sign-in-panel.tsx';
import { useCampaigns } from '../features/campaigns/use-campaigns.ts';

/** `#/admin`: campaigns and the form to create one. */
export function AdminRoute() {
  const { session, adminClient, canAdminister } = useSession();
  const { campaigns, error, reload } = useCampaigns(adminClient);
  const [created, setCreated] = useState<string | null>(null);
  if (!canAdminister) {
    return (
      <section aria-labelledby="page-title">
        <h1 id="page-title">Campaign admin</h1>
        <p>Administration needs an admin account or the coordinator's admin key.</p>
        {session ? null : <SignInPanel purpose="with an admin account" />}
        <section className="panel" aria-labelledby="admin-key-title">
          <h2 id="admin-key-title">Or use the admin key</h2>
          <AdminKeyForm />
        </section>
      </section>
    );
  }
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Campaign admin</h1>
      <AdminKeyForm />
      <p className="notice" role="status">
        {created}
      </p>
      {error ? (
        <p className="error" role="alert">
          Could not load the campaigns: {error}{' '}
          <button type="button" className="link-button" onClick={reload}>
            Try again
          </button>
        </p>
      ) : campaigns ? (
        <CampaignList campaigns={campaigns} />
      ) : (
        <p className="loading" role="status">
          Loading campaigns…
        </p>
      )}
      <section className="panel" aria-labelledby="create-title">
        <h2 id="create-title">Create a campaign</h2>
        <CampaignForm
          client={adminClient}
          onCreated={(_campaign, message) => {
            setCreated(message);
            reload();
          }}
        />
      </section>
    </section>
  );
}
