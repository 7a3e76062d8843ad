import type { CheckedPayoutEvent } from '../lib/payout.ts';

/** The device's payout changes, newest first, each marked with whether the device signed it. */
export function PayoutHistory({ events }: { events: readonly CheckedPayoutEvent[] }) {
  if (events.length === 0) {
    return <p className="muted">No payout changes yet.</p>;
  }
  return (
    <table className="fetches" data-testid="payout-history">
      <thead>
        <tr>
          <th>When</th>
          <th>Change</th>
          <th>Payout</th>
          <th>Signed by this device</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.nonce} data-testid="payout-event" data-kind={event.kind}>
            <td>{new Date(event.at).toLocaleString()}</td>
            <td>{event.kind === 'payout_linked' ? 'linked' : 'unlinked'}</td>
            <td className="mono">{event.payout ?? 'this device'}</td>
            <td className={event.signedByDevice ? 'ok' : 'error'} data-testid="payout-signed">
              {event.signedByDevice ? 'yes' : 'NO: this device never signed this change'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
