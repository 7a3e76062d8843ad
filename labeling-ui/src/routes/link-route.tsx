import { useMemo } from 'react';
import type { EthereumProvider } from '../features/auth/ethereum-provider.ts';
import { useSession } from '../features/auth/session-provider.tsx';
import { WalletMissingError } from '../features/auth/wallet-errors.ts';
import { LinkPayoutPage } from '../features/link/link-payout-page.tsx';
import { useWalletChoice } from '../features/wallet/wallet-choice.tsx';
import type { Route } from '../lib/route.ts';

/** `#/link/<device>/<nonce>/<issuedAt>`: a wallet signs the payout link the extension asked for. */
export function LinkRoute({ route }: { route: Extract<Route, { name: 'link' }> }) {
  const { client } = useSession();
  const { wallets, requestProvider } = useWalletChoice();
  // The chosen wallet, asked for when the user signs (the picker opens if several are installed).
  const provider = useMemo<EthereumProvider | null>(
    () =>
      wallets.length === 0
        ? null
        : {
            async request(args) {
              const chosen = await requestProvider();
              if (!chosen) throw new WalletMissingError();
              return chosen.request(args);
            },
          },
    [wallets.length, requestProvider],
  );
  return (
    <LinkPayoutPage ask={route.ask} signed={route.signed} provider={provider} client={client} />
  );
}
