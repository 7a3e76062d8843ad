import type { LabelSchema, LabelTask } from '@plaza/protocol';
import { isSameValue, isSelectionEmpty, selectionToValue } from '../../lib/label-value.ts';
import type { OutboxLabel } from '../../lib/outbox.ts';
import { visiblePrelabel, type WorkspaceState } from './workspace-state.ts';

/** What Enter does in the current state. */
export type AcceptPlan =
  /** A new label for the task on screen. */
  | { type: 'accept'; task: LabelTask; label: OutboxLabel }
  /** Leave the label being edited; `label` is the resubmission, null when nothing changed. */
  | { type: 'edit'; label: OutboxLabel | null }
  /** Not an answer yet: tell the labeler why. */
  | { type: 'notice'; message: string }
  | { type: 'nothing' };

/** What {@link planAccept} needs besides the state. */
export interface PlanAcceptParams {
  schema: LabelSchema;
  /** Milliseconds the item has been on screen. */
  durationMs: number;
  /** A fresh client id (only used for a new label). */
  newClientId: () => string;
}

/** The longest `durationMs` the protocol takes. */
const MAX_DURATION_MS = 24 * 3600_000;

/**
 * Decides what Enter does: submit the selection (or, with nothing picked, the pre-label on
 * screen); resubmit an edited label with the same `clientId` and `revision + 1` when its value
 * changed; or explain why there is nothing to submit.
 */
export function planAccept(state: WorkspaceState, params: PlanAcceptParams): AcceptPlan {
  const { schema } = params;
  const durationMs = Math.min(MAX_DURATION_MS, Math.max(0, Math.round(params.durationMs)));
  if (state.editing !== null) {
    const entry = state.history[state.editing];
    if (!entry) return { type: 'nothing' };
    const value = selectionToValue(state.selection, schema.kind) ?? entry.value;
    if (isSameValue(value, entry.value)) return { type: 'edit', label: null };
    return {
      type: 'edit',
      label: {
        clientId: entry.clientId,
        revision: entry.revision + 1,
        itemId: entry.itemId,
        value,
        durationMs,
        prelabelShown: entry.prelabelShown,
      },
    };
  }
  const task = state.queue[0];
  if (!task) return { type: 'nothing' };
  const prelabel = visiblePrelabel(task, schema.kind);
  const value =
    isSelectionEmpty(state.selection) && prelabel
      ? prelabel.value
      : selectionToValue(state.selection, schema.kind);
  if (!value) {
    const count = schema.classes.length;
    const keys = count > 1 ? `1–${Math.min(count, 9)}` : '1';
    return { type: 'notice', message: `Pick a class first (keys ${keys}).` };
  }
  return {
    type: 'accept',
    task,
    label: {
      clientId: params.newClientId(),
      revision: 0,
      itemId: task.itemId,
      value,
      durationMs,
      prelabelShown: prelabel !== null,
    },
  };
}
