import { formatUnixTime } from '../../lib/format.ts';
import type { VersionSummary } from '../../lib/group-versions.ts';

/** Props of {@link VersionStatus}. */
export interface VersionStatusProps {
  summary: Pick<VersionSummary, 'status' | 'activatesAt'>;
}

/** A version's lifecycle in words: active, pending with its activation time, or revoked. */
export function VersionStatus({ summary }: VersionStatusProps) {
  if (summary.status === 'active') return <span className="badge is-ok">Active</span>;
  if (summary.status === 'revoked') return <span className="badge is-danger">Revoked</span>;
  return (
    <span className="badge is-warn">
      Pending · activates after {formatUnixTime(summary.activatesAt)}
    </span>
  );
}
