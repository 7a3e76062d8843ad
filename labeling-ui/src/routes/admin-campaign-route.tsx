import { useState } from 'react';
import { DashboardView } from '../features/admin/dashboard-view.tsx';
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

/** `#/admin/<id>`: the campaign's pipeline dashboard, refreshed every 5 s, and file imports. */
export function AdminCampaignRoute({ campaignId }: AdminCampaignRouteProps) {
  const { adminClient, canAdminister, session } = useSession();
  const { dashboard, error } = useDashboard(adminClient, campaignId);
  const verification = usePolled(() => adminClient.verification(campaignId), campaignId, 10_000);
  const [aggregating, setAggregating] = useState<string | null>(null);

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
