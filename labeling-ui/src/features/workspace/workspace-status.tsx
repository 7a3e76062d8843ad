import type { WorkspaceState } from './workspace-state.ts';

/** Props of {@link WorkspaceStatus}. */
export interface WorkspaceStatusProps {
  pendingCount: number;
  notice: string | null;
  leaseError: string | null;
  rejections: WorkspaceState['rejections'];
  onRetryLease: () => void;
}

/** Unsent labels, hints, lease trouble and refused labels. */
export function WorkspaceStatus(props: WorkspaceStatusProps) {
  const { pendingCount, notice, leaseError, rejections } = props;
  return (
    <div className="workspace-status">
      <p className="outbox" role="status">
        Unsent labels: <span data-testid="outbox-pending">{pendingCount}</span>
        {pendingCount > 0 ? <span className="muted"> (sent in the background)</span> : null}
      </p>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {leaseError ? (
        <p className="error" role="alert">
          Could not get new tasks: {leaseError}{' '}
          <button type="button" className="link-button" onClick={props.onRetryLease}>
            Try again
          </button>
        </p>
      ) : null}
      {rejections.length > 0 ? (
        <div className="error" role="alert">
          <p>The server refused some labels; they were not saved:</p>
          <ul>
            {rejections.map((rejection, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a short, append-only list.
              <li key={index}>
                Item {rejection.itemId}: {rejection.message} ({rejection.code})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
