import { createCoordinatorClient } from '@plaza/protocol';
import { useEffect, useRef, useState } from 'react';
import browser from 'webextension-polyfill';
import { loadOrCreateDeviceKey } from '../lib/device-key.ts';
import { linkPayoutWallet, nextPayoutChange, unlinkPayoutWallet } from '../lib/payout.ts';
import {
  LINK_WALLET_HASH,
  readSignedWebLink,
  type WebLinkAsk,
  webLinkUrl,
} from '../lib/web-link.ts';
import { ManualPayoutLink } from './manual-payout-link.tsx';
import { PayoutHistory } from './payout-history.tsx';
import { store } from './use-extension-state.ts';
import { usePayout } from './use-payout.ts';

type Hex = `0x${string}`;

/**
 * The device's payout wallet: the current one, every change (checked against the device key),
 * linking and unlinking. A link carries two signatures of one `PayoutLink`: the wallet's and the
 * device's (made here with the device key), so neither a stranger nor the device alone can point
 * the shares anywhere; unlinking needs the device's signature only. "Link a wallet" opens the web
 * app's link page, where the browser wallet signs; its signature comes back in that tab's address.
 */
export function PayoutLink({ coordinatorUrl, device }: { coordinatorUrl: string; device: Hex }) {
  const payout = usePayout(coordinatorUrl, device);
  const [change, setChange] = useState(() => nextPayoutChange({ payoutNonce: 0 }, Date.now()));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const stopWatching = useRef<(() => void) | null>(null);
  const autoStarted = useRef(false);
  const { info, device: current } = payout;
  useEffect(() => () => stopWatching.current?.(), []);

  const fail = (error: unknown) =>
    setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
  const client = createCoordinatorClient({ baseUrl: coordinatorUrl });

  const submitLink = async (wallet: Hex, payoutSignature: Hex, signed = change) => {
    if (!info) return;
    setMessage(null);
    try {
      const { account } = await loadOrCreateDeviceKey(store);
      const linked = await linkPayoutWallet({
        client,
        account,
        info,
        payout: wallet,
        ...signed,
        payoutSignature,
      });
      setMessage({ ok: true, text: `Linked: shares of this device go to ${linked.payout}.` });
      setChange(nextPayoutChange(linked, Date.now()));
      await payout.refresh();
    } catch (error) {
      fail(error);
    }
  };

  const linkInWebApp = async () => {
    stopWatching.current?.();
    const ask: WebLinkAsk = {
      device,
      ...nextPayoutChange(current ?? { payoutNonce: 0 }, Date.now()),
    };
    const tab = await browser.tabs.create({ url: webLinkUrl(coordinatorUrl, ask) });
    setMessage({ ok: true, text: 'Sign the link with your wallet in the tab that opened.' });
    const onUpdated = (tabId: number, changed: { url?: string }) => {
      if (tabId !== tab.id || !changed.url) return;
      const signed = readSignedWebLink(changed.url, coordinatorUrl, ask);
      if (!signed) return;
      stop();
      void submitLink(signed.payout, signed.payoutSignature, ask);
    };
    const onRemoved = (tabId: number) => {
      if (tabId === tab.id) stop();
    };
    const stop = () => {
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.tabs.onRemoved.removeListener(onRemoved);
      stopWatching.current = null;
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.tabs.onRemoved.addListener(onRemoved);
    stopWatching.current = stop;
  };

  // Opened from the popup's "Link a wallet": go straight to the web app.
  useEffect(() => {
    if (!info || autoStarted.current || window.location.hash !== LINK_WALLET_HASH) return;
    autoStarted.current = true;
    history.replaceState(null, '', window.location.pathname);
    void linkInWebApp().catch(fail);
  });

  const unlink = async () => {
    setMessage(null);
    if (!current || !info) return;
    try {
      const { account } = await loadOrCreateDeviceKey(store);
      const next = nextPayoutChange(current, Date.now());
      const unlinked = await unlinkPayoutWallet({ client, account, info, ...next });
      setMessage({ ok: true, text: "Unlinked: shares go to this device's address again." });
      setChange(nextPayoutChange(unlinked, Date.now()));
      await payout.refresh();
    } catch (error) {
      fail(error);
    }
  };

  if (!info) {
    return (
      <p className="muted">
        Connect to the coordinator to link a payout wallet.
        {payout.error ? ` (${payout.error})` : ''}
      </p>
    );
  }
  return (
    <div>
      <p>
        Payout wallet:{' '}
        <span className="mono" data-testid="payout">
          {current?.payout ?? 'none yet'}
        </span>
      </p>
      <div className="row">
        <button
          type="button"
          data-testid="payout-web-link"
          onClick={() => void linkInWebApp().catch(fail)}
        >
          {current?.payout ? 'Change wallet' : 'Link a wallet'}
        </button>
        {current?.payout ? (
          <button
            type="button"
            className="secondary"
            data-testid="payout-unlink"
            onClick={() => void unlink()}
          >
            Unlink
          </button>
        ) : null}
      </div>
      {message ? (
        <p className={message.ok ? 'ok' : 'error'} data-testid="payout-message">
          {message.text}
        </p>
      ) : null}
      <PayoutHistory events={payout.events} />
      <ManualPayoutLink
        info={info}
        device={device}
        change={change}
        onWallet={() => setChange(nextPayoutChange(current ?? { payoutNonce: 0 }, Date.now()))}
        onLink={(wallet, sig) => submitLink(wallet, sig)}
        onProblem={(text) => setMessage({ ok: false, text })}
      />
      <p className="muted">
        The device signs every link with its key; the coordinator needs its signature and the
        wallet's, and the device's next nonce ({change.nonce}), so nobody else can move this
        device's shares and an old link cannot be replayed.
      </p>
    </div>
  );
}
