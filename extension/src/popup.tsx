import './ui/styles.css';
import browser from 'webextension-polyfill';
import { dailyCapBytes } from './lib/controls.ts';
import { describeComputeStatus } from './lib/prelabel/compute-status.ts';
import { updateSettings } from './lib/settings.ts';
import { describeStatus } from './lib/worker-status.ts';
import { EarningsSummary } from './ui/earnings-summary.tsx';
import { FetchTable } from './ui/fetch-table.tsx';
import { PayoutSummary } from './ui/payout-summary.tsx';
import { formatMb, kickWorker, store, useExtensionState } from './ui/use-extension-state.ts';

/** The toolbar popup: state, today's usage, receipt counts, receipts and the last 50 fetches. */
export default function Popup() {
  const state = useExtensionState(50);
  if (!state) return <main style={{ width: 640 }}>Loading…</main>;
  const { settings, status, usage, counts } = state;
  const change = async (patch: Parameters<typeof updateSettings>[1]) => {
    await updateSettings(store, patch);
    kickWorker();
  };
  const open = (path: string) => void browser.tabs.create({ url: browser.runtime.getURL(path) });
  return (
    <main style={{ width: 640 }}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Plaza</h1>
        <div className="row">
          <label title="Fetches at once">
            <select
              data-testid="concurrency"
              value={settings.concurrency}
              onChange={(e) => void change({ concurrency: Number(e.target.value) })}
            >
              {[1, 2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  {n} at once
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            data-testid="toggle-pause"
            onClick={() => void change({ paused: !settings.paused })}
          >
            {settings.paused ? 'Resume' : 'Pause'}
          </button>
        </div>
      </div>
      <div
        className="status"
        data-testid="status"
        data-state={status.state}
        data-reason={status.reason ?? ''}
      >
        {describeStatus(status)}
      </div>
      {settings.computeEnabled && (
        <div className="status" data-testid="compute-status" data-state={state.compute.state}>
          GPU: {describeComputeStatus(state.compute)}
        </div>
      )}

      <h2>Payout</h2>
      <PayoutSummary coordinatorUrl={settings.coordinatorUrl} device={state.address} />

      <h2>Earnings</h2>
      <EarningsSummary coordinatorUrl={settings.coordinatorUrl} device={state.address} />

      <h2>Today</h2>
      <div className="stats">
        <div className="stat">
          <b data-testid="today-mb">{formatMb(usage.bytes)}</b>
          MB of {settings.dailyCapMb} MB (
          {Math.round((100 * usage.bytes) / dailyCapBytes(settings))}%)
        </div>
        <div className="stat">
          <b data-testid="today-pages">{usage.pages}</b>pages fetched
        </div>
        <div className="stat">
          <b data-testid="count-pending">{state.pending}</b>batches waiting to be sent
        </div>
      </div>

      <h2>Contributions</h2>
      <div className="stats">
        <div className="stat">
          <b data-testid="count-accepted">{counts.accepted}</b>accepted
        </div>
        <div className="stat">
          <b data-testid="count-duplicate">{counts.duplicate + counts.near_duplicate}</b>duplicate
        </div>
        <div className="stat">
          <b data-testid="count-rejected">{counts.rejected}</b>rejected
        </div>
        <div className="stat">
          <b data-testid="count-low-quality">{counts.low_quality}</b>low quality
        </div>
        <div className="stat">
          <b data-testid="count-failed">{counts.fetch_failed}</b>failed fetches
        </div>
      </div>

      <h2>Receipts</h2>
      {state.receipts.length === 0 ? (
        <p className="muted">No receipts yet.</p>
      ) : (
        <ul style={{ paddingLeft: 16, margin: 0 }}>
          {state.receipts.slice(0, 5).map((r) => (
            <li key={r.jobId} data-testid="receipt">
              <b>{r.outcome}</b> {r.url}
              {r.receipt?.qualityScore != null
                ? ` · quality ${r.receipt.qualityScore.toFixed(2)}`
                : ''}
              {r.error ? ` · ${r.error.code}` : ''}
            </li>
          ))}
        </ul>
      )}

      <h2>Last 50 fetches</h2>
      <FetchTable entries={state.fetches} />

      <div className="row" style={{ marginTop: 10 }}>
        <button type="button" className="secondary" onClick={() => open('tabs/activity.html')}>
          All activity
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="open-audit"
          onClick={() => open('tabs/audit.html')}
        >
          Audit receipts
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          Settings
        </button>
        <span className="muted mono" title="device address">
          {state.address ? `${state.address.slice(0, 10)}…` : ''}
        </span>
      </div>
    </main>
  );
}
