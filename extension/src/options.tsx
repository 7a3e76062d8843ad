import './ui/styles.css';
import { useEffect, useState } from 'react';
import browser from 'webextension-polyfill';
import { ControlsForm } from './ui/controls-form.tsx';
import { PayoutLink } from './ui/payout-link.tsx';
import { type ExtensionState, useExtensionState } from './ui/use-extension-state.ts';
import { type SettingsDraft, useSettingsDraft } from './ui/use-settings-draft.ts';

const HOSTS = { origins: ['http://*/*', 'https://*/*'] };

/** Settings: coordinator, controls, device and payout wallet. */
export default function Options() {
  const state = useExtensionState(1);
  const form = useSettingsDraft(state);
  const [hostAccess, setHostAccess] = useState(true);
  useEffect(() => {
    void browser.permissions.contains(HOSTS).then(setHostAccess);
  }, []);

  if (!state || !form) return <main>Loading…</main>;
  return (
    <main style={{ maxWidth: 760 }}>
      <h1>Plaza settings</h1>
      {hostAccess ? null : (
        <p className="error">
          Plaza cannot fetch pages until you allow access to websites.{' '}
          <button
            type="button"
            onClick={() => void browser.permissions.request(HOSTS).then(setHostAccess)}
          >
            Allow
          </button>
        </p>
      )}
      <CoordinatorSection state={state} form={form} />
      <ControlsForm form={form} />
      <DeviceSection state={state} />
    </main>
  );
}

/** The coordinator's URL and whether the device is registered with it. */
function CoordinatorSection({ state, form }: { state: ExtensionState; form: SettingsDraft }) {
  return (
    <>
      <h2>Coordinator</h2>
      <label>
        URL{' '}
        <input
          type="url"
          size={40}
          data-testid="coordinator-url"
          value={form.draft.coordinatorUrl}
          onChange={(e) => form.set({ coordinatorUrl: e.target.value })}
        />
      </label>
      <p className="muted" data-testid="registration">
        {state.registration
          ? `Registered with coordinator ${state.registration.coordinator} (chain ${state.registration.chainId}).`
          : 'Not registered yet: the device registers when it first contacts the coordinator.'}
      </p>
    </>
  );
}

/** The device address and its payout wallet. */
function DeviceSection({ state }: { state: ExtensionState }) {
  return (
    <>
      <h2>This device</h2>
      <p>
        Device address:{' '}
        <span className="mono" data-testid="device-address">
          {state.address ?? '…'}
        </span>
      </p>
      <p className="muted">
        The device key was made on install and stays in this browser's extension storage. It signs
        every result; the coordinator credits its shares to the payout wallet linked below.
      </p>
      {state.address ? (
        <PayoutLink coordinatorUrl={state.settings.coordinatorUrl} device={state.address} />
      ) : null}
    </>
  );
}
