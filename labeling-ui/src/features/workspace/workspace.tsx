import type { Campaign } from '@plaza/protocol';
import { formatPercent } from '../../lib/format.ts';
import { describeValue } from '../../lib/label-value.ts';
import type { Outbox } from '../../lib/outbox.ts';
import { HistoryList } from './history-list.tsx';
import { ItemPanel } from './item-panel.tsx';
import { KeyHelp } from './key-help.tsx';
import { PausedNotice } from './paused-notice.tsx';
import { describePrelabelSource } from './prelabel-note.tsx';
import { useWorkspace, type WorkspaceClient } from './use-workspace.ts';
import { WorkspaceStatus } from './workspace-status.tsx';

/** Props of {@link Workspace}. */
export interface WorkspaceProps {
  client: WorkspaceClient;
  campaign: Campaign;
  outbox: Outbox;
  /** The coordinator refused the session. */
  onSessionInvalid?: () => void;
}

/** The keyboard-first labeling workspace of one campaign. */
export function Workspace({ client, campaign, outbox, onSessionInvalid }: WorkspaceProps) {
  const model = useWorkspace({
    client,
    campaign,
    outbox,
    ...(onSessionInvalid ? { onSessionInvalid } : {}),
  });
  const { state, view, run } = model;
  const schema = campaign.labelSchema;
  return (
    <div className="workspace">
      <WorkspaceStatus
        pendingCount={model.pendingCount}
        notice={state.notice}
        leaseError={state.leaseError}
        rejections={state.rejections}
        onRetryLease={model.retryLease}
      />
      {state.reveal ? (
        <p className="reveal" role="status">
          Pre-label of “{state.reveal.title}” was{' '}
          <strong>{describeValue(state.reveal.prelabel.value, schema.classes)}</strong> (
          {formatPercent(state.reveal.prelabel.confidence, 0)},{' '}
          {describePrelabelSource(state.reveal.prelabel.source)}).
        </p>
      ) : null}
      {state.paused && view.kind !== 'edit' ? (
        <PausedNotice message={state.paused.message} stats={model.pausedStats} />
      ) : view.kind === 'empty' ? (
        state.phase === 'loading' ? (
          <p className="loading" role="status">
            Loading tasks…
          </p>
        ) : (
          <div className="no-tasks" data-testid="no-tasks" role="status">
            <p>No tasks right now. New ones are checked for automatically.</p>
            <button type="button" onClick={model.retryLease}>
              Check now
            </button>
          </div>
        )
      ) : (
        <ItemPanel
          item={view.kind === 'task' ? view.task : view.entry}
          schema={schema}
          selection={state.selection}
          prelabel={view.kind === 'task' ? view.prelabel : null}
          blind={view.kind === 'task' && view.task.blind}
          editing={view.kind === 'edit' ? { revision: view.entry.revision } : null}
          spanSource={model.spanSource}
          onPick={(index) => run({ type: 'class', index })}
          onAccept={() => run({ type: 'accept' })}
          onBack={() => run({ type: 'back' })}
          onSkip={() => run({ type: 'skip' })}
          onEscape={() => run({ type: 'escape' })}
          onHelp={() => run({ type: 'help' })}
          onRemoveSpan={model.removeSpan}
        />
      )}
      {state.helpOpen ? <KeyHelp onClose={() => run({ type: 'help' })} /> : null}
      <HistoryList
        history={state.history}
        schema={schema}
        pendingClientIds={model.pendingClientIds}
        editing={state.editing}
        revealedItemId={state.reveal?.itemId ?? null}
      />
    </div>
  );
}
