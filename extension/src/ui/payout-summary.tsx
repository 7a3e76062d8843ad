import browser from 'webextension-polyfill';
import { LINK_WALLET_HASH } from '../lib/web-link.ts';
import { usePayout } from './use-payout.ts';

/**
 * The popup's payout line: where this device's shares go, since when, and a warning when the
 * latest change was not signed by this device. "Link a wallet" / "Change" opens the settings,
 * which open the web app's link page at once: the wallet signs there, the device here.
 */
export function PayoutSummary({
  coordinatorUrl,
  device,
}: {
  coordinatorUrl: string;
  device: `0x${string}` | null;
}) {
  const payout = usePayout(coordinatorUrl, device);
  const last = payout.events[0];
  const settings = (
    <button
      type="button"
      className="secondary"
      data-testid="payout-settings"
      onClick={() =>
        void browser.tabs.create({
          url: browser.runtime.getURL(`options.html${LINK_WALLET_HASH}`),
        })
      }
    >
      {payout.device?.payout ? 'Change' : 'Link a wallet'}
    </button>
  );
  if (!payout.info) {
    return <p className="muted">Payout: the coordinator cannot be reached.</p>;
  }
  return (
    <div data-testid="payout-summary">
      <div className="row">
        <span>
          Payout:{' '}
          <span className="mono" data-testid="payout">
            {payout.device?.payout ?? "none linked (shares go to this device's address)"}
          </span>
        </span>
        {settings}
      </div>
      {last ? (
        <p className={last.signedByDevice ? 'muted' : 'error'} data-testid="payout-last-change">
          {last.kind === 'payout_linked' ? 'Linked' : 'Unlinked'}{' '}
          {new Date(last.at).toLocaleString()}
          {last.signedByDevice ? '' : ': this device never signed this change!'} ·{' '}
          {payout.events.length} change{payout.events.length === 1 ? '' : 's'} in total
        </p>
      ) : null}
    </div>
  );
}
