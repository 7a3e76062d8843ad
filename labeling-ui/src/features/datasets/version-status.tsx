import { formatDuration, formatUnixTime } from '../../lib/format.ts';
import { isVersionOpen, type VersionSummary } from '../../lib/group-versions.ts';

/** Props of {@link VersionStatus}. */
export interface VersionStatusProps {
  summary: Pick<VersionSummary, 'status' | 'activatesAt'>;
  /** The chain's time (unix seconds). */
  now: number;
}

/**
 * A version's lifecycle in words: open, in its timelock (when it opens; the guardian may revoke it
 * until then), or revoked.
 */
export function VersionStatus({ summary, now }: VersionStatusProps) {
  if (summary.status === 'revoked') return <span className="badge is-danger">Revoked</span>;
  if (isVersionOpen(summary, now)) {
    return (
      <span className="badge is-ok" data-testid="version-status" data-status="open">
        Open
      </span>
    );
  }
  return (
    <span className="badge is-warn" data-testid="version-status" data-status="timelock">
      Timelock · opens {formatUnixTime(summary.activatesAt)} (in{' '}
      {formatDuration(summary.activatesAt - now)}); the guardian may revoke it until then
    </span>
  );
}
