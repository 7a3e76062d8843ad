import type { Campaign, CoordinatorClient, LabelerStats } from '@plaza/protocol';
import {
  type RefObject,
  useCallback,
  useMemo,
  useReducer,
  useRef,
  useSyncExternalStore,
} from 'react';
import type { KeyAction } from '../../lib/key-map.ts';
import { removeSpan } from '../../lib/label-value.ts';
import type { Outbox } from '../../lib/outbox.ts';
import { useTaskPrefetch } from './use-task-prefetch.ts';
import { useWorkspaceKeys, useWorkspaceRun } from './use-workspace-actions.ts';
import {
  type LatencyStart,
  useHistoryLoad,
  useItemLatency,
  useOutboxAnswers,
  useRevealTimeout,
} from './use-workspace-effects.ts';
import { initialWorkspaceState, type WorkspaceState, workspaceReducer } from './workspace-state.ts';
import { type WorkspaceView, workspaceView, workspaceViewKey } from './workspace-view.ts';

export type { WorkspaceView } from './workspace-view.ts';

/** The client methods the workspace uses (a fake in tests). */
export type WorkspaceClient = Pick<
  CoordinatorClient,
  'leaseTasks' | 'skipTask' | 'recentLabels' | 'labelerStats'
>;

/** Inputs of {@link useWorkspace}. */
export interface UseWorkspaceParams {
  client: WorkspaceClient;
  campaign: Campaign;
  outbox: Outbox;
  /** The session was refused: sign out. */
  onSessionInvalid?: () => void;
  /** How long a revealed pre-label stays highlighted. @default 6000 */
  revealMs?: number;
}

/** Reads the text selection of the span area, as character offsets. */
export interface TextSelectionSource {
  getSelection(): { start: number; end: number } | null;
  clearSelection(): void;
}

/** The workspace model the view renders. */
export interface WorkspaceModel {
  state: WorkspaceState;
  view: WorkspaceView;
  /** Labels waiting in the outbox. */
  pendingCount: number;
  pendingClientIds: ReadonlySet<string>;
  /** Gold accuracy to show with a pause. */
  pausedStats: LabelerStats | null;
  /** Performs an action; `key` and `startedAt` are given for keypresses (latency is measured). */
  run: (action: KeyAction, key?: string, startedAt?: number) => void;
  removeSpan: (index: number) => void;
  retryLease: () => void;
  spanSource: RefObject<TextSelectionSource | null>;
}

/**
 * The labeling workspace: keeps tasks prefetched, turns keys into labels sent through the outbox,
 * and records keypress-to-next-item latency. Nothing a key does waits on the network.
 */
export function useWorkspace(params: UseWorkspaceParams): WorkspaceModel {
  const { client, campaign, outbox, onSessionInvalid } = params;
  const revealMs = params.revealMs ?? 6000;
  const kind = campaign.labelSchema.kind;
  const [state, dispatch] = useReducer(workspaceReducer, initialWorkspaceState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const sessionInvalidRef = useRef(onSessionInvalid);
  sessionInvalidRef.current = onSessionInvalid;
  const spanSource = useRef<TextSelectionSource | null>(null);
  const shownAt = useRef(performance.now());
  const latencyStart = useRef<LatencyStart | null>(null);

  const entries = useSyncExternalStore(outbox.subscribe, outbox.entries, outbox.entries);
  const pendingClientIds = useMemo(
    () => new Set(entries.map((entry) => entry.label.clientId)),
    [entries],
  );
  const view = useMemo(
    () =>
      workspaceView({ editing: state.editing, history: state.history, queue: state.queue }, kind),
    [state.editing, state.history, state.queue, kind],
  );

  useItemLatency(workspaceViewKey(view), shownAt, latencyStart);
  useHistoryLoad(client, campaign.id, outbox, dispatch, sessionInvalidRef);
  useOutboxAnswers(outbox, dispatch);
  useRevealTimeout(state.reveal, revealMs, dispatch);
  const { pausedStats, retryLease } = useTaskPrefetch({
    client,
    campaignId: campaign.id,
    outbox,
    state,
    stateRef,
    dispatch,
    sessionInvalidRef,
  });
  const run = useWorkspaceRun({
    client,
    schema: campaign.labelSchema,
    outbox,
    dispatch,
    stateRef,
    sessionInvalidRef,
    spanSource,
    shownAt,
    latencyStart,
  });
  useWorkspaceKeys(campaign.labelSchema.classes.length, run);

  const removeSpanAt = useCallback((index: number) => {
    dispatch({ type: 'select', selection: removeSpan(stateRef.current.selection, index) });
  }, []);

  return {
    state,
    view,
    pendingCount: entries.length,
    pendingClientIds,
    pausedStats,
    run,
    removeSpan: removeSpanAt,
    retryLease,
    spanSource,
  };
}
