import { createCoordinatorClient, type EarningsResponse } from '@plaza/protocol';
import { useCallback, useEffect, useState } from 'react';
import { readRegistration } from '../lib/coordinator-session.ts';
import { store } from './use-extension-state.ts';

/** The device's earnings as the coordinator reports them, or why they cannot be shown. */
export interface EarningsState {
  earnings: EarningsResponse | null;
  error: string | null;
  loading: boolean;
}

/**
 * Reads `GET /v1/devices/:address/earnings` with the device's own bearer token (the coordinator
 * answers a device its own earnings only). No chain RPC: the coordinator's chain index feeds it.
 */
export function useEarnings(coordinatorUrl: string, device: `0x${string}` | null) {
  const [state, setState] = useState<EarningsState>({ earnings: null, error: null, loading: true });
  const refresh = useCallback(async () => {
    if (!device || !coordinatorUrl) return;
    const registration = await readRegistration(store, coordinatorUrl);
    if (!registration) {
      setState({ earnings: null, error: 'This device has not registered yet.', loading: false });
      return;
    }
    const client = createCoordinatorClient({
      baseUrl: coordinatorUrl,
      deviceToken: registration.token,
    });
    try {
      setState({ earnings: await client.deviceEarnings(device), error: null, loading: false });
    } catch (error) {
      setState((s) => ({
        ...s,
        loading: false,
        error: error instanceof Error ? error.message : String(error),
      }));
    }
  }, [coordinatorUrl, device]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { ...state, refresh };
}
