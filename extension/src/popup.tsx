import './ui/styles.css';
import { EarningsSummary } from './ui/earnings-summary.tsx';
import { FetchTable } from './ui/fetch-table.tsx';
import { PayoutSummary } from './ui/payout-summary.tsx';
import {
  ContributionCounts,
  PopupHeader,
  PopupLinks,
  RecentReceipts,
  TodayStats,
  WorkerStatusLines,
} from './ui/popup-sections.tsx';
import { useExtensionState } from './ui/use-extension-state.ts';

/** The toolbar popup: state, today's usage, receipt counts, receipts and the last 50 fetches. */
export default function Popup() {
  const state = useExtensionState(50);
  if (!state) return <main style={{ width: 640 }}>Loading…</main>;
  const { settings } = state;
  return (
    <main style={{ width: 640 }}>
      <PopupHeader settings={settings} />
      <WorkerStatusLines state={state} />

      <h2>Payout</h2>
      <PayoutSummary coordinatorUrl={settings.coordinatorUrl} device={state.address} />

      <h2>Earnings</h2>
      <EarningsSummary coordinatorUrl={settings.coordinatorUrl} device={state.address} />

      <TodayStats state={state} />
      <ContributionCounts counts={state.counts} />
      <RecentReceipts state={state} />

      <h2>Last 50 fetches</h2>
      <FetchTable entries={state.fetches} />

      <PopupLinks state={state} />
    </main>
  );
}
