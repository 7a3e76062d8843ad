import { DatasetsPage } from '../features/datasets/datasets-page.tsx';
import { useChainNow } from '../features/wallet/use-chain-now.ts';
import { WalletBar } from '../features/wallet/wallet-bar.tsx';
import { useWallet } from '../features/wallet/wallet-provider.tsx';

/** `#/datasets`: every dataset version on chain, with its figures and top contributors. */
export function DatasetsRoute() {
  const { api, chain } = useWallet();
  const now = useChainNow(chain);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Datasets</h1>
      <p>
        Frozen versions of the campaigns' data, their shares on chain, and who holds them. Open a
        version to claim your shares, vote on licenses, claim revenue or license it.
      </p>
      <WalletBar />
      <DatasetsPage api={api} now={now} />
    </section>
  );
}
