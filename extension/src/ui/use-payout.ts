import { type CoordinatorInfo, createCoordinatorClient, type Device } from '@plaza/protocol';
import { useCallback, useEffect, useState } from 'react';
import { type CheckedPayoutEvent, checkPayoutEvents } from '../lib/payout.ts';

/** The device's payout as the coordinator reports it, each change checked against the device key. */
export interface PayoutState {
  info: CoordinatorInfo | null;
  /** Null before the device registered, or while the coordinator cannot be reached. */
  device: Device | null;
  /** Newest first. */
  events: CheckedPayoutEvent[];
  error: string | null;
}

/**
 * Reads `GET /v1/devices/:address/activity` from the configured coordinator and checks every
 * payout change against the device's own key; `refresh` reads again (after a link or unlink).
 */
export function usePayout(coordinatorUrl: string, device: `0x${string}` | null) {
  const [state, setState] = useState<PayoutState>({
    info: null,
    device: null,
    events: [],
    error: null,
  });
  const refresh = useCallback(async () => {
    if (!device) return;
    const client = createCoordinatorClient({ baseUrl: coordinatorUrl });
    try {
      const info = await client.info();
      const activity = await client.deviceActivity(device).catch((error: unknown) => {
        // Not registered yet: no payout, no history.
        if ((error as { code?: string }).code === 'NOT_FOUND') return null;
        throw error;
      });
      const events = activity ? await checkPayoutEvents(activity.events, { device, info }) : [];
      setState({ info, device: activity?.device ?? null, events, error: null });
    } catch (error) {
      setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) }));
    }
  }, [coordinatorUrl, device]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { ...state, refresh };
}
