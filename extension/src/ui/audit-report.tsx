import { type AuditReport, auditViewStatuses } from '../lib/audit-receipts.ts';

/** An audit's result: a rows-root mismatch if any, counts per status, and one row per receipt. */
export function AuditReportView({ report }: { report: AuditReport }) {
  return (
    <>
      {report.answerRowsRoot !== report.rowsRoot ? (
        <p className="status" data-testid="audit-root-mismatch">
          The coordinator's answer names rows root {report.answerRowsRoot}, the manifest{' '}
          {report.rowsRoot}: proofs are checked against the manifest.
        </p>
      ) : null}
      <div className="stats">
        {auditViewStatuses
          .filter((s) => report.counts[s] > 0)
          .map((s) => (
            <div className="stat" key={s}>
              <b data-testid={`audit-count-${s}`}>{report.counts[s]}</b>
              {s.replace(/_/g, ' ')}
            </div>
          ))}
      </div>
      <table className="fetches">
        <thead>
          <tr>
            <th>URL</th>
            <th>receipt</th>
            <th>status</th>
            <th>why</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
            <tr
              key={row.jobId}
              data-testid="audit-row"
              data-status={row.status}
              data-job-id={row.jobId}
              data-contribution-id={row.contributionId ?? ''}
            >
              <td className="url" title={row.url}>
                {row.url}
              </td>
              <td>
                {row.outcome}
                {row.signatureValid ? ' ✓' : ' ✗'}
              </td>
              <td>
                <b>{row.status.replace(/_/g, ' ')}</b>
              </td>
              <td>{row.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
