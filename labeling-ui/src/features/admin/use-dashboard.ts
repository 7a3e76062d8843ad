import type { CoordinatorClient, Dashboard } from '@plaza/protocol';
import { useEffect, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';

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
  const [state, setState] = useState<DashboardState>({ dashboard: null, error: null });
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ dashboard: null, error: null });
    async function refresh(): Promise<void> {
      try {
        const dashboard = await client.dashboard(campaignId);
        if (alive) setState({ dashboard, error: null });
      } catch (failure) {
        if (alive) setState((previous) => ({ ...previous, error: formatError(failure) }));
      }
      if (alive) timer = setTimeout(() => void refresh(), intervalMs);
    }
    void refresh();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, campaignId, intervalMs]);
  return state;
}
