import { useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import { shortAddress } from '../../lib/format.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';
import { useSession } from '../auth/session-provider.tsx';
import { requestFaucet } from './request-faucet.ts';
import { useWallet } from './wallet-provider.tsx';

/**
 * The account in the header of every page: sign in (which connects the wallet), the signed-in
 * account and its roles, the wallet's network (with a button that switches to Plaza's chain, adding
 * it to the wallet when it does not know it), the local chain's test-token faucet, sign out.
 */
export function AccountStatus() {
  const { session, signIn, signOut, signingIn } = useSession();
  const wallet = useWallet();
  const { info, state } = wallet;
  const [faucet, setFaucet] = useState<{ busy: boolean; note: string | null }>({
    busy: false,
    note: null,
  });
  if (!session) {
    return (
      <div className="account">
        <button type="button" onClick={() => void signIn()} disabled={signingIn}>
          {signingIn ? 'Waiting for wallet…' : 'Sign in'}
        </button>
      </div>
    );
  }
  const askFaucet = async () => {
    if (!info?.faucet) return;
    setFaucet({ busy: true, note: null });
    try {
      const answer = await requestFaucet({
        baseUrl: window.location.origin,
        sessionToken: session.token,
      });
      const amount = formatTokenAmount(BigInt(answer.amount), info.faucet.decimals, {
        symbol: info.faucet.symbol,
      });
      setFaucet({ busy: false, note: `${amount} and gas sent to your account.` });
    } catch (error) {
      setFaucet({ busy: false, note: `No test tokens: ${formatError(error)}` });
    }
  };
  const otherAccount =
    state.status === 'connected' &&
    state.chain.account.toLowerCase() !== session.address.toLowerCase();
  return (
    <div className="account">
      <span title={session.address}>
        {shortAddress(session.address)}
        <span className="muted"> · {session.roles.join(', ') || 'labeler'}</span>
      </span>
      {state.status === 'connected' ? (
        <span className="network" title={`Chain ${state.chain.chainId}`}>
          {info?.name ?? `Chain ${state.chain.chainId}`}
        </span>
      ) : null}
      {state.status === 'wrong-chain' && info?.plaza ? (
        <button type="button" onClick={() => void wallet.switchChain()}>
          Switch to {info.name}
        </button>
      ) : null}
      {info?.faucet ? (
        <button type="button" onClick={() => void askFaucet()} disabled={faucet.busy}>
          {faucet.busy ? 'Sending…' : `Get test ${info.faucet.symbol}`}
        </button>
      ) : null}
      <button type="button" onClick={() => void signOut()}>
        Sign out
      </button>
      {otherAccount ? (
        <p className="account-note" role="alert">
          Your wallet is on another account ({shortAddress(state.chain.account)}) than the one
          signed in.
        </p>
      ) : null}
      {faucet.note ? (
        <p className="account-note" role="status">
          {faucet.note}
        </p>
      ) : null}
    </div>
  );
}
