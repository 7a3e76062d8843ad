import type { Campaign, LabelValue, ReviewItem } from '@plaza/protocol';
import { type Dispatch, type SetStateAction, useId } from 'react';
import { ClassButtons } from '../../components/class-buttons.tsx';
import { formatDecimal, formatPercent, shortAddress } from '../../lib/format.ts';
import {
  describeValue,
  isSelectionEmpty,
  pickClass,
  type Selection,
  valueClasses,
} from '../../lib/label-value.ts';
import { chosenValue } from './use-review-queue.ts';

/** Props of {@link ReviewItemPanel}. */
export interface ReviewItemPanelProps {
  item: ReviewItem;
  index: number;
  count: number;
  schema: Campaign['labelSchema'];
  selection: Selection;
  setSelection: Dispatch<SetStateAction<Selection>>;
  busy: boolean;
  resolve: (target: ReviewItem, value: LabelValue) => Promise<void>;
  next: () => void;
}

/** One item to review: its text, its labels, the aggregate, the class buttons and the actions. */
export function ReviewItemPanel(props: ReviewItemPanelProps) {
  const { item, index, count, schema, selection, setSelection, busy, resolve, next } = props;
  const titleId = useId();
  return (
    <article
      className="item-panel"
      data-testid="review-item"
      data-item-id={item.itemId}
      aria-labelledby={titleId}
    >
      <p className="muted">
        Item {index + 1} of {count} to review
      </p>
      <h2 id={titleId}>{item.title || `Item ${item.itemId}`}</h2>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so long texts scroll by keyboard. */}
      <section className="item-text" tabIndex={0} aria-label="Item text">
        {item.text}
      </section>
      <ReviewLabelsTable item={item} schema={schema} busy={busy} resolve={resolve} />
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
          onPick={(picked) => setSelection((previous) => pickClass(previous, schema.kind, picked))}
        />
      )}
      <div className="item-actions">
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => {
            const value = chosenValue(item, selection, schema.kind);
            if (value) void resolve(item, value);
          }}
        >
          {isSelectionEmpty(selection) ? 'Confirm the aggregate' : 'Resolve'} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={next}>
          Next <kbd>S</kbd>
        </button>
      </div>
    </article>
  );
}

/** The labels an item got, each with a button that resolves the item with it. */
function ReviewLabelsTable({
  item,
  schema,
  busy,
  resolve,
}: Pick<ReviewItemPanelProps, 'item' | 'schema' | 'busy' | 'resolve'>) {
  return (
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
  );
}
