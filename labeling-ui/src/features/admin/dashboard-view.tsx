import type { Dashboard } from '@plaza/protocol';
import { AlphaChart } from '../../components/charts/alpha-chart.tsx';
import { BarChart } from '../../components/charts/bar-chart.tsx';
import { HorizontalBarChart } from '../../components/charts/horizontal-bar-chart.tsx';
import { LineChart } from '../../components/charts/line-chart.tsx';
import { MeterChart } from '../../components/charts/meter-chart.tsx';
import { formatCount, formatDecimal, formatPercent, shortAddress } from '../../lib/format.ts';
import {
  describeAlpha,
  describeCounts,
  describeDuplicateRate,
  describeFetchRate,
  describeLabeling,
  describeQuality,
  labelCountName,
  QUALITY_BIN,
} from './dashboard-summaries.ts';

/** Props of {@link DashboardView}. */
export interface DashboardViewProps {
  dashboard: Dashboard;
}

/** The pipeline dashboard of one campaign, drawn from `GET /v1/campaigns/:id/dashboard`. */
export function DashboardView({ dashboard }: DashboardViewProps) {
  const { labeling } = dashboard;
  const lastCount = labeling.byLabelCount.length - 1;
  return (
    <div className="dashboard">
      <div className="chart-grid">
        <HorizontalBarChart
          title="Frontier by status"
          summary={describeCounts(dashboard.frontier, 'URLs')}
          bars={Object.entries(dashboard.frontier).map(([label, value]) => ({ label, value }))}
        />
        <LineChart
          title="Pages fetched per minute"
          summary={describeFetchRate(dashboard.fetchedPerMinute)}
          points={dashboard.fetchedPerMinute.map((point) => ({
            label: minuteLabel(point.minute),
            value: point.pages,
          }))}
        />
        <MeterChart
          title="Duplicate rate"
          summary={describeDuplicateRate(dashboard.duplicateRate)}
          meters={[{ label: 'duplicates', fraction: dashboard.duplicateRate }]}
        />
        <BarChart
          title="Quality score histogram"
          summary={describeQuality(dashboard.qualityHistogram, dashboard.qualityFloor)}
          bars={dashboard.qualityHistogram.map((value, index) => ({
            label: formatDecimal(index * QUALITY_BIN, 1),
            value,
            muted: (index + 1) * QUALITY_BIN <= dashboard.qualityFloor + 1e-9,
          }))}
          labelEvery={4}
          labelAt="start"
          marker={{
            at: dashboard.qualityFloor,
            label: `floor ${formatDecimal(dashboard.qualityFloor)}`,
          }}
        />
        <BarChart
          title="Labeling progress: tasks by label count"
          summary={describeLabeling(labeling)}
          bars={labeling.byLabelCount.map((value, index) => ({
            label: labelCountName(index, lastCount),
            value,
          }))}
        />
        <MeterChart
          title="Tasks complete and reviewed"
          summary={`${formatCount(labeling.complete)} of ${formatCount(labeling.tasks)} tasks complete, ${formatCount(
            labeling.reviewed,
          )} reviewed, ${formatCount(labeling.gold)} gold.`}
          meters={[
            { label: 'complete', fraction: ratio(labeling.complete, labeling.tasks) },
            { label: 'reviewed', fraction: ratio(labeling.reviewed, labeling.tasks) },
          ]}
        />
        <AlphaChart alpha={labeling.alpha} summary={describeAlpha(labeling.alpha)} />
      </div>
      <table className="data-table labelers">
        <caption>Labelers ({dashboard.labelers.length})</caption>
        <thead>
          <tr>
            <th scope="col">Labeler</th>
            <th scope="col">Labels</th>
            <th scope="col">Gold accuracy</th>
            <th scope="col">Estimated accuracy</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {dashboard.labelers.length === 0 ? (
            <tr>
              <td colSpan={5}>No labels yet.</td>
            </tr>
          ) : (
            dashboard.labelers.map((labeler) => (
              <tr key={labeler.address} className={labeler.status === 'paused' ? 'is-paused' : ''}>
                <td title={labeler.address}>{shortAddress(labeler.address)}</td>
                <td>{formatCount(labeler.labels)}</td>
                <td>{formatPercent(labeler.goldAccuracy)}</td>
                <td>{formatPercent(labeler.estimatedAccuracy)}</td>
                <td>{labeler.status}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <p className="muted">
        Generated {timeLabel(dashboard.generatedAt)}
        {labeling.aggregatedAt ? `; labels aggregated ${timeLabel(labeling.aggregatedAt)}` : ''}.
        Quality bins are {formatDecimal(QUALITY_BIN)} wide.
      </p>
    </div>
  );
}

function ratio(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

function minuteLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

function timeLabel(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
