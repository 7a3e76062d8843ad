import type { LabelerStats } from '@plaza/protocol';
import { formatPercent } from '../../lib/format.ts';
import { describeGoldAccuracy } from '../../lib/gold-accuracy.ts';

/** Props of {@link PausedNotice}. */
export interface PausedNoticeProps {
  message: string;
  stats: LabelerStats | null;
}

/** Why the labeler may not label this campaign now, with their gold accuracy. */
export function PausedNotice({ message, stats }: PausedNoticeProps) {
  const reason = stats?.pausedReason?.message ?? message;
  return (
    <div className="paused-notice" role="alert" data-testid="paused">
      <h2>Labeling is paused for you</h2>
      <p>{reason}</p>
      {stats ? (
        <p>
          Gold accuracy: {describeGoldAccuracy(stats.gold)}. The campaign asks for at least{' '}
          {formatPercent(stats.gold.threshold, 0)}.
        </p>
      ) : (
        <p className="muted">Loading your gold accuracy…</p>
      )}
    </div>
  );
}
