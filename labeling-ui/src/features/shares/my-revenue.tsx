import type { ChainEvent } from '../../lib/governance-schemas.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';
import type { PlazaChain } from '../wallet/plaza-chain.ts';
import { TransactionStatus } from '../wallet/transaction-status.tsx';
import { useTransaction } from '../wallet/use-transaction.ts';
import { paidRevenue, type TokenRevenue, useTokenRevenue } from './use-token-revenue.ts';

/** Props of {@link MyRevenue}. */
export interface MyRevenueProps {
  chain: Pick<
    PlazaChain,
    'account' | 'paymentTokens' | 'tokenInfo' | 'claimableRevenue' | 'write'
  > | null;
  datasetId: bigint;
  version: number;
  /** Shares the account has claimed (revenue is paid on claimed shares). */
  claimed: bigint;
  /** The account is in the shares tree but has not claimed yet. */
  canClaimShares: boolean;
  /** The version's events (its `RevenueClaimed` events say what was paid already). */
  events: readonly ChainEvent[];
  /** Changes when the chain should be read again (a transaction, new events). */
  refreshKey: string | number;
  onChanged: () => void;
}

/** What the version's licenses owe the connected account, per payment token, and the claim. */
export function MyRevenue(props: MyRevenueProps) {
  const { chain, datasetId, version, claimed, refreshKey } = props;
  const { rows, error } = useTokenRevenue(chain, datasetId, version, refreshKey);
  const tx = useTransaction();

  if (!chain) return <p>Connect your wallet to see and claim your revenue.</p>;
  if (error) {
    return (
      <p className="error" role="alert">
        Could not read your revenue: {error}
      </p>
    );
  }
  if (!rows) {
    return (
      <p className="loading" role="status">
        Reading your revenue…
      </p>
    );
  }
  async function claim(row: TokenRevenue): Promise<void> {
    if (!chain) return;
    const amount = formatTokenAmount(row.claimable, row.token.decimals, {
      symbol: row.token.symbol,
    });
    const done = await tx.run(`Claim ${amount}`, (onSent) =>
      chain.write('claimRevenue', [datasetId, version, row.token.address], onSent),
    );
    if (done) props.onChanged();
  }

  return (
    <div data-testid="my-revenue">
      {claimed === 0n ? (
        <p className="hint">
          {props.canClaimShares
            ? 'Revenue is paid on claimed shares: claim yours above, and what the version has earned so far becomes yours to claim.'
            : 'Revenue goes to the holders of this version.'}
        </p>
      ) : null}
      <RevenueTable
        rows={rows}
        paid={(token) => paidRevenue(props.events, chain.account, token)}
        busy={tx.busy}
        onClaim={(row) => void claim(row)}
      />
      <TransactionStatus state={tx.state} />
    </div>
  );
}

/** Props of {@link RevenueTable}. */
interface RevenueTableProps {
  rows: readonly TokenRevenue[];
  /** What the account has claimed of a token so far. */
  paid: (token: string) => bigint;
  busy: boolean;
  onClaim: (row: TokenRevenue) => void;
}

/** Per payment token: claimable now, claimed so far, and the claim button. */
function RevenueTable({ rows, paid, busy, onClaim }: RevenueTableProps) {
  return (
    <table className="data-table">
      <caption>Your license revenue from this version</caption>
      <thead>
        <tr>
          <th scope="col">Token</th>
          <th scope="col">Claimable now</th>
          <th scope="col">Claimed so far</th>
          <th scope="col">
            <span className="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.token.address}>
            <th scope="row" title={row.token.address}>
              {row.token.symbol}
            </th>
            <td>{formatTokenAmount(row.claimable, row.token.decimals)}</td>
            <td>{formatTokenAmount(paid(row.token.address), row.token.decimals)}</td>
            <td>
              {row.claimable > 0n ? (
                <button type="button" onClick={() => onClaim(row)} disabled={busy}>
                  Claim{' '}
                  {formatTokenAmount(row.claimable, row.token.decimals, {
                    symbol: row.token.symbol,
                  })}
                </button>
              ) : (
                <span className="muted">Nothing to claim</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
