import type { VerificationReport } from '@plaza/protocol';
import { BarChart } from '../../components/charts/bar-chart.tsx';
import { HorizontalBarChart } from '../../components/charts/horizontal-bar-chart.tsx';
import { formatCount, formatDecimal, formatPercent, shortAddress } from '../../lib/format.ts';

/** Props of {@link VerificationPanel}. */
export interface VerificationPanelProps {
  report: VerificationReport;
}

const SIMILARITY_BIN = 0.1;

/**
 * Verification at a glance for the operator: re-fetch checks by state and by why they were made,
 * the similarity of re-fetched pages to what devices submitted (with the confirm line), the
 * contributions' verification states, the devices by reputation (quarantined ones with their
 * reason) and the latest failed checks.
 */
export function VerificationPanel({ report }: VerificationPanelProps) {
  return (
    <section className="verification" aria-labelledby="verification-title">
      <h2 id="verification-title">Verification</h2>
      <p>
        Sampling {formatPercent(report.verifyRate)} of contributions, every contribution of devices
        under reputation {formatDecimal(report.policy.verifyAllBelow)}, and flagged ones; a
        re-fetched page confirms at similarity ≥ {formatDecimal(report.policy.confirmSimilarity)}.
        Devices under {formatDecimal(report.policy.quarantineBelow)} with at least{' '}
        {report.policy.quarantineMinFailed} failed checks are quarantined.
      </p>
      <VerificationCharts report={report} />
      <DevicesTable report={report} />
      <FailedChecksTable report={report} />
    </section>
  );
}

const bars = (record: Record<string, number>) =>
  Object.entries(record).map(([label, value]) => ({ label, value }));
const total = (record: Record<string, number>) =>
  Object.values(record).reduce((sum, n) => sum + n, 0);

/** Checks by state and by reason, the similarity histogram, contributions by state. */
function VerificationCharts({ report }: VerificationPanelProps) {
  return (
    <div className="chart-grid">
      <HorizontalBarChart
        title="Checks by state"
        summary={`${formatCount(total(report.checks))} checks: ${describe(report.checks)}.`}
        bars={bars(report.checks)}
      />
      <HorizontalBarChart
        title="Checks by reason"
        summary={`Why pages were re-fetched: ${describe(report.byReason)}.`}
        bars={bars(report.byReason)}
      />
      <BarChart
        title="Similarity of re-fetched pages"
        summary={`${formatCount(report.similarityHistogram.reduce((sum, n) => sum + n, 0))} compared pages in bins of ${formatDecimal(SIMILARITY_BIN, 1)}; ${formatCount(
          report.similarityHistogram.slice(8).reduce((sum, n) => sum + n, 0),
        )} at 0.8 or above.`}
        bars={report.similarityHistogram.map((value, index) => ({
          label: formatDecimal(index * SIMILARITY_BIN, 1),
          value,
          muted: (index + 1) * SIMILARITY_BIN <= report.policy.confirmSimilarity + 1e-9,
        }))}
        labelEvery={2}
        labelAt="start"
        marker={{
          at: report.policy.confirmSimilarity,
          label: `confirms ≥ ${formatDecimal(report.policy.confirmSimilarity, 1)}`,
        }}
      />
      <HorizontalBarChart
        title="Contributions by verification state"
        summary={`Contributions: ${describe(report.contributions)}.`}
        bars={bars(report.contributions)}
      />
    </div>
  );
}

/** The devices, least reputed first, quarantined ones with their reason. */
function DevicesTable({ report }: VerificationPanelProps) {
  const devices = [...report.devices].sort((a, b) => a.reputation - b.reputation);
  const quarantined = devices.filter((device) => device.status === 'quarantined').length;
  return (
    <table className="data-table devices">
      <caption>
        Devices by reputation ({devices.length}, {quarantined} quarantined)
      </caption>
      <thead>
        <tr>
          <th scope="col">Device</th>
          <th scope="col">Kind</th>
          <th scope="col">Reputation</th>
          <th scope="col">Confirmed</th>
          <th scope="col">Failed</th>
          <th scope="col">Contributions</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {devices.length === 0 ? (
          <tr>
            <td colSpan={7}>No devices yet.</td>
          </tr>
        ) : (
          devices.map((device) => (
            <tr key={device.address} className={device.status === 'quarantined' ? 'is-paused' : ''}>
              <td title={device.address}>{shortAddress(device.address)}</td>
              <td>{device.kind}</td>
              <td>{formatDecimal(device.reputation)}</td>
              <td>{formatCount(device.confirmedChecks)}</td>
              <td>{formatCount(device.failedChecks)}</td>
              <td>{formatCount(device.contributions)}</td>
              <td>
                {device.quarantine
                  ? `quarantined: ${device.quarantine.reason} (${new Date(device.quarantine.at).toLocaleString()})`
                  : device.status}
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

/** The latest failed checks. */
function FailedChecksTable({ report }: VerificationPanelProps) {
  return (
    <table className="data-table failures">
      <caption>Latest failed checks ({report.recentFailures.length})</caption>
      <thead>
        <tr>
          <th scope="col">Device</th>
          <th scope="col">Page</th>
          <th scope="col">Similarity</th>
          <th scope="col">Reason</th>
          <th scope="col">Checked</th>
        </tr>
      </thead>
      <tbody>
        {report.recentFailures.length === 0 ? (
          <tr>
            <td colSpan={5}>No failed checks.</td>
          </tr>
        ) : (
          report.recentFailures.map((failure) => (
            <tr key={failure.contributionId}>
              <td title={failure.device}>{shortAddress(failure.device)}</td>
              <td className="url">{failure.url}</td>
              <td>{formatDecimal(failure.similarity)}</td>
              <td>{failure.reason}</td>
              <td>{new Date(failure.checkedAt).toLocaleString()}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function describe(record: Record<string, number>): string {
  const entries = Object.entries(record);
  return entries.length === 0
    ? 'none yet'
    : entries.map(([label, n]) => `${formatCount(n)} ${label}`).join(', ');
}
