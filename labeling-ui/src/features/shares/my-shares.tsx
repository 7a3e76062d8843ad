import { formatFraction, formatUnixTime } from '../../lib/format.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';
import type { PlazaChain } from '../wallet/plaza-chain.ts';
import { TransactionStatus } from '../wallet/transaction-status.tsx';
import { useTransaction } from '../wallet/use-transaction.ts';
import type { Holding } from './use-holding.ts';

/** Props of {@link MyShares}. */
export interface MySharesProps {
  chain: Pick<PlazaChain, 'write'> | null;
  holding: Holding | null;
  holdingError: string | null;
  datasetId: bigint;
  version: number;
  /** The version's total shares (null while it is not on chain). */
  totalShares: bigint | null;
  /** Claims open once the version's timelock is over. */
  isActive: boolean;
  /** When claims close (unix seconds; null while unknown). */
  claimDeadline: number | null;
  /** The chain's time (unix seconds). */
  now: number;
  /** Called after a confirmed claim. */
  onChanged: () => void;
}

/** The connected account's shares in the version, and the claim with its proof. */
export function MyShares(props: MySharesProps) {
  const { chain, holding, holdingError, datasetId, version, totalShares, isActive } = props;
  const closed = props.claimDeadline !== null && props.now >= props.claimDeadline;
  const tx = useTransaction();
  if (!chain) return <p>Connect your wallet to see and claim your shares.</p>;
  if (holdingError) {
    return (
      <p className="error" role="alert">
        Could not read your shares: {holdingError}
      </p>
    );
  }
  if (!holding) {
    return (
      <p className="loading" role="status">
        Reading your shares…
      </p>
    );
  }
  const { proof, claimed } = holding;
  const share = (amount: bigint) =>
    totalShares ? ` (${formatFraction(amount, totalShares)} of the version)` : '';

  async function claim(): Promise<void> {
    if (!chain || !proof) return;
    const done = await tx.run('Claim your shares', (onSent) =>
      chain.write(
        'claimShares',
        [datasetId, version, proof.index, proof.account, proof.amount, proof.proof],
        onSent,
      ),
    );
    if (done) props.onChanged();
  }

  return (
    <div data-testid="my-shares">
      {claimed > 0n ? (
        <p>
          You hold <strong>{formatTokenAmount(claimed, 0)}</strong> shares{share(claimed)}, claimed.
          They earn this version's license revenue and vote on its licenses.
        </p>
      ) : proof ? (
        <>
          <p>
            You can claim <strong>{formatTokenAmount(proof.amount, 0)}</strong> shares
            {share(proof.amount)} (leaf {proof.index} of the shares tree).
          </p>
          {closed ? (
            <p className="hint">
              The claim period is over: the revenue of unclaimed shares goes to the destination the
              version's holders chose.
            </p>
          ) : isActive ? (
            props.claimDeadline === null ? null : (
              <p className="hint">
                Claim before {formatUnixTime(props.claimDeadline)}; afterwards the revenue of
                unclaimed shares is swept to the destination the version's holders chose.
              </p>
            )
          ) : (
            <p className="hint">
              Claims open when the version's timelock ends (the guardian may revoke a bad version
              until then).
            </p>
          )}
          <button
            type="button"
            className="primary"
            onClick={() => void claim()}
            disabled={!isActive || closed || tx.busy}
          >
            Claim {formatTokenAmount(proof.amount, 0)} shares
          </button>
        </>
      ) : (
        <p>Your account holds no shares in this version.</p>
      )}
      <TransactionStatus state={tx.state} />
    </div>
  );
}
