import type { CoordinatorClient, Dashboard } from '@plaza/protocol';
import { usePolled } from './use-polled.ts';

/** How often the dashboard refreshes. */
export const DASHBOARD_REFRESH_MS = 5000;

/** The latest dashboard, and the error of the latest refresh (the last good one stays shown). */
export interface DashboardState {
  dashboard: Dashboard | null;
  error: string | null;
}

/**
 * Loads the campaign's dashboard and refreshes it every `intervalMs`; a refresh starts only after
 * the previous one answered, so a slow coordinator is never asked twice at once.
 */
export function useDashboard(
  client: Pick<CoordinatorClient, 'dashboard'>,
  campaignId: string,
  intervalMs = DASHBOARD_REFRESH_MS,
): DashboardState {
  const { value, error } = usePolled(() => client.dashboard(campaignId), campaignId, intervalMs);
  return { dashboard: value, error };
}
