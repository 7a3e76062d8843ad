import type { LabelSchema, LabelValue } from '@plaza/protocol';
import { useId } from 'react';
import { formatPercent } from '../../lib/format.ts';
import { describeValue } from '../../lib/label-value.ts';
import { describePrelabelSource } from './prelabel-note.tsx';
import type { HistoryEntry } from './workspace-state.ts';

/** Props of {@link HistoryList}. */
export interface HistoryListProps {
  history: readonly HistoryEntry[];
  schema: LabelSchema;
  pendingClientIds: ReadonlySet<string>;
  /** Index of the entry being edited. */
  editing: number | null;
  /** Item whose pre-label was just revealed (highlighted for a moment). */
  revealedItemId: number | null;
}

/** The labeler's recent labels, newest first, with their state and revealed pre-labels. */
export function HistoryList({
  history,
  schema,
  pendingClientIds,
  editing,
  revealedItemId,
}: HistoryListProps) {
  const titleId = useId();
  return (
    <section className="history" aria-labelledby={titleId}>
      <h2 id={titleId}>Your recent labels</h2>
      {history.length === 0 ? (
        <p className="muted">Nothing yet. Backspace goes back to your last labels to edit them.</p>
      ) : (
        <ol className="history-list">
          {history.map((entry, index) => {
            const state = entry.rejected
              ? entry.rejected.revision > 0
                ? `edit refused (${entry.rejected.code}); the earlier answer stands`
                : `refused (${entry.rejected.code})`
              : pendingClientIds.has(entry.clientId)
                ? 'sending…'
                : 'saved';
            const classes = [
              'history-entry',
              index === editing ? 'is-editing' : '',
              entry.itemId === revealedItemId ? 'is-revealed' : '',
              entry.rejected ? 'is-rejected' : '',
            ]
              .filter(Boolean)
              .join(' ');
            return (
              <li key={entry.clientId} className={classes} data-history-item-id={entry.itemId}>
                <span className="history-title">{entry.title || `Item ${entry.itemId}`}</span>
                <span className="history-value">
                  {describeValue(entry.value, schema.classes, entry.text)}
                </span>
                <span className="history-state">
                  {state}
                  {entry.revision > 0 ? ` · edited (revision ${entry.revision})` : ''}
                </span>
                {entry.revision > 0 && !sameValue(entry.value, entry.firstValue) ? (
                  <span className="history-scored">
                    Scored: your first answer,{' '}
                    {describeValue(entry.firstValue, schema.classes, entry.text)}
                  </span>
                ) : null}
                {entry.blind && entry.prelabel ? (
                  <span className="history-reveal">
                    Pre-label was {describeValue(entry.prelabel.value, schema.classes, entry.text)}{' '}
                    ({formatPercent(entry.prelabel.confidence, 0)},{' '}
                    {describePrelabelSource(entry.prelabel.source)})
                  </span>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function sameValue(a: LabelValue, b: LabelValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
