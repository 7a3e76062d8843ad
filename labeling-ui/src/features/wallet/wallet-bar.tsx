import { shortAddress } from '../../lib/format.ts';
import { useWallet } from './wallet-provider.tsx';

/**
 * The wallet's state above the governance pages: connect, switch to the coordinator's chain, or
 * who is connected. Browsing needs no wallet; claiming, voting and licensing do.
 */
export function WalletBar() {
  const { hasWallet, info, infoError, state, connect, switchChain, disconnect } = useWallet();
  if (info && !info.plaza) {
    return (
      <p className="wallet-bar" role="status">
        This coordinator runs without a chain: versions can be browsed, but nothing can be claimed,
        voted on or licensed.
      </p>
    );
  }
  if (!hasWallet) {
    return (
      <p className="wallet-bar" role="status">
        No Ethereum wallet was found in this browser. You can browse datasets; claiming shares,
        voting and licensing need a wallet (for example MetaMask or Rabby).
      </p>
    );
  }
  return (
    <section className="wallet-bar" aria-label="Wallet">
      {infoError ? (
        <p className="error" role="alert">
          Could not load the chain settings: {infoError}
        </p>
      ) : null}
      {state.status === 'connected' ? (
        <p role="status">
          Connected as <span title={state.chain.account}>{shortAddress(state.chain.account)}</span>{' '}
          on chain {state.chain.chainId}.{' '}
          <button type="button" className="link-button" onClick={disconnect}>
            Disconnect
          </button>
        </p>
      ) : state.status === 'wrong-chain' ? (
        <p role="alert">
          Your wallet ({shortAddress(state.account)}) is on chain {state.walletChainId}; Plaza runs
          on chain {info?.chainId ?? '…'}
          {info?.name ? ` (${info.name})` : ''}.{' '}
          <button type="button" className="primary" onClick={() => void switchChain()}>
            {info?.rpcUrl ? 'Add or switch to' : 'Switch to'} chain {info?.chainId ?? ''}
          </button>
        </p>
      ) : (
        <p>
          Connect your wallet to claim shares, vote, claim revenue and license datasets.{' '}
          <button
            type="button"
            className="primary"
            onClick={() => void connect()}
            disabled={state.status === 'connecting'}
          >
            {state.status === 'connecting' ? 'Waiting for your wallet…' : 'Connect wallet'}
          </button>
        </p>
      )}
      {/* A failure shows in the app's banner, on every page, until the user moves on. */}
    </section>
  );
}
