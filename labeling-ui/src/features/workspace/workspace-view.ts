import type { LabelSchema, LabelTask, Prelabel } from '@plaza/protocol';
import { type HistoryEntry, visiblePrelabel, type WorkspaceState } from './workspace-state.ts';

/** What is on screen: a leased task, or one of the labeler's own labels being edited. */
export type WorkspaceView =
  | { kind: 'task'; task: LabelTask; prelabel: Prelabel | null }
  | { kind: 'edit'; entry: HistoryEntry; index: number }
  | { kind: 'empty' };

/** What the state puts on screen: the label being edited, else the first queued task. */
export function workspaceView(
  state: Pick<WorkspaceState, 'editing' | 'history' | 'queue'>,
  kind: LabelSchema['kind'],
): WorkspaceView {
  if (state.editing !== null) {
    const entry = state.history[state.editing];
    if (entry) return { kind: 'edit', entry, index: state.editing };
  }
  const task = state.queue[0];
  return task ? { kind: 'task', task, prelabel: visiblePrelabel(task, kind) } : { kind: 'empty' };
}

/** A key that changes exactly when another item is on screen. */
export function workspaceViewKey(view: WorkspaceView): string {
  return view.kind === 'task'
    ? `task:${view.task.itemId}`
    : view.kind === 'edit'
      ? `edit:${view.entry.clientId}`
      : 'empty';
}
