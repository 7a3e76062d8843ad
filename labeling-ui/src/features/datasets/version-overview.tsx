import {
  formatCount,
  formatDecimal,
  formatDuration,
  formatPercent,
  formatUnixTime,
} from '../../lib/format.ts';
import type { Manifest } from '../../lib/governance-schemas.ts';
import type { VersionSummary } from '../../lib/group-versions.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';
import { VersionStatus } from './version-status.tsx';

/** Props of {@link VersionOverview}. */
export interface VersionOverviewProps {
  manifest: Manifest;
  /** Null while the version is not on chain. */
  summary: VersionSummary | null;
  /** The manifest's own URL, to link to. */
  manifestUrl: string;
  /** The chain's time (unix seconds). */
  now: number;
}

/** A version's figures from its manifest: rows, quality floor, attribution, roots. */
export function VersionOverview({ manifest, summary, manifestUrl, now }: VersionOverviewProps) {
  return (
    <>
      <VersionStats manifest={manifest} summary={summary} now={now} />
      <VersionRoots manifest={manifest} summary={summary} manifestUrl={manifestUrl} />
    </>
  );
}

/** The version's status, claim deadline, rows, holders, attribution weights and labels. */
function VersionStats({ manifest, summary, now }: Omit<VersionOverviewProps, 'manifestUrl'>) {
  const { attribution, rows } = manifest;
  return (
    <dl className="stat-grid">
      <div>
        <dt>Status</dt>
        <dd>
          {summary ? (
            <VersionStatus summary={summary} now={now} />
          ) : (
            <span className="badge">Not on chain yet</span>
          )}
        </dd>
      </div>
      {summary ? (
        <div>
          <dt>Claims close</dt>
          <dd data-testid="claim-deadline">
            {formatUnixTime(summary.claimDeadline)}
            {now < summary.claimDeadline
              ? ` (in ${formatDuration(summary.claimDeadline - now)})`
              : ''}
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Rows</dt>
        <dd>{formatCount(rows.count)}</dd>
      </div>
      <div>
        <dt>Quality floor</dt>
        <dd>{formatDecimal(attribution.qualityFloor)}</dd>
      </div>
      <div>
        <dt>Holders</dt>
        <dd>{formatCount(attribution.holders)}</dd>
      </div>
      <div>
        <dt>Attribution (fetch / labels / compute)</dt>
        <dd>
          {formatPercent(attribution.weights.fetch, 0)} /{' '}
          {formatPercent(attribution.weights.labels, 0)} /{' '}
          {formatPercent(attribution.weights.compute, 0)}
        </dd>
      </div>
      <div>
        <dt>Total shares</dt>
        <dd>{formatTokenAmount(attribution.totalShares, 0)}</dd>
      </div>
      <div>
        <dt>Labels</dt>
        <dd>
          {manifest.labelSchema.kind}: {manifest.labelSchema.classes.join(', ')}
        </dd>
      </div>
      <div>
        <dt>Frozen</dt>
        <dd>{manifest.createdAt.replace('T', ' ').slice(0, 16)} UTC</dd>
      </div>
    </dl>
  );
}

/** The roots and files `plaza verify` checks, the shares root held against the chain's. */
function VersionRoots({ manifest, summary, manifestUrl }: Omit<VersionOverviewProps, 'now'>) {
  const { attribution, rows, shares } = manifest;
  const rootsMatch = summary ? summary.sharesRoot === shares.root.toLowerCase() : null;
  return (
    <details className="roots">
      <summary>
        Roots and files (for <code>plaza verify</code>)
      </summary>
      <dl className="facts">
        <div className="wide">
          <dt>Rows root</dt>
          <dd>
            <code className="hash">{rows.root}</code>
          </dd>
        </div>
        <div className="wide">
          <dt>Shares root</dt>
          <dd>
            <code className="hash">{shares.root}</code>
            {rootsMatch === null
              ? null
              : rootsMatch
                ? ' — matches the chain.'
                : ' — differs from the chain!'}
          </dd>
        </div>
        <div className="wide">
          <dt>Rounding remainder</dt>
          <dd>
            {formatTokenAmount(attribution.remainder, 0)} shares ({attribution.rounding})
          </dd>
        </div>
        <div className="wide">
          <dt>Manifest</dt>
          <dd>
            <a href={manifestUrl}>manifest.json</a> · rows: {rows.jsonl.name}, {rows.parquet.name}
          </dd>
        </div>
      </dl>
    </details>
  );
}
