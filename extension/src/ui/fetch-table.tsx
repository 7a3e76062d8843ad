import type { ActivityEntry } from '../lib/activity-log.ts';

/**
 * A table of the activity log: fetches (time, URL, status, bytes, duration, outcome and receipt)
 * and background failures (`error`, with what failed).
 */
export function FetchTable({ entries }: { entries: readonly ActivityEntry[] }) {
  if (entries.length === 0) return <p className="muted">No fetches yet.</p>;
  return (
    <table className="fetches">
      <thead>
        <tr>
          <th>time</th>
          <th>URL</th>
          <th>status</th>
          <th>bytes</th>
          <th>ms</th>
          <th>outcome</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.seq} data-testid="fetch-row" data-outcome={entry.outcome}>
            <td>{new Date(entry.at).toLocaleTimeString()}</td>
            <td className="url" title={entry.finalUrl ?? entry.url}>
              {entry.kind === 'page' ? null : <span className="tag">{entry.kind}</span>}
              {entry.url}
            </td>
            <td>{entry.status || '—'}</td>
            <td>{entry.bytes}</td>
            <td>{entry.ms}</td>
            <td>
              {entry.outcome}
              {entry.code && entry.outcome !== 'ok' ? ` (${entry.code})` : ''}
              {entry.receipt ? ` → ${entry.receipt}` : ''}
              {entry.message ? `: ${entry.message}` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
