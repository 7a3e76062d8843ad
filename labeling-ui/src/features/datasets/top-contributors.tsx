import { formatCount, formatFraction, shortAddress } from '../../lib/format.ts';
import type { ClaimsSummary } from '../../lib/group-versions.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';

/** Props of {@link TopContributors}. */
export interface TopContributorsProps {
  claims: ClaimsSummary;
  /** Holders in the manifest (claimed or not). */
  holders: number;
  totalShares: bigint;
  /** How many to list. @default 10 */
  limit?: number;
}

/** The version's largest holders among those who claimed, with their share of the version. */
export function TopContributors({
  claims,
  holders,
  totalShares,
  limit = 10,
}: TopContributorsProps) {
  const summary = `${formatCount(claims.holders.length)} of ${formatCount(holders)} holders have claimed ${formatFraction(
    claims.claimedShares,
    totalShares,
  )} of the shares.`;
  if (claims.holders.length === 0) {
    return <p>{summary} The largest holders appear here as they claim.</p>;
  }
  return (
    <>
      <p>{summary}</p>
      <table className="data-table">
        <caption>Top {Math.min(limit, claims.holders.length)} holders by shares claimed</caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Holder</th>
            <th scope="col">Shares</th>
            <th scope="col">Of the version</th>
          </tr>
        </thead>
        <tbody>
          {claims.holders.slice(0, limit).map((holder, index) => (
            <tr key={holder.account}>
              <td>{index + 1}</td>
              <td title={holder.account}>{shortAddress(holder.account)}</td>
              <td>{formatTokenAmount(holder.amount, 0)}</td>
              <td>{formatFraction(holder.amount, totalShares)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
