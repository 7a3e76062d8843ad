import type { VersionRows } from '@plaza/protocol';
import { explainRow, formatPpm, rowStatusWords } from '../lib/earnings-rows.ts';

/**
 * The device's rows in a version, each with its measured value, its part of the version's weight
 * (shares follow it) and why: the validation rows it helped, a near-copy zeroed, sent to review.
 */
export function EarningsRows({ rows }: { rows: VersionRows }) {
  if (rows.total === 0) return null;
  return (
    <details data-testid="earnings-row-values" data-rule={rows.rule} open={rows.rows.length <= 20}>
      <summary>
        Each of your rows and why it earns what it earns (
        {rows.rule === 'plaza-attribution/2' ? 'rule v2: measured value' : 'rule v1: quality'})
      </summary>
      <table className="fetches">
        <thead>
          <tr>
            <th>Row</th>
            <th>Status</th>
            <th>Value</th>
            <th>Weight</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.rows.map((row) => (
            <tr
              key={row.index}
              data-testid="earnings-row"
              data-index={row.index}
              data-status={row.status}
              data-value={row.value}
              data-weight-ppm={row.weightPpm}
            >
              <td>#{row.index}</td>
              <td>{rowStatusWords[row.status]}</td>
              <td title={`${row.value} (2^-32 units; before clipping ${row.raw})`}>
                {formatPpm(row.valuePpm)}
              </td>
              <td>{formatPpm(row.weightPpm)}</td>
              <td data-testid="earnings-row-why">{explainRow(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.total > rows.rows.length ? (
        <p className="muted">
          The first {rows.rows.length} of your {rows.total} rows: the web app's attribution page
          lists them all.
        </p>
      ) : null}
    </details>
  );
}
