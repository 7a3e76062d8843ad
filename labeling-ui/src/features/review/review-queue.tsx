import type { Campaign, CoordinatorClient, LabelValue, ReviewItem } from '@plaza/protocol';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ClassButtons } from '../../components/class-buttons.tsx';
import { formatError, isSessionError } from '../../lib/describe-error.ts';
import { formatDecimal, formatPercent, shortAddress } from '../../lib/format.ts';
import { keyToAction, shouldLeaveKeyToTarget } from '../../lib/key-map.ts';
import {
  describeValue,
  emptySelection,
  isSelectionEmpty,
  pickClass,
  type Selection,
  selectionToValue,
  valueClasses,
} from '../../lib/label-value.ts';

/** The client methods the review page uses. */
export type ReviewClient = Pick<CoordinatorClient, 'reviewItems' | 'resolveReview'>;

/** Props of {@link ReviewQueue}. */
export interface ReviewQueueProps {
  client: ReviewClient;
  campaign: Campaign;
  onSessionInvalid?: () => void;
}

/**
 * Low-agreement items, least agreed first. The reviewer answers with the workspace keys: a number
 * picks a class, Enter resolves (with nothing picked: confirms the aggregate), S moves on.
 */
export function ReviewQueue({ client, campaign, onSessionInvalid }: ReviewQueueProps) {
  const schema = campaign.labelSchema;
  const [items, setItems] = useState<readonly ReviewItem[] | null>(null);
  const [index, setIndex] = useState(0);
  const [selection, setSelection] = useState<Selection>(emptySelection);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  const titleId = useId();

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

  const state = useRef({ item, selection, busy, index, count: items?.length ?? 0 });
  state.current = { item, selection, busy, index, count: items?.length ?? 0 };

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
          const value = isSelectionEmpty(current.selection)
            ? current.item.aggregate.value
            : selectionToValue(current.selection, schema.kind);
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
  }, [schema, resolve]);

  if (error) {
    return (
      <p className="error" role="alert">
        Could not load the review queue: {error}{' '}
        <button type="button" className="link-button" onClick={() => setTick((t) => t + 1)}>
          Try again
        </button>
      </p>
    );
  }
  if (!items) {
    return (
      <p className="loading" role="status">
        Loading items to review…
      </p>
    );
  }
  return (
    <div className="review">
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {!item ? (
        <div className="no-tasks" role="status">
          <p>Nothing to review: every item agrees well enough.</p>
          <button type="button" onClick={() => setTick((t) => t + 1)}>
            Check again
          </button>
        </div>
      ) : (
        <article
          className="item-panel"
          data-testid="review-item"
          data-item-id={item.itemId}
          aria-labelledby={titleId}
        >
          <p className="muted">
            Item {index + 1} of {items.length} to review
          </p>
          <h2 id={titleId}>{item.title || `Item ${item.itemId}`}</h2>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so long texts scroll by keyboard. */}
          <section className="item-text" tabIndex={0} aria-label="Item text">
            {item.text}
          </section>
          <table className="data-table">
            <caption>Labels of this item</caption>
            <thead>
              <tr>
                <th scope="col">Labeler</th>
                <th scope="col">Answer</th>
                <th scope="col">Posterior</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {item.labels.map((label, row) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a labeler labels an item once.
                <tr key={`${label.labeler}-${row}`}>
                  <td title={label.labeler}>{shortAddress(label.labeler)}</td>
                  <td>{describeValue(label.value, schema.classes, item.text)}</td>
                  <td>{formatDecimal(label.posterior)}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      disabled={busy}
                      onClick={() => void resolve(item, label.value)}
                    >
                      Use this answer
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="aggregate">
            Aggregate ({item.aggregate.method}):{' '}
            <strong>{describeValue(item.aggregate.value, schema.classes, item.text)}</strong> ·
            confidence {formatPercent(item.aggregate.confidence)} · agreement{' '}
            {formatPercent(item.aggregate.agreement)}
          </p>
          {schema.kind === 'spans' ? null : (
            <ClassButtons
              schema={schema}
              selected={selection.classes}
              suggested={valueClasses(item.aggregate.value)}
              onPick={(picked) =>
                setSelection((previous) => pickClass(previous, schema.kind, picked))
              }
            />
          )}
          <div className="item-actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => {
                const value = isSelectionEmpty(selection)
                  ? item.aggregate.value
                  : selectionToValue(selection, schema.kind);
                if (value) void resolve(item, value);
              }}
            >
              {isSelectionEmpty(selection) ? 'Confirm the aggregate' : 'Resolve'} <kbd>Enter</kbd>
            </button>
            <button
              type="button"
              onClick={() => {
                setIndex((value) => (value + 1) % items.length);
                setSelection(emptySelection);
              }}
            >
              Next <kbd>S</kbd>
            </button>
          </div>
        </article>
      )}
    </div>
  );
}
