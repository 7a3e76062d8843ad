import type { Campaign } from '@plaza/protocol';
import { useEffect, useRef, useState } from 'react';
import { CampaignSteering } from '../features/admin/campaign-steering.tsx';
import { DashboardView } from '../features/admin/dashboard-view.tsx';
import { HostDiagnostics } from '../features/admin/host-diagnostics.tsx';
import { ImportPanel } from '../features/admin/import-panel.tsx';
import { useDashboard } from '../features/admin/use-dashboard.ts';
import { usePolled } from '../features/admin/use-polled.ts';
import { VerificationPanel } from '../features/admin/verification-panel.tsx';
import { useSession } from '../features/auth/session-provider.tsx';
import { formatError } from '../lib/describe-error.ts';
import { routeHref } from '../lib/route.ts';

/** Props of {@link AdminCampaignRoute}. */
export interface AdminCampaignRouteProps {
  campaignId: string;
}

/**
 * `#/admin/<id>`: steering (pause, resume, close, edit), why the campaign is stuck per host, the
 * pipeline dashboard, refreshed every 5 s, and file imports.
 */
export function AdminCampaignRoute({ campaignId }: AdminCampaignRouteProps) {
  const { adminClient, canAdminister, session } = useSession();
  const { dashboard, error } = useDashboard(adminClient, campaignId);
  const verification = usePolled(() => adminClient.verification(campaignId), campaignId, 10_000);
  const [aggregating, setAggregating] = useState<string | null>(null);
  // The campaign as the last change answered it (the polled one may lag behind a change).
  const [changed, setChanged] = useState<Campaign | null>(null);
  const shown = usePolled(() => adminClient.getCampaign(campaignId), campaignId, 5_000);
  const hosts = usePolled(() => adminClient.campaignHosts(campaignId), campaignId, 5_000);
  // A poll that shows the change (or, failing that, the third poll after it: someone else may
  // have changed the campaign since) supersedes the answer of the change. A poll that left before
  // the change must not undo it on screen.
  const pollsSinceChange = useRef(0);
  useEffect(() => {
    if (!shown.value || !changed) return;
    pollsSinceChange.current += 1;
    const same = JSON.stringify(shown.value.campaign) === JSON.stringify(changed);
    if (same || pollsSinceChange.current >= 3) setChanged(null);
  }, [shown.value, changed]);
  const campaign = changed ?? shown.value?.campaign ?? null;

  async function aggregate(): Promise<void> {
    setAggregating('Aggregating…');
    try {
      const { count } = await adminClient.aggregate(campaignId);
      setAggregating(`Aggregated ${count} items.`);
    } catch (failure) {
      setAggregating(`Aggregation failed: ${formatError(failure)}`);
    }
  }

  return (
    <section aria-labelledby="page-title">
      <p>
        <a href={routeHref({ name: 'admin' })}>← All campaigns</a>
      </p>
      <h1 id="page-title">Pipeline: {campaignId}</h1>
      {canAdminister ? (
        <p>
          <button type="button" onClick={() => void aggregate()}>
            Aggregate labels now
          </button>{' '}
          <span role="status">{aggregating}</span>
        </p>
      ) : null}
      {canAdminister && campaign ? (
        <CampaignSteering
          key={campaign.id}
          campaign={campaign}
          client={adminClient}
          onChanged={(next) => {
            pollsSinceChange.current = 0;
            setChanged(next);
          }}
        />
      ) : null}
      {hosts.value ? <HostDiagnostics hosts={hosts.value} /> : null}
      {hosts.error ? (
        <p className="error" role="alert">
          Could not load the hosts: {hosts.error}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {dashboard ? 'Refreshing failed' : 'Could not load the dashboard'}: {error}
        </p>
      ) : null}
      {dashboard ? (
        <DashboardView dashboard={dashboard} />
      ) : error ? null : (
        <p className="loading" role="status">
          Loading the dashboard…
        </p>
      )}
      {canAdminister ? (
        <ImportPanel
          client={adminClient}
          campaignId={campaignId}
          defaultSupplier={session?.address ?? ''}
        />
      ) : null}
      {verification.value ? (
        <VerificationPanel report={verification.value} />
      ) : verification.error ? (
        <p className="error" role="alert">
          Could not load verification: {verification.error}
        </p>
      ) : null}
    </section>
  );
}
