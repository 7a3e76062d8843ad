import type { ContributionOutcomes, EarningsResponse, VersionEarnings } from '@plaza/protocol';
import {
  claimUrl,
  formatInteger,
  formatSharePercent,
  formatTokenAmount,
  nextStep,
} from '../lib/earnings.ts';
import { EarningsRows } from './earnings-rows.tsx';

const chainWords: Record<VersionEarnings['chain'], string> = {
  not_published: 'not on chain yet',
  timelock: 'on chain, in its timelock',
  active: 'on chain, open',
  revoked: 'revoked by the guardian',
};

/** Why the device's other pages are not rows, in words (only the reasons that occurred). */
function notRows(c: ContributionOutcomes): string {
  const parts: Array<[number, string]> = [
    [c.duplicate, 'duplicate of a page seen first'],
    [c.belowQuality, 'below the quality floor'],
    [c.failedVerification, 'failed verification'],
    [c.revoked, 'revoked by a quarantine'],
    [c.fetchFailed, 'failed fetch'],
    [c.notSelected, 'not selected'],
    [c.afterFreeze, 'arrived after the freeze'],
  ];
  const said = parts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`);
  return said.length === 0 ? 'none' : said.join(', ');
}

/** One version: rows, shares (percent, the exact integer on hover), revenue, and the claim link. */
function VersionCard({ v, coordinatorUrl }: { v: VersionEarnings; coordinatorUrl: string }) {
  const total = BigInt(v.shares.totalShares);
  const step = nextStep(v);
  return (
    <section
      className="card"
      data-testid="earnings-version"
      data-campaign={v.campaignId}
      data-version={v.version}
    >
      <h3>
        {v.campaignName} · version {v.version}{' '}
        <span className="muted">
          frozen {v.frozenAt.slice(0, 10)} · {chainWords[v.chain]}
        </span>
      </h3>
      {v.contributions ? (
        <p data-testid="earnings-rows">
          Your pages became <b>{v.contributions.rows}</b> row{v.contributions.rows === 1 ? '' : 's'}
          . Not rows: {notRows(v.contributions)}.
        </p>
      ) : null}
      {v.attribution ? <EarningsRows rows={v.attribution} /> : null}
      {v.stakes.length === 0 ? (
        <p className="muted">None of your pages is a row of this version: it pays you nothing.</p>
      ) : (
        v.stakes.map((stake) => {
          const shares = BigInt(stake.shares);
          const claimed = BigInt(stake.sharesClaimed) > 0n;
          return (
            <div key={stake.account} data-testid="earnings-stake" data-account={stake.account}>
              <p>
                Paid to <span className="mono">{stake.account}</span>:{' '}
                <b
                  data-testid="earnings-shares"
                  data-shares={stake.shares}
                  title={`${formatInteger(shares)} of ${formatInteger(total)} shares`}
                >
                  {formatSharePercent(shares, total)}
                </b>{' '}
                of the version's shares, {claimed ? 'claimed' : 'not claimed yet'}.
              </p>
              {stake.revenue.length === 0 ? (
                <p className="muted">No license revenue yet.</p>
              ) : (
                <table className="fetches">
                  <thead>
                    <tr>
                      <th>Token</th>
                      <th>Claimable now</th>
                      <th>Claimed so far</th>
                      <th>Owed once shares are claimed</th>
                    </tr>
                  </thead>
                  <tbody>
                    {stake.revenue.map((r) => (
                      <tr key={r.token} data-testid="earnings-revenue" data-token={r.token}>
                        <td title={r.token}>{r.symbol ?? r.token}</td>
                        <td data-testid="earnings-claimable" data-wei={r.claimable}>
                          {formatTokenAmount(BigInt(r.claimable), r)}
                        </td>
                        <td data-testid="earnings-claimed" data-wei={r.claimed}>
                          {formatTokenAmount(BigInt(r.claimed), r)}
                        </td>
                        <td data-wei={r.afterShareClaim}>
                          {formatTokenAmount(BigInt(r.afterShareClaim), r)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          );
        })
      )}
      <p className="muted" data-testid="earnings-not-minted">
        Not minted in this version: {formatInteger(BigInt(v.shares.unallocated))} shares unallocated
        (value nobody earned: rows without labels or compute) and{' '}
        {formatInteger(BigInt(v.shares.rounding))} shares of rounding remainder.
      </p>
      <div className="row">
        {step ? <span data-testid="earnings-next">{step}</span> : null}
        {v.chain === 'not_published' ? null : (
          <a
            data-testid="claim-link"
            href={claimUrl(coordinatorUrl, v)}
            target="_blank"
            rel="noreferrer"
          >
            Claim in the web app
          </a>
        )}
      </div>
    </section>
  );
}

/** Every version the device's pages went into, newest first. */
export function EarningsView({
  earnings,
  coordinatorUrl,
}: {
  earnings: EarningsResponse;
  coordinatorUrl: string;
}) {
  if (earnings.versions.length === 0) {
    return (
      <p className="muted" data-testid="earnings-empty">
        No dataset version holds this device's pages yet: what it earns shows here once a campaign
        it crawled for is frozen.
      </p>
    );
  }
  return (
    <div data-testid="earnings">
      {earnings.versions.map((v) => (
        <VersionCard key={`${v.campaignId}/${v.version}`} v={v} coordinatorUrl={coordinatorUrl} />
      ))}
      <p className="muted">
        From the coordinator's chain index
        {earnings.indexedThrough === null ? '' : ` (through block ${earnings.indexedThrough})`}.
      </p>
    </div>
  );
}
