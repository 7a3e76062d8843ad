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
import { store } from './use-extension-state.ts';
import { usePayout } from './use-payout.ts';

type Hex = `0x${string}`;
type PayoutChange = ReturnType<typeof nextPayoutChange>;

/** What the payout panel shows and does. */
export interface PayoutLinking {
  payout: ReturnType<typeof usePayout>;
  /** The change a manual link signs: the device's next nonce and the time it was asked. */
  change: PayoutChange;
  /** Asks a fresh change (the manual link's wallet was typed). */
  renewChange: () => void;
  message: { ok: boolean; text: string } | null;
  setProblem: (text: string) => void;
  /** Sends a wallet's signature with the device's own; `signed` is the change the wallet signed. */
  submitLink: (wallet: Hex, payoutSignature: Hex, signed?: PayoutChange) => Promise<void>;
  /** Opens the web app's link page and waits for the signed link in that tab's address. */
  linkInWebApp: () => void;
  unlink: () => Promise<void>;
}

/**
 * Linking and unlinking the device's payout wallet: through the web app (the signed link comes
 * back in its tab's address), by hand, or back to the device address. Opened with
 * `#link-wallet` (the popup's "Link a wallet"), it goes straight to the web app.
 */
export function usePayoutLinking(coordinatorUrl: string, device: Hex): PayoutLinking {
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

  const openWebLink = async () => {
    stopWatching.current?.();
    const ask: WebLinkAsk = {
      device,
      ...nextPayoutChange(current ?? { payoutNonce: 0 }, Date.now()),
    };
    const tab = await browser.tabs.create({ url: webLinkUrl(coordinatorUrl, ask) });
    setMessage({ ok: true, text: 'Sign the link with your wallet in the tab that opened.' });
    stopWatching.current = watchForSignedLink(tab.id, coordinatorUrl, ask, (signed) => {
      stopWatching.current = null;
      void submitLink(signed.payout, signed.payoutSignature, ask);
    });
  };
  const linkInWebApp = () => void openWebLink().catch(fail);

  // Opened from the popup's "Link a wallet": go straight to the web app.
  useEffect(() => {
    if (!info || autoStarted.current || window.location.hash !== LINK_WALLET_HASH) return;
    autoStarted.current = true;
    history.replaceState(null, '', window.location.pathname);
    linkInWebApp();
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

  return {
    payout,
    change,
    renewChange: () => setChange(nextPayoutChange(current ?? { payoutNonce: 0 }, Date.now())),
    message,
    setProblem: (text) => setMessage({ ok: false, text }),
    submitLink,
    linkInWebApp,
    unlink,
  };
}

/**
 * Watches tab `tabId` until its address carries the link signed for `ask` (only from the
 * coordinator's origin) or it closes; returns the function that stops watching.
 */
function watchForSignedLink(
  tabId: number | undefined,
  coordinatorUrl: string,
  ask: WebLinkAsk,
  onSigned: (signed: NonNullable<ReturnType<typeof readSignedWebLink>>) => void,
): () => void {
  const onUpdated = (updatedId: number, changed: { url?: string }) => {
    if (updatedId !== tabId || !changed.url) return;
    const signed = readSignedWebLink(changed.url, coordinatorUrl, ask);
    if (!signed) return;
    stop();
    onSigned(signed);
  };
  const onRemoved = (removedId: number) => {
    if (removedId === tabId) stop();
  };
  const stop = () => {
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.tabs.onRemoved.removeListener(onRemoved);
  };
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.tabs.onRemoved.addListener(onRemoved);
  return stop;
}
