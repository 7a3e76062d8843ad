import type { CoordinatorClient } from '@plaza/protocol';
import { useEffect, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import { routeHref } from '../../lib/route.ts';
import type { EthereumProvider } from '../auth/ethereum-provider.ts';
import { WalletMissingError } from '../auth/wallet-errors.ts';
import {
  type PayoutLinkAsk,
  type SignedPayoutLink,
  signPayoutLinkInWallet,
} from './sign-payout-link.ts';

/** Props of {@link LinkPayoutPage}. */
export interface LinkPayoutPageProps {
  ask: PayoutLinkAsk;
  /** The wallet's signature, once made (it lives in the page's address for the extension). */
  signed: SignedPayoutLink | null;
  provider: EthereumProvider | null;
  client: Pick<CoordinatorClient, 'info' | 'getDevice'>;
  /** How often to look whether the extension linked. @default 1000 */
  pollMs?: number;
}

type Outcome = { kind: 'linked' | 'other'; payout: string | null } | null;

/**
 * The page the extension opens to link a payout wallet: the wallet signs the `PayoutLink` here
 * (EIP-1193), the signature goes into the page's address, where the extension that opened the
 * tab reads it, adds the device's signature and sends the link. The page then watches the device
 * until the link is in.
 */
export function LinkPayoutPage(props: LinkPayoutPageProps) {
  const { ask, signed, provider, client } = props;
  const [signing, setSigning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  useEffect(() => {
    if (!signed || outcome) return;
    let alive = true;
    const look = async () => {
      const { device } = await client.getDevice(ask.device).catch(() => ({ device: null }));
      if (!alive || !device || device.payoutNonce < ask.nonce) return;
      const mine = device.payout?.toLowerCase() === signed.payout.toLowerCase();
      setOutcome({ kind: mine ? 'linked' : 'other', payout: device.payout });
    };
    void look();
    const timer = setInterval(() => void look(), props.pollMs ?? 1000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [signed, outcome, client, ask, props.pollMs]);

  const sign = async () => {
    setError(null);
    setSigning(true);
    try {
      if (!provider) throw new WalletMissingError();
      const half = await signPayoutLinkInWallet({ provider, client, ask });
      window.location.replace(routeHref({ name: 'link', ask, signed: half }));
    } catch (cause) {
      setError(formatError(cause));
    } finally {
      setSigning(false);
    }
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Link a payout wallet</h1>
      <p>
        The Plaza extension asks to send the shares its device earns to your wallet. Device:{' '}
        <code data-testid="link-device">{ask.device}</code>
      </p>
      {!signed ? (
        <>
          <p>
            Your wallet signs that it agrees to receive them; the extension then adds the device's
            own signature. Nothing is sent on chain and nothing costs gas.
          </p>
          <button
            type="button"
            data-testid="link-sign"
            disabled={signing}
            onClick={() => void sign()}
          >
            {signing ? 'Waiting for wallet…' : 'Sign with my wallet'}
          </button>
        </>
      ) : (
        <p data-testid="link-status" data-state={outcome?.kind ?? 'waiting'} role="status">
          {outcome?.kind === 'linked'
            ? `Linked: the device's shares go to ${signed.payout}. You can close this tab.`
            : outcome?.kind === 'other'
              ? `The device's payout changed to ${outcome.payout ?? 'the device itself'} instead. Start again from the extension.`
              : `Signed by ${signed.payout}. Waiting for the extension to add the device's signature…`}
        </p>
      )}
      {error ? (
        <p className="error" role="alert" data-testid="link-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
