import type { LabelerReport, LabelerStats } from '@plaza/protocol';
import { formatCount, formatDecimal, formatPercent, formatUnixTime } from '../../lib/format.ts';
import { describeGoldAccuracy } from '../../lib/gold-accuracy.ts';

/** Props of {@link LabelerStatsView}. */
export interface LabelerStatsViewProps {
  stats: LabelerStats;
}

/**
 * The labeler's own numbers for one campaign. Label counts are live; gold accuracy, agreement,
 * posterior and pending share are reported once per batch of labels, so no single answer's result
 * shows (it would give gold items away).
 */
export function LabelerStatsView({ stats }: LabelerStatsViewProps) {
  const paused = stats.status === 'paused';
  return (
    <div className="labeler-stats">
      {paused ? (
        <div className="paused-notice" role="alert">
          <h2>Labeling is paused for you</h2>
          <p>
            {stats.pausedReason
              ? `${stats.pausedReason.message} (${stats.pausedReason.code})`
              : 'No reason was given.'}
          </p>
        </div>
      ) : null}
      <dl className="stat-grid">
        <div>
          <dt>Status</dt>
          <dd>{paused ? 'Paused' : 'Active'}</dd>
        </div>
        <div>
          <dt>Labels today</dt>
          <dd>{formatCount(stats.labelsToday)}</dd>
        </div>
        <div>
          <dt>Labels in total</dt>
          <dd>{formatCount(stats.labelsTotal)}</dd>
        </div>
        <div className="wide">
          <dt>Quality figures</dt>
          <dd data-testid="report-note">{describeReport(stats.report)}</dd>
        </div>
        <div className="wide">
          <dt>Gold accuracy</dt>
          <dd>
            {describeGoldAccuracy(stats.gold)}
            <span className="muted"> · pause under {formatPercent(stats.gold.threshold, 0)}</span>
          </dd>
        </div>
        <div>
          <dt>Agreement with the aggregate</dt>
          <dd>{formatPercent(stats.agreement)}</dd>
        </div>
        <div>
          <dt>Mean posterior (Dawid–Skene)</dt>
          <dd>{formatDecimal(stats.meanPosterior)}</dd>
        </div>
        <div>
          <dt>Pending share of the labels part</dt>
          <dd>{formatPercent(stats.pendingShare, 2)}</dd>
        </div>
      </dl>
    </div>
  );
}

/** When the quality figures below were reported, and when the next report comes. */
export function describeReport(report: LabelerReport): string {
  const next = `${report.nextIn} more ${report.nextIn === 1 ? 'label' : 'labels'}`;
  const every = `they are reported once every ${report.batch} labels, never per answer`;
  return report.reportedAt === null
    ? `Not reported yet: the first report comes after ${next} (${every}).`
    : `As of ${formatUnixTime(Date.parse(report.reportedAt) / 1000)}; the next report comes after ${next} (${every}).`;
}
