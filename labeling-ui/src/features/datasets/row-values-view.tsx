import type { AttributionResponse, RowAttribution } from '@plaza/protocol';
import { formatCount, formatPercent } from '../../lib/format.ts';
import { formatTokenAmount } from '../../lib/token-amount.ts';

/** Plain words for why a row earns what it earns. */
export const statusWords: Record<RowAttribution['status'], string> = {
  valued: 'Helped the model',
  unvalued: 'Not near any validation row (quality only)',
  review: 'Sent to review: it pulled validation rows the wrong way (quality only, never charged)',
  near_copy: 'Near-copy of an earlier row: earns nothing',
  unlabeled: 'No label yet (quality only)',
  quality_only: 'Paid for its quality (rule v1)',
};

/** Why one row earns what it earns, in a sentence. */
export function whyText(row: RowAttribution): string {
  if (row.nearCopy) {
    return `Its text is ${formatPercent(row.nearCopy.similarity / 2048 ** 2)} similar to row ${row.nearCopy.of}, which came first.`;
  }
  const helped = row.helped.length;
  const hurt = row.hurt.length;
  if (helped === 0 && hurt === 0) return 'No validation row had it among its nearest rows.';
  const parts = [`Helped ${formatCount(helped)} validation row${helped === 1 ? '' : 's'}`];
  if (hurt > 0) parts.push(`pulled ${formatCount(hurt)} the wrong way`);
  const best = row.helped[0];
  return `${parts.join(', ')}${best ? ` (most: row ${best.validation}, where it was neighbour no. ${best.rank})` : ''}.`;
}

/** Props of {@link RowValuesView}. */
export interface RowValuesViewProps {
  answer: AttributionResponse;
  /** Show the account's shares from each row. */
  showShares?: boolean;
}

/** The rule's figures for a version and a table of rows: value, weight, status and why. */
export function RowValuesView({ answer, showShares = false }: RowValuesViewProps) {
  const v2 = answer.v2;
  const fidelity = answer.fidelity as Record<string, number> | null;
  return (
    <>
      {v2 ? (
        <p>
          Rule v2: each row is paid for how much it helped the model agree with{' '}
          {formatCount(v2.summary.validation)} validation rows (drawn after the freeze from block{' '}
          <code title={v2.beacon.value}>{v2.beacon.value.slice(0, 10)}…</code>), blended with its
          quality. {formatCount(v2.summary.nearCopies)} near-copies earn nothing;{' '}
          {formatCount(v2.summary.review)} rows were sent to review. The valuation's KNN is right on{' '}
          {formatPercent(
            v2.summary.knn.total === 0 ? null : v2.summary.knn.correct / v2.summary.knn.total,
          )}{' '}
          of the validation rows
          {fidelity && typeof fidelity.modelAccuracy === 'number'
            ? `, the campaign model on ${formatPercent(fidelity.modelAccuracy)}; retrained without the top-valued tenth it scores ${formatPercent(fidelity.withoutTopValued ?? null)} (without a random tenth: ${formatPercent(fidelity.withoutRandom ?? null)})`
            : ''}
          .
        </p>
      ) : (
        <p>Rule v1: each row is paid for its quality score.</p>
      )}
      {answer.rows.length === 0 ? (
        <p>No rows here.</p>
      ) : (
        <table className="data-table">
          <caption>
            {formatCount(answer.rows.length)} of {formatCount(answer.total)} rows
          </caption>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Status</th>
              <th scope="col">Of the measured value</th>
              <th scope="col">Of the version</th>
              {showShares ? <th scope="col">Your shares</th> : null}
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {answer.rows.map((row) => (
              <tr key={row.index} data-status={row.status}>
                <td title={`item ${row.itemId}`}>{row.index}</td>
                <td>{statusWords[row.status]}</td>
                <td>{formatPercent(row.valuePpm / 1e6, 2)}</td>
                <td>{formatPercent(row.weightPpm / 1e6, 2)}</td>
                {showShares ? (
                  <td>{formatTokenAmount(BigInt(row.accountShares ?? '0'), 0)}</td>
                ) : null}
                <td>{whyText(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
