import browser from 'webextension-polyfill';
import { dailyCapBytes } from '../lib/controls.ts';
import { describeComputeStatus } from '../lib/prelabel/compute-status.ts';
import { updateSettings } from '../lib/settings.ts';
import { describeStatus } from '../lib/worker-status.ts';
import { type ExtensionState, formatMb, kickWorker, store } from './use-extension-state.ts';

/** Saves a settings change from the popup and wakes the worker. */
async function change(patch: Parameters<typeof updateSettings>[1]) {
  await updateSettings(store, patch);
  kickWorker();
}

const open = (path: string) => void browser.tabs.create({ url: browser.runtime.getURL(path) });

/** The popup's title with concurrency and pause, which take effect at once. */
export function PopupHeader({ settings }: Pick<ExtensionState, 'settings'>) {
  return (
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
  );
}

/** The worker's state and, with compute on, the pre-labeling worker's. */
export function WorkerStatusLines({ state }: { state: ExtensionState }) {
  const { settings, status } = state;
  return (
    <>
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
    </>
  );
}

/** Today's megabytes against the cap, pages, and batches waiting. */
export function TodayStats({ state }: { state: ExtensionState }) {
  const { settings, usage } = state;
  return (
    <>
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
    </>
  );
}

/** The stored receipts counted by outcome. */
export function ContributionCounts({ counts }: Pick<ExtensionState, 'counts'>) {
  return (
    <>
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
    </>
  );
}

/** The five newest receipts. */
export function RecentReceipts({ state }: { state: ExtensionState }) {
  return (
    <>
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
    </>
  );
}

/** Links to the activity, audit and settings pages, and the device address. */
export function PopupLinks({ state }: { state: ExtensionState }) {
  return (
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
  );
}
