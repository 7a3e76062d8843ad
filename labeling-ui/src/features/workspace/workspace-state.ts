import type { LabelSchema, LabelTask, LabelValue, MyLabel, Prelabel } from '@plaza/protocol';
import { emptySelection, type Selection, valueToSelection } from '../../lib/label-value.ts';
import type { OutboxEntry, OutboxLabel } from '../../lib/outbox.ts';
import { advanceQueue, mergeTasks } from '../../lib/task-queue.ts';

/** How many of the labeler's labels stay on hand for going back (the server keeps 10 editable). */
export const HISTORY_SIZE = 10;

/** One of the labeler's recent labels, editable with Backspace. */
export interface HistoryEntry {
  clientId: string;
  revision: number;
  itemId: number;
  title: string;
  text: string;
  url: string;
  value: LabelValue;
  /** The first answer: the one scored (an edit is recorded, but changes no score). */
  firstValue: LabelValue;
  /** The pre-label: as shown, or as revealed after a blind answer. */
  prelabel: Prelabel | null;
  /** The task was blind-first. */
  blind: boolean;
  prelabelShown: boolean;
  editable: boolean;
  /** The server refused this label (or, with `revision` > 0, an edit of it) for good. */
  rejected: { code: string; message: string; revision: number } | null;
}

/** The workspace: the queue, the labeler's history, and what is on screen. */
export interface WorkspaceState {
  /** `loading` until the first lease answers. */
  phase: 'loading' | 'ready' | 'paused';
  /** Leased tasks; the first is on screen unless an edit is. */
  queue: readonly LabelTask[];
  /** Newest first. */
  history: readonly HistoryEntry[];
  /** Index in `history` of the label being edited, or null. */
  editing: number | null;
  selection: Selection;
  /** Items labelled or skipped here: never queued again. */
  excluded: ReadonlySet<number>;
  paused: { code: string; message: string } | null;
  /** A short hint for the last keypress ("pick a class first"). */
  notice: string | null;
  /** Why leasing failed, while it does. */
  leaseError: string | null;
  helpOpen: boolean;
  /** The pre-label just revealed after a blind answer. */
  reveal: { itemId: number; title: string; prelabel: Prelabel } | null;
  /** Labels the server refused, newest first. */
  rejections: readonly { itemId: number; code: string; message: string }[];
}

/** Everything that changes the workspace. */
export type WorkspaceAction =
  | { type: 'leased'; tasks: readonly LabelTask[]; pending: ReadonlySet<number>; now: number }
  | { type: 'lease-failed'; message: string }
  | { type: 'paused'; code: string; message: string }
  | { type: 'history-loaded'; labels: readonly MyLabel[]; pending: readonly OutboxEntry[] }
  | { type: 'select'; selection: Selection }
  | { type: 'accepted'; task: LabelTask; label: OutboxLabel; now: number }
  | { type: 'edited'; label: OutboxLabel | null }
  | { type: 'back' }
  | { type: 'escape' }
  | { type: 'skipped'; itemId: number; now: number }
  | { type: 'result'; clientId: string; prelabel: Prelabel | null }
  | {
      type: 'rejected';
      clientId: string;
      itemId: number;
      revision: number;
      code: string;
      message: string;
    }
  | { type: 'notice'; message: string | null }
  | { type: 'toggle-help' }
  | { type: 'clear-reveal' };

/** The state before anything has loaded. */
export const initialWorkspaceState: WorkspaceState = {
  phase: 'loading',
  queue: [],
  history: [],
  editing: null,
  selection: emptySelection,
  excluded: new Set(),
  paused: null,
  notice: null,
  leaseError: null,
  helpOpen: false,
  reveal: null,
  rejections: [],
};

/** The pre-label to show with a task: none for blind tasks, nor one of another label kind. */
export function visiblePrelabel(task: LabelTask, kind: LabelSchema['kind']): Prelabel | null {
  if (task.blind || !task.prelabel) return null;
  return task.prelabel.value.kind === kind ? task.prelabel : null;
}

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

/** The workspace reducer (pure: ids, times and sends happen in the hook). */
export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'leased': {
      const exclude = leaseExclusions(state, action.pending);
      return {
        ...state,
        phase: state.phase === 'paused' ? 'paused' : 'ready',
        queue: mergeTasks(state.queue, action.tasks, exclude, action.now),
        leaseError: null,
      };
    }
    case 'lease-failed':
      return {
        ...state,
        phase: state.phase === 'loading' && state.queue.length > 0 ? 'ready' : state.phase,
        leaseError: action.message,
      };
    case 'paused':
      return { ...state, phase: 'paused', paused: { code: action.code, message: action.message } };
    case 'history-loaded':
      return { ...state, history: mergeHistory(state.history, action.labels, action.pending) };
    case 'select':
      return { ...state, selection: action.selection, notice: null };
    case 'accepted': {
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
    case 'edited': {
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
    case 'back': {
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
    case 'escape':
      if (state.helpOpen) return { ...state, helpOpen: false };
      if (state.editing === null) return { ...state, notice: null };
      return { ...state, editing: null, selection: emptySelection, notice: null };
    case 'skipped':
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
    case 'result': {
      const entry = state.history.find((e) => e.clientId === action.clientId);
      if (!entry?.blind || !action.prelabel) return state;
      const prelabel = action.prelabel;
      return {
        ...state,
        history: state.history.map((e) => (e === entry ? { ...e, prelabel } : e)),
        reveal: { itemId: entry.itemId, title: entry.title, prelabel },
      };
    }
    case 'rejected': {
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
    case 'notice':
      return { ...state, notice: action.message };
    case 'toggle-help':
      return { ...state, helpOpen: !state.helpOpen };
    case 'clear-reveal':
      return { ...state, reveal: null };
  }
}

/**
 * Combines labels made here with the server's recent labels (newest first). A label still in the
 * outbox with a newer revision wins over the server's copy.
 */
function mergeHistory(
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
