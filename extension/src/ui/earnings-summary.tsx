import browser from 'webextension-polyfill';
import { formatTokenAmount, totalEarnings } from '../lib/earnings.ts';
import { useEarnings } from './use-earnings.ts';

/** The popup's earnings line: rows in how many versions, revenue per token, and the full view. */
export function EarningsSummary({
  coordinatorUrl,
  device,
}: {
  coordinatorUrl: string;
  device: `0x${string}` | null;
}) {
  const state = useEarnings(coordinatorUrl, device);
  const open = (
    <button
      type="button"
      className="secondary"
      data-testid="open-earnings"
      onClick={() =>
        void browser.tabs.create({ url: browser.runtime.getURL('tabs/earnings.html') })
      }
    >
      What I earned
    </button>
  );
  if (!state.earnings) {
    return (
      <div className="row" data-testid="earnings-summary">
        <span className="muted">{state.error ?? 'Reading your earnings…'}</span>
        {open}
      </div>
    );
  }
  const versions = state.earnings.versions;
  const rows = versions.reduce((sum, v) => sum + (v.contributions?.rows ?? 0), 0);
  const totals = totalEarnings(state.earnings);
  return (
    <div className="row" data-testid="earnings-summary" style={{ justifyContent: 'space-between' }}>
      <span>
        <b>{rows}</b> row{rows === 1 ? '' : 's'} in {versions.length} version
        {versions.length === 1 ? '' : 's'}
        {totals.map((t) => (
          <span key={t.token} data-testid="earnings-total" data-token={t.token}>
            {' · '}
            {formatTokenAmount(t.claimable, t)} claimable, {formatTokenAmount(t.claimed, t)} claimed
          </span>
        ))}
      </span>
      {open}
    </div>
  );
}
