import { getInjectedProvider } from '../features/auth/ethereum-provider.ts';
import { useSession } from '../features/auth/session-provider.tsx';
import { LinkPayoutPage } from '../features/link/link-payout-page.tsx';
import type { Route } from '../lib/route.ts';

/** `#/link/<device>/<nonce>/<issuedAt>`: a wallet signs the payout link the extension asked for. */
export function LinkRoute({ route }: { route: Extract<Route, { name: 'link' }> }) {
  const { client } = useSession();
  return (
    <LinkPayoutPage
      ask={route.ask}
      signed={route.signed}
      provider={getInjectedProvider()}
      client={client}
    />
  );
}
