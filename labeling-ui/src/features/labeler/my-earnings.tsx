import type { CoordinatorClient, EarningsResponse, TokenRevenue } from '@plaza/protocol';
import { useEffect, useState } from 'react';
import { formatError } from '../../lib/describe-error.ts';
import { formatFraction } from '../../lib/format.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';

/** Props of {@link MyEarnings}. */
export interface MyEarningsProps {
  client: Pick<CoordinatorClient, 'accountEarnings'>;
  campaignId: string;
  account: string;
}

const chainWords = {
  not_published: 'not on chain yet',
  timelock: 'in its timelock',
  active: 'open',
  revoked: 'revoked',
} as const;

/** A token amount in the token's units with its symbol (the smallest unit where unknown). */
const amount = (value: string, r: TokenRevenue) =>
  r.decimals === null
    ? `${formatTokenAmount(BigInt(value), 0)} base units of ${r.symbol ?? r.token}`
    : formatTokenAmount(BigInt(value), r.decimals, { symbol: r.symbol ?? r.token });

/**
 * The signed-in account's shares and revenue per version of the campaign, from the coordinator's
 * chain index (`GET /v1/accounts/:address/earnings`), like the extension shows a device's: shares
 * as a percentage with the exact integer on hover, revenue claimable and claimed per token, and
 * the version's unallocated shares apart from its rounding remainder.
 */
export function MyEarnings({ client, campaignId, account }: MyEarningsProps) {
  const [earnings, setEarnings] = useState<EarningsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    setEarnings(null);
    setError(null);
    client.accountEarnings(account).then(
      (answer) => {
        if (alive) setEarnings(answer);
      },
      (failure: unknown) => {
        if (alive) setError(formatError(failure));
      },
    );
    return () => {
      alive = false;
    };
  }, [client, account]);
  if (error) {
    return (
      <p className="error" role="alert">
        Could not load your earnings: {error}
      </p>
    );
  }
  if (!earnings) {
    return (
      <p className="loading" role="status">
        Loading your earnings…
      </p>
    );
  }
  const versions = earnings.versions.filter((v) => v.campaignId === campaignId);
  if (versions.length === 0) {
    return <p>You hold no shares in a frozen version of this campaign yet.</p>;
  }
  return (
    <table className="data-table" data-testid="my-earnings">
      <caption>Your shares and license revenue per version</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Your shares</th>
          <th scope="col">Revenue claimable</th>
          <th scope="col">Revenue claimed</th>
          <th scope="col">Not minted</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => {
          const stake = v.stakes[0];
          const shares = BigInt(stake?.shares ?? '0');
          const total = BigInt(v.shares.totalShares);
          const claimed = BigInt(stake?.sharesClaimed ?? '0') > 0n;
          return (
            <tr key={v.version} data-testid="my-earnings-version" data-version={v.version}>
              <th scope="row">
                <a href={`#/datasets/${encodeURIComponent(v.campaignId)}/${v.version}`}>
                  Version {v.version}
                </a>{' '}
                <span className="muted">({chainWords[v.chain]})</span>
              </th>
              <td>
                <span
                  title={`${formatTokenAmount(shares, 0)} of ${formatTokenAmount(total, 0)} shares`}
                >
                  {formatFraction(shares, total)}
                </span>{' '}
                <span className="muted">{claimed ? 'claimed' : 'not claimed yet'}</span>
              </td>
              <td>
                {stake?.revenue.length
                  ? stake.revenue.map((r) => <div key={r.token}>{amount(r.claimable, r)}</div>)
                  : '—'}
              </td>
              <td>
                {stake?.revenue.length
                  ? stake.revenue.map((r) => <div key={r.token}>{amount(r.claimed, r)}</div>)
                  : '—'}
              </td>
              <td className="muted">
                {formatTokenAmount(BigInt(v.shares.unallocated), 0)} unallocated ·{' '}
                {formatTokenAmount(BigInt(v.shares.rounding), 0)} rounding remainder
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
