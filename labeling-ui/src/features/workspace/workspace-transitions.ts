import type { MyLabel } from '@plaza/protocol';
import { emptySelection, valueToSelection } from '../../lib/label-value.ts';
import type { OutboxEntry } from '../../lib/outbox.ts';
import { advanceQueue, mergeTasks } from '../../lib/task-queue.ts';
import type { HistoryEntry, WorkspaceAction, WorkspaceState } from './workspace-state.ts';

/** The action of one type. */
type Action<T extends WorkspaceAction['type']> = Extract<WorkspaceAction, { type: T }>;

/** How many of the labeler's labels stay on hand for going back (the server keeps 10 editable). */
export const HISTORY_SIZE = 10;

/**
 * Items a lease answer must not queue: labelled or skipped here, in the history, or waiting in the
 * outbox (the server may hand those back as open leases until their label lands).
 */
export function leaseExclusions(
  state: WorkspaceState,
  pending: ReadonlySet<number>,
): ReadonlySet<number> {
  return new Set([...state.excluded, ...pending, ...state.history.map((entry) => entry.itemId)]);
}

/** New tasks join the queue, less those already labelled, skipped, in the history or waiting. */
export function onLeased(state: WorkspaceState, action: Action<'leased'>): WorkspaceState {
  const exclude = leaseExclusions(state, action.pending);
  return {
    ...state,
    phase: state.phase === 'paused' ? 'paused' : 'ready',
    queue: mergeTasks(state.queue, action.tasks, exclude, action.now),
    leaseError: null,
  };
}

/** The task on screen was labelled: it joins the history, and the next task is shown. */
export function onAccepted(state: WorkspaceState, action: Action<'accepted'>): WorkspaceState {
  const { task, label } = action;
  const entry: HistoryEntry = {
    clientId: label.clientId,
    revision: label.revision,
    itemId: task.itemId,
    title: task.title,
    text: task.text,
    url: task.url,
    value: label.value,
    firstValue: label.value,
    prelabel: task.blind ? null : task.prelabel,
    blind: task.blind,
    prelabelShown: label.prelabelShown,
    editable: true,
    rejected: null,
  };
  return {
    ...state,
    queue: advanceQueue(state.queue, action.now),
    history: [entry, ...state.history].slice(0, HISTORY_SIZE),
    excluded: new Set([...state.excluded, task.itemId]),
    selection: emptySelection,
    notice: null,
  };
}

/** An edit was saved (or left as it was): the next newer label is edited, or the queue is back. */
export function onEdited(state: WorkspaceState, action: Action<'edited'>): WorkspaceState {
  if (state.editing === null) return state;
  const { label } = action;
  const history = label
    ? state.history.map((entry) =>
        entry.clientId === label.clientId
          ? { ...entry, value: label.value, revision: label.revision }
          : entry,
      )
    : state.history;
  const next = state.editing - 1;
  const nextEntry = next >= 0 ? history[next] : undefined;
  return {
    ...state,
    history,
    editing: nextEntry ? next : null,
    selection: nextEntry ? valueToSelection(nextEntry.value) : emptySelection,
    notice: null,
  };
}

/** Backspace: edit the next older label, or say why it cannot be. */
export function onBack(state: WorkspaceState): WorkspaceState {
  const next = state.editing === null ? 0 : state.editing + 1;
  const entry = state.history[next];
  if (!entry) {
    const notice =
      state.history.length === 0
        ? 'There is no earlier label to go back to.'
        : `Only your last ${state.history.length} labels can be edited here.`;
    return { ...state, notice };
  }
  if (!entry.editable || entry.rejected) {
    return { ...state, notice: `Your label of “${entry.title}” can no longer be edited.` };
  }
  return { ...state, editing: next, selection: valueToSelection(entry.value), notice: null };
}

/** Escape: close the help, else leave the edit, else clear the notice. */
export function onEscape(state: WorkspaceState): WorkspaceState {
  if (state.helpOpen) return { ...state, helpOpen: false };
  if (state.editing === null) return { ...state, notice: null };
  return { ...state, editing: null, selection: emptySelection, notice: null };
}

/** A task was skipped: it leaves the queue and is never queued again here. */
export function onSkipped(state: WorkspaceState, action: Action<'skipped'>): WorkspaceState {
  return {
    ...state,
    queue:
      state.queue[0]?.itemId === action.itemId
        ? advanceQueue(state.queue, action.now)
        : state.queue.filter((task) => task.itemId !== action.itemId),
    excluded: new Set([...state.excluded, action.itemId]),
    selection: emptySelection,
    notice: null,
  };
}

/** The server stored a label: a blind task's pre-label is revealed. */
export function onResult(state: WorkspaceState, action: Action<'result'>): WorkspaceState {
  const entry = state.history.find((e) => e.clientId === action.clientId);
  if (!entry?.blind || !action.prelabel) return state;
  const prelabel = action.prelabel;
  return {
    ...state,
    history: state.history.map((e) => (e === entry ? { ...e, prelabel } : e)),
    reveal: { itemId: entry.itemId, title: entry.title, prelabel },
  };
}

/** The server refused a label for good: it is marked, listed, and a pause stops the workspace. */
export function onRejected(state: WorkspaceState, action: Action<'rejected'>): WorkspaceState {
  const { code, message, revision } = action;
  // Paused while labels were on their way: stop here, as a refused lease would.
  const paused = code === 'LABELER_PAUSED' ? { code, message } : state.paused;
  return {
    ...state,
    phase: paused ? 'paused' : state.phase,
    paused,
    history: state.history.map((e) =>
      e.clientId === action.clientId
        ? { ...e, rejected: { code, message, revision }, editable: false }
        : e,
    ),
    rejections: [{ itemId: action.itemId, code, message }, ...state.rejections].slice(0, 5),
  };
}

/**
 * Combines labels made here with the server's recent labels (newest first). A label still in the
 * outbox with a newer revision wins over the server's copy.
 */
export function mergeHistory(
  local: readonly HistoryEntry[],
  server: readonly MyLabel[],
  pending: readonly OutboxEntry[],
): HistoryEntry[] {
  const localIds = new Set(local.map((entry) => entry.clientId));
  const fromServer = server
    .filter((label) => !localIds.has(label.clientId))
    .map((label): HistoryEntry => {
      const waiting = pending.find((entry) => entry.label.clientId === label.clientId);
      const newer = waiting && waiting.label.revision > label.revision ? waiting.label : null;
      return {
        clientId: label.clientId,
        revision: newer ? newer.revision : label.revision,
        itemId: label.itemId,
        title: label.title,
        text: label.text,
        url: '',
        value: newer ? newer.value : label.value,
        firstValue: label.firstValue,
        prelabel: label.prelabel,
        blind: label.blind,
        prelabelShown: newer ? newer.prelabelShown : label.prelabelShown,
        editable: label.editable,
        rejected: null,
      };
    });
  return [...local, ...fromServer].slice(0, HISTORY_SIZE);
}
