import type { Campaign } from '@plaza/protocol';
import { type ActionDispatch, type RefObject, useCallback, useEffect, useRef } from 'react';
import { formatError, isSessionError } from '../../lib/describe-error.ts';
import { type KeyAction, keyToAction, shouldLeaveKeyToTarget } from '../../lib/key-map.ts';
import { addSpan, pickClass } from '../../lib/label-value.ts';
import type { Outbox } from '../../lib/outbox.ts';
import { randomUuid } from '../../lib/random-uuid.ts';
import { planAccept } from './plan-accept.ts';
import type { TextSelectionSource, WorkspaceClient } from './use-workspace.ts';
import type { LatencyStart } from './use-workspace-effects.ts';
import type { WorkspaceAction, WorkspaceState } from './workspace-state.ts';

type Dispatch = ActionDispatch<[WorkspaceAction]>;

/** What the workspace's actions read and write. */
export interface WorkspaceActionsParams {
  client: Pick<WorkspaceClient, 'skipTask'>;
  schema: Campaign['labelSchema'];
  outbox: Outbox;
  dispatch: Dispatch;
  stateRef: RefObject<WorkspaceState>;
  sessionInvalidRef: RefObject<(() => void) | undefined>;
  spanSource: RefObject<TextSelectionSource | null>;
  shownAt: RefObject<number>;
  latencyStart: RefObject<LatencyStart | null>;
}

/** A class key: picks the class, or for spans, labels the selected text with it. */
function selectClass(p: WorkspaceActionsParams, current: WorkspaceState, index: number): void {
  const { kind, classes } = p.schema;
  if (index >= classes.length) return;
  if (kind !== 'spans') {
    p.dispatch({ type: 'select', selection: pickClass(current.selection, kind, index) });
    return;
  }
  const range = p.spanSource.current?.getSelection() ?? null;
  if (!range) {
    p.dispatch({ type: 'notice', message: 'Select some text first, then press its class.' });
    return;
  }
  p.spanSource.current?.clearSelection();
  p.dispatch({
    type: 'select',
    selection: addSpan(current.selection, { ...range, class: index }),
  });
}

/** Skips the current task at once and tells the coordinator in the background. */
function skipCurrent(p: WorkspaceActionsParams, current: WorkspaceState): void {
  const task = current.queue[0];
  if (current.editing !== null || !task) return;
  p.dispatch({ type: 'skipped', itemId: task.itemId, now: Date.now() });
  p.client.skipTask(task.itemId).catch((error: unknown) => {
    if (isSessionError(error)) p.sessionInvalidRef.current?.();
    else
      p.dispatch({
        type: 'notice',
        message: `Skipping “${task.title}” did not reach the server: ${formatError(error)}`,
      });
  });
}

/** Enter: the label (or edit) goes to the outbox and the next item is shown, without waiting. */
function acceptCurrent(
  p: WorkspaceActionsParams,
  current: WorkspaceState,
  key: string,
  startedAt: number,
): void {
  const plan = planAccept(current, {
    schema: p.schema,
    durationMs: performance.now() - p.shownAt.current,
    newClientId: randomUuid,
  });
  if (plan.type === 'nothing') return;
  if (plan.type === 'notice') {
    p.dispatch({ type: 'notice', message: plan.message });
    return;
  }
  if (plan.label) p.outbox.enqueue(plan.label);
  // Only keypresses are measured (the benchmark drives the keyboard).
  if (key) p.latencyStart.current = { key, at: startedAt };
  if (plan.type === 'edit') p.dispatch({ type: 'edited', label: plan.label });
  else p.dispatch({ type: 'accepted', task: plan.task, label: plan.label, now: Date.now() });
}

/** Performs one action on the latest state; `key` and `startedAt` are given for keypresses. */
function runAction(
  p: WorkspaceActionsParams,
  action: KeyAction,
  key: string,
  startedAt: number,
): void {
  const current = p.stateRef.current;
  switch (action.type) {
    case 'class':
      selectClass(p, current, action.index);
      return;
    case 'accept':
      acceptCurrent(p, current, key, startedAt);
      return;
    case 'back':
      p.dispatch({ type: 'back' });
      return;
    case 'skip':
      skipCurrent(p, current);
      return;
    case 'help':
      p.dispatch({ type: 'toggle-help' });
      return;
    case 'escape':
      p.dispatch({ type: 'escape' });
      return;
  }
}

/**
 * The workspace's `run`: an action from a key or a button, performed on the latest state with
 * the latest params (so `run` itself never changes).
 */
export function useWorkspaceRun(
  params: WorkspaceActionsParams,
): (action: KeyAction, key?: string, startedAt?: number) => void {
  const latest = useRef(params);
  latest.current = params;
  return useCallback(
    (action: KeyAction, key = '', startedAt = performance.now()) =>
      runAction(latest.current, action, key, startedAt),
    [],
  );
}

/** Keys: one listener on the window, so that the keys work wherever focus is in the page. */
export function useWorkspaceKeys(
  classCount: number,
  run: (action: KeyAction, key?: string, startedAt?: number) => void,
): void {
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
}
