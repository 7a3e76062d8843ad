import type { Campaign, LabelValue, ReviewItem } from '@plaza/protocol';
import {
  type Dispatch,
  type SetStateAction,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { formatError, isSessionError } from '../../lib/describe-error.ts';
import { keyToAction, shouldLeaveKeyToTarget } from '../../lib/key-map.ts';
import {
  describeValue,
  emptySelection,
  isSelectionEmpty,
  pickClass,
  type Selection,
  selectionToValue,
} from '../../lib/label-value.ts';
import type { ReviewClient } from './review-queue.tsx';

/** What {@link useReviewQueue} gives the page. */
export interface ReviewQueueState {
  items: readonly ReviewItem[] | null;
  item: ReviewItem | null;
  index: number;
  selection: Selection;
  error: string | null;
  notice: string | null;
  busy: boolean;
  setSelection: Dispatch<SetStateAction<Selection>>;
  /** Loads the queue again. */
  reload: () => void;
  /** Moves to the next item and clears the selection. */
  next: () => void;
  resolve: (target: ReviewItem, value: LabelValue) => Promise<void>;
}

/** The value Enter resolves with: the selection, or with nothing picked, the aggregate. */
export function chosenValue(
  item: ReviewItem,
  selection: Selection,
  kind: Campaign['labelSchema']['kind'],
): LabelValue | null {
  return isSelectionEmpty(selection) ? item.aggregate.value : selectionToValue(selection, kind);
}

/** The review queue's state: loading, the current item and selection, resolving, the keys. */
export function useReviewQueue(
  client: ReviewClient,
  campaign: Campaign,
  onSessionInvalid?: () => void,
): ReviewQueueState {
  const schema = campaign.labelSchema;
  const [items, setItems] = useState<readonly ReviewItem[] | null>(null);
  const [index, setIndex] = useState(0);
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick reloads on purpose.
  useEffect(() => {
    let alive = true;
    setItems(null);
    client.reviewItems(campaign.id, 20).then(
      (answer) => {
        if (!alive) return;
        setItems(answer.items);
        setIndex(0);
        setSelection(emptySelection);
        setError(null);
      },
      (failure: unknown) => {
        if (!alive) return;
        if (isSessionError(failure)) onSessionInvalid?.();
        setError(formatError(failure));
      },
    );
    return () => {
      alive = false;
    };
  }, [client, campaign.id, tick, onSessionInvalid]);

  const item = items?.[index] ?? null;

  const resolve = useCallback(
    async (target: ReviewItem, value: LabelValue) => {
      setBusy(true);
      setNotice(null);
      try {
        await client.resolveReview(target.itemId, value);
        setItems((current) => current?.filter((other) => other.itemId !== target.itemId) ?? null);
        setSelection(emptySelection);
        setNotice(`Resolved “${target.title}” as ${describeValue(value, schema.classes)}.`);
      } catch (failure) {
        if (isSessionError(failure)) onSessionInvalid?.();
        setNotice(`Resolving “${target.title}” failed: ${formatError(failure)}`);
      } finally {
        setBusy(false);
      }
    },
    [client, schema.classes, onSessionInvalid],
  );

  useReviewKeys({
    schema,
    state: { item, selection, busy, count: items?.length ?? 0 },
    resolve,
    setIndex,
    setSelection,
    setNotice,
  });

  return {
    items,
    item,
    index,
    selection,
    error,
    notice,
    busy,
    setSelection,
    reload: () => setTick((t) => t + 1),
    next: () => {
      setIndex((value) => (items && items.length > 0 ? (value + 1) % items.length : 0));
      setSelection(emptySelection);
    },
    resolve,
  };
}

interface ReviewKeysParams {
  schema: Campaign['labelSchema'];
  state: { item: ReviewItem | null; selection: Selection; busy: boolean; count: number };
  resolve: (target: ReviewItem, value: LabelValue) => Promise<void>;
  setIndex: Dispatch<SetStateAction<number>>;
  setSelection: Dispatch<SetStateAction<Selection>>;
  setNotice: Dispatch<SetStateAction<string | null>>;
}

/** The workspace keys on the review page: a number picks, Enter resolves, S and Backspace move. */
function useReviewKeys({
  schema,
  state: latest,
  resolve,
  setIndex,
  setSelection,
  setNotice,
}: ReviewKeysParams): void {
  const state = useRef(latest);
  state.current = latest;

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || shouldLeaveKeyToTarget(event.target, event.key)) return;
      const action = keyToAction(event, schema.classes.length);
      const current = state.current;
      if (!action || !current.item) return;
      event.preventDefault();
      if (event.repeat && action.type !== 'class') return;
      switch (action.type) {
        case 'class':
          if (schema.kind === 'spans') {
            setNotice('For span items, pick one of the answers with its button.');
            return;
          }
          setSelection((previous) => pickClass(previous, schema.kind, action.index));
          return;
        case 'accept': {
          if (current.busy) return;
          const value = chosenValue(current.item, current.selection, schema.kind);
          if (value) void resolve(current.item, value);
          return;
        }
        case 'skip':
          setIndex((value) => (current.count === 0 ? 0 : (value + 1) % current.count));
          setSelection(emptySelection);
          return;
        case 'back':
          setIndex((value) =>
            current.count === 0 ? 0 : (value - 1 + current.count) % current.count,
          );
          setSelection(emptySelection);
          return;
        case 'escape':
          setSelection(emptySelection);
          return;
        case 'help':
          setNotice(
            'Keys: 1–9 pick a class, Enter resolves (nothing picked: the aggregate), S next, Backspace previous.',
          );
          return;
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [schema, resolve, setIndex, setSelection, setNotice]);
}
