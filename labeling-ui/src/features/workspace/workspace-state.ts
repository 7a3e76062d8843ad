import type { LabelSchema, LabelTask, LabelValue, MyLabel, Prelabel } from '@plaza/protocol';
import { emptySelection, type Selection } from '../../lib/label-value.ts';
import type { OutboxEntry, OutboxLabel } from '../../lib/outbox.ts';
import {
  mergeHistory,
  onAccepted,
  onBack,
  onEdited,
  onEscape,
  onLeased,
  onRejected,
  onResult,
  onSkipped,
} from './workspace-transitions.ts';

export { HISTORY_SIZE, leaseExclusions } from './workspace-transitions.ts';

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

/** The workspace reducer (pure: ids, times and sends happen in the hook). */
export function workspaceReducer(state: WorkspaceState, action: WorkspaceAction): WorkspaceState {
  switch (action.type) {
    case 'leased':
      return onLeased(state, action);
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
    case 'accepted':
      return onAccepted(state, action);
    case 'edited':
      return onEdited(state, action);
    case 'back':
      return onBack(state);
    case 'escape':
      return onEscape(state);
    case 'skipped':
      return onSkipped(state, action);
    case 'result':
      return onResult(state, action);
    case 'rejected':
      return onRejected(state, action);
    case 'notice':
      return { ...state, notice: action.message };
    case 'toggle-help':
      return { ...state, helpOpen: !state.helpOpen };
    case 'clear-reveal':
      return { ...state, reveal: null };
  }
}
