import type {
  Campaign,
  CoordinatorClient,
  LabelerStats,
  LabelTask,
  Prelabel,
} from '@plaza/protocol';
import {
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useSyncExternalStore,
} from 'react';
import { formatError, isSessionError } from '../../lib/describe-error.ts';
import { type KeyAction, keyToAction, shouldLeaveKeyToTarget } from '../../lib/key-map.ts';
import { addSpan, pickClass, removeSpan } from '../../lib/label-value.ts';
import { recordLatency } from '../../lib/latency.ts';
import type { Outbox } from '../../lib/outbox.ts';
import { randomUuid } from '../../lib/random-uuid.ts';
import { planAccept } from './plan-accept.ts';
import { useTaskPrefetch } from './use-task-prefetch.ts';
import {
  type HistoryEntry,
  initialWorkspaceState,
  visiblePrelabel,
  type WorkspaceState,
  workspaceReducer,
} from './workspace-state.ts';

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

/** What is on screen: a leased task, or one of the labeler's own labels being edited. */
export type WorkspaceView =
  | { kind: 'task'; task: LabelTask; prelabel: Prelabel | null }
  | { kind: 'edit'; entry: HistoryEntry; index: number }
  | { kind: 'empty' };

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
  const classCount = campaign.labelSchema.classes.length;
  const [state, dispatch] = useReducer(workspaceReducer, initialWorkspaceState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const sessionInvalidRef = useRef(onSessionInvalid);
  sessionInvalidRef.current = onSessionInvalid;
  const spanSource = useRef<TextSelectionSource | null>(null);
  const shownAt = useRef(performance.now());
  const latencyStart = useRef<{ key: string; at: number } | null>(null);

  const entries = useSyncExternalStore(outbox.subscribe, outbox.entries, outbox.entries);
  const pendingClientIds = useMemo(
    () => new Set(entries.map((entry) => entry.label.clientId)),
    [entries],
  );

  const view = useMemo((): WorkspaceView => {
    if (state.editing !== null) {
      const entry = state.history[state.editing];
      if (entry) return { kind: 'edit', entry, index: state.editing };
    }
    const task = state.queue[0];
    return task ? { kind: 'task', task, prelabel: visiblePrelabel(task, kind) } : { kind: 'empty' };
  }, [state.editing, state.history, state.queue, kind]);
  const viewKey =
    view.kind === 'task'
      ? `task:${view.task.itemId}`
      : view.kind === 'edit'
        ? `edit:${view.entry.clientId}`
        : 'empty';

  // The new item is in the DOM now; the frame after it is painted is what the labeler sees.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when another item is on screen.
  useLayoutEffect(() => {
    shownAt.current = performance.now();
    const start = latencyStart.current;
    if (!start) return;
    latencyStart.current = null;
    requestAnimationFrame(() => {
      recordLatency({ key: start.key, ms: performance.now() - start.at });
    });
  }, [viewKey]);

  // On load: send what a previous visit left, then fetch the history for Backspace.
  useEffect(() => {
    let alive = true;
    void (async () => {
      await outbox.flush().catch(() => undefined);
      try {
        const { labels } = await client.recentLabels(campaign.id);
        if (!alive) return;
        const own = labels.filter((label) => label.campaignId === campaign.id);
        dispatch({ type: 'history-loaded', labels: own, pending: outbox.entries() });
      } catch (error) {
        if (alive && isSessionError(error)) sessionInvalidRef.current?.();
      }
    })();
    return () => {
      alive = false;
    };
  }, [client, campaign.id, outbox]);

  useEffect(
    () =>
      outbox.onEvent((event) => {
        if (event.type === 'result') {
          dispatch({
            type: 'result',
            clientId: event.label.clientId,
            prelabel: event.result.prelabel,
          });
        } else if (event.type === 'rejected') {
          dispatch({
            type: 'rejected',
            clientId: event.label.clientId,
            itemId: event.label.itemId,
            revision: event.label.revision,
            code: event.error.code,
            message: event.error.message,
          });
        }
      }),
    [outbox],
  );

  useEffect(() => {
    if (!state.reveal) return;
    const id = setTimeout(() => dispatch({ type: 'clear-reveal' }), revealMs);
    return () => clearTimeout(id);
  }, [state.reveal, revealMs]);

  const { pausedStats, retryLease } = useTaskPrefetch({
    client,
    campaignId: campaign.id,
    outbox,
    state,
    stateRef,
    dispatch,
    sessionInvalidRef,
  });

  const run = useCallback(
    (action: KeyAction, key = '', startedAt = performance.now()) => {
      const current = stateRef.current;
      switch (action.type) {
        case 'class': {
          if (action.index >= classCount) return;
          if (kind !== 'spans') {
            dispatch({
              type: 'select',
              selection: pickClass(current.selection, kind, action.index),
            });
            return;
          }
          const range = spanSource.current?.getSelection() ?? null;
          if (!range) {
            dispatch({ type: 'notice', message: 'Select some text first, then press its class.' });
            return;
          }
          spanSource.current?.clearSelection();
          dispatch({
            type: 'select',
            selection: addSpan(current.selection, { ...range, class: action.index }),
          });
          return;
        }
        case 'accept':
          accept(current);
          return;
        case 'back':
          dispatch({ type: 'back' });
          return;
        case 'skip': {
          const task = current.queue[0];
          if (current.editing !== null || !task) return;
          dispatch({ type: 'skipped', itemId: task.itemId, now: Date.now() });
          client.skipTask(task.itemId).catch((error: unknown) => {
            if (isSessionError(error)) sessionInvalidRef.current?.();
            else
              dispatch({
                type: 'notice',
                message: `Skipping “${task.title}” did not reach the server: ${formatError(error)}`,
              });
          });
          return;
        }
        case 'help':
          dispatch({ type: 'toggle-help' });
          return;
        case 'escape':
          dispatch({ type: 'escape' });
          return;
      }

      function accept(s: WorkspaceState): void {
        const plan = planAccept(s, {
          schema: campaign.labelSchema,
          durationMs: performance.now() - shownAt.current,
          newClientId: randomUuid,
        });
        if (plan.type === 'nothing') return;
        if (plan.type === 'notice') {
          dispatch({ type: 'notice', message: plan.message });
          return;
        }
        if (plan.label) outbox.enqueue(plan.label);
        // Only keypresses are measured (the benchmark drives the keyboard).
        if (key) latencyStart.current = { key, at: startedAt };
        if (plan.type === 'edit') dispatch({ type: 'edited', label: plan.label });
        else dispatch({ type: 'accepted', task: plan.task, label: plan.label, now: Date.now() });
      }
    },
    [campaign.labelSchema, classCount, client, kind, outbox],
  );

  // Keys: one listener on the window, so that the keys work wherever focus is in the page.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      const startedAt = performance.now();
      if (event.defaultPrevented || event.isComposing) return;
      if (shouldLeaveKeyToTarget(event.target, event.key)) return;
      const action = keyToAction(event, classCount);
      if (!action) return;
      event.preventDefault();
      // Holding a key down must not accept or skip a run of items.
      if (event.repeat && action.type !== 'class') return;
      run(action, event.key, startedAt);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [classCount, run]);

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
