import '../ui/styles.css';
import { useEffect, useState } from 'react';
import { readDeviceAddress } from '../lib/device-key.ts';
import { loadSettings } from '../lib/settings.ts';
import { EarningsView } from '../ui/earnings-view.tsx';
import { useEarnings } from '../ui/use-earnings.ts';
import { store } from '../ui/use-extension-state.ts';

/**
 * What I earned: per dataset version, the rows this device's pages became (and why the others did
 * not), its shares and the revenue claimable and claimed, with a link to claim in the web app.
 */
export default function Earnings() {
  const [coordinatorUrl, setCoordinatorUrl] = useState('');
  const [device, setDevice] = useState<`0x${string}` | null>(null);
  useEffect(() => {
    void (async () => {
      setCoordinatorUrl((await loadSettings(store)).coordinatorUrl);
      setDevice(await readDeviceAddress(store));
    })();
  }, []);
  const state = useEarnings(coordinatorUrl, device);
  return (
    <main style={{ maxWidth: 880 }}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>What I earned</h1>
        <button type="button" className="secondary" onClick={() => void state.refresh()}>
          Refresh
        </button>
      </div>
      {state.error ? (
        <p className="error" role="alert" data-testid="earnings-error">
          Could not read your earnings: {state.error}
        </p>
      ) : state.earnings ? (
        <EarningsView earnings={state.earnings} coordinatorUrl={coordinatorUrl} />
      ) : (
        <p className="muted">Reading your earnings…</p>
      )}
    </main>
  );
}
