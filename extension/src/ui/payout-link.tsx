import { ManualPayoutLink } from './manual-payout-link.tsx';
import { PayoutHistory } from './payout-history.tsx';
import { usePayoutLinking } from './use-payout-linking.ts';

type Hex = `0x${string}`;

/**
 * The device's payout wallet: the current one, every change (checked against the device key),
 * linking and unlinking. A link carries two signatures of one `PayoutLink`: the wallet's and the
 * device's (made here with the device key), so neither a stranger nor the device alone can point
 * the shares anywhere; unlinking needs the device's signature only. "Link a wallet" opens the web
 * app's link page, where the browser wallet signs; its signature comes back in that tab's address.
 */
export function PayoutLink({ coordinatorUrl, device }: { coordinatorUrl: string; device: Hex }) {
  const linking = usePayoutLinking(coordinatorUrl, device);
  const { payout, change, message } = linking;
  const { info, device: current } = payout;
  if (!info) {
    return (
      <p className="muted">
        Connect to the coordinator to link a payout wallet.
        {payout.error ? ` (${payout.error})` : ''}
      </p>
    );
  }
  return (
    <div>
      <p>
        Payout wallet:{' '}
        <span className="mono" data-testid="payout">
          {current?.payout ?? 'none yet'}
        </span>
      </p>
      <div className="row">
        <button type="button" data-testid="payout-web-link" onClick={linking.linkInWebApp}>
          {current?.payout ? 'Change wallet' : 'Link a wallet'}
        </button>
        {current?.payout ? (
          <button
            type="button"
            className="secondary"
            data-testid="payout-unlink"
            onClick={() => void linking.unlink()}
          >
            Unlink
          </button>
        ) : null}
      </div>
      {message ? (
        <p className={message.ok ? 'ok' : 'error'} data-testid="payout-message">
          {message.text}
        </p>
      ) : null}
      <PayoutHistory events={payout.events} />
      <ManualPayoutLink
        info={info}
        device={device}
        change={change}
        onWallet={linking.renewChange}
        onLink={(wallet, sig) => linking.submitLink(wallet, sig)}
        onProblem={linking.setProblem}
      />
      <p className="muted">
        The device signs every link with its key; the coordinator needs its signature and the
        wallet's, and the device's next nonce ({change.nonce}), so nobody else can move this
        device's shares and an old link cannot be replayed.
      </p>
    </div>
  );
}
