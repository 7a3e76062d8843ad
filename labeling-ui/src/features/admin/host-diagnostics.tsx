import type { CampaignHostsResponse } from '@plaza/protocol';

/** Props of {@link HostDiagnostics}. */
export interface HostDiagnosticsProps {
  hosts: CampaignHostsResponse;
}

const counts = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');

/** Why the campaign is stuck: per host, its URLs and each blocker in words with its code. */
export function HostDiagnostics({ hosts }: HostDiagnosticsProps) {
  const blocked = hosts.hosts.filter((h) => h.blockers.length > 0);
  return (
    <section className="panel" aria-labelledby="stuck-title">
      <h2 id="stuck-title">Why is it stuck?</h2>
      {blocked.length === 0 ? (
        <p data-testid="nothing-blocks">
          Nothing holds any of its {hosts.hosts.length + hosts.more} host(s) back.
        </p>
      ) : (
        <>
          <p>
            {Object.entries(hosts.summary)
              .map(([code, n]) => `${code}: ${n} host(s)`)
              .join(' · ')}
          </p>
          <table className="data-table hosts">
            <caption>Hosts held back ({blocked.length})</caption>
            <thead>
              <tr>
                <th scope="col">Host</th>
                <th scope="col">URLs</th>
                <th scope="col">What holds it back</th>
              </tr>
            </thead>
            <tbody>
              {blocked.map((host) => (
                <tr key={host.host} data-host={host.host}>
                  <td>{host.host}</td>
                  <td>{counts(host.urls)}</td>
                  <td>
                    <ul className="blockers">
                      {host.blockers.map((b) => (
                        <li key={b.code}>
                          <code>{b.code}</code> {b.message}
                          {b.until ? ` Next look: ${new Date(b.until).toLocaleString()}.` : ''}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {hosts.more > 0 ? <p className="muted">And {hosts.more} more host(s).</p> : null}
        </>
      )}
    </section>
  );
}
