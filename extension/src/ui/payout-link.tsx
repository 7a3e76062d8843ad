import {
  createCoordinatorClient,
  payoutLinkTypedData,
  payoutLinkWalletRequest,
} from '@plaza/protocol';
import { useState } from 'react';
import { isAddress, recoverTypedDataAddress, size } from 'viem';
import { loadOrCreateDeviceKey } from '../lib/device-key.ts';
import { linkPayoutWallet, nextPayoutChange, unlinkPayoutWallet } from '../lib/payout.ts';
import { PayoutHistory } from './payout-history.tsx';
import { store } from './use-extension-state.ts';
import { usePayout } from './use-payout.ts';

type Hex = `0x${string}`;

/**
 * The device's payout wallet: the current one, every change (checked against the device key), and
 * linking or unlinking. A link carries two signatures of one `PayoutLink`: the wallet's (made in
 * the wallet, pasted here) and the device's (made here with the device key), so neither a stranger
 * nor the device alone can point the shares anywhere. Unlinking needs the device's signature only.
 */
export function PayoutLink({ coordinatorUrl, device }: { coordinatorUrl: string; device: Hex }) {
  const payout = usePayout(coordinatorUrl, device);
  const [wallet, setWallet] = useState('');
  const [change, setChange] = useState(() => nextPayoutChange({ payoutNonce: 0 }, Date.now()));
  const [signature, setSignature] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const { info, device: current } = payout;

  if (!info) {
    return (
      <p className="muted">
        Connect to the coordinator to link a payout wallet.
        {payout.error ? ` (${payout.error})` : ''}
      </p>
    );
  }
  const domain = { chainId: info.chainId, coordinator: info.address };
  const typed = isAddress(wallet)
    ? payoutLinkWalletRequest({ ...domain, device, payout: wallet as Hex, ...change })
    : null;
  const client = createCoordinatorClient({ baseUrl: coordinatorUrl });
  const fail = (error: unknown) =>
    setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });

  const link = async () => {
    setMessage(null);
    const sig = signature.trim() as Hex;
    if (!typed || !/^0x([0-9a-fA-F]{2})+$/.test(sig)) {
      setMessage({ ok: false, text: 'Enter the payout address and its signature.' });
      return;
    }
    // A key's signature is checked here first; a contract wallet's only the coordinator can check.
    if (size(sig) === 65) {
      const signer = await recoverTypedDataAddress({
        ...payoutLinkTypedData({ ...domain, device, payout: wallet as Hex, ...change }),
        signature: sig,
      }).catch(() => null);
      if (signer && signer.toLowerCase() !== wallet.toLowerCase()) {
        setMessage({ ok: false, text: `That signature was made by ${signer}, not by ${wallet}.` });
        return;
      }
    }
    try {
      const { account } = await loadOrCreateDeviceKey(store);
      const linked = await linkPayoutWallet({
        client,
        account,
        info,
        payout: wallet as Hex,
        ...change,
        payoutSignature: sig,
      });
      setMessage({ ok: true, text: `Linked: shares of this device go to ${linked.payout}.` });
      setSignature('');
      setChange(nextPayoutChange(linked, Date.now()));
      await payout.refresh();
    } catch (error) {
      fail(error);
    }
  };

  const unlink = async () => {
    setMessage(null);
    if (!current) return;
    try {
      const { account } = await loadOrCreateDeviceKey(store);
      const unlinked = await unlinkPayoutWallet({
        client,
        account,
        info,
        ...nextPayoutChange(current, Date.now()),
      });
      setChange(nextPayoutChange(unlinked, Date.now()));
      setMessage({ ok: true, text: "Unlinked: shares go to this device's address again." });
      await payout.refresh();
    } catch (error) {
      fail(error);
    }
  };

  const json = typed ? JSON.stringify(typed, null, 2) : '';
  return (
    <div>
      <p>
        Payout wallet:{' '}
        <span className="mono" data-testid="payout">
          {current?.payout ?? 'none yet'}
        </span>{' '}
        {current?.payout ? (
          <button
            type="button"
            className="secondary"
            data-testid="payout-unlink"
            onClick={() => void unlink()}
          >
            Unlink
          </button>
        ) : null}
      </p>
      <PayoutHistory events={payout.events} />
      <h3>Link a wallet</h3>
      <ol>
        <li>
          The wallet address that should receive this device's shares:{' '}
          <input
            type="text"
            size={44}
            data-testid="payout-address"
            placeholder="0x…"
            value={wallet}
            onChange={(e) => {
              setWallet(e.target.value.trim());
              setChange(nextPayoutChange(current ?? { payoutNonce: 0 }, Date.now()));
            }}
          />
        </li>
        <li>
          Sign this EIP-712 message with that wallet within an hour (
          <code>eth_signTypedData_v4</code>; e.g.{' '}
          <code>cast wallet sign --data --from-file payout.json</code>):
          <textarea
            readOnly
            rows={8}
            style={{ width: '100%' }}
            data-testid="payout-typed-data"
            value={json}
          />
        </li>
        <li>
          Paste the wallet's signature:{' '}
          <input
            type="text"
            size={60}
            data-testid="payout-signature"
            placeholder="0x…"
            value={signature}
            onChange={(e) => setSignature(e.target.value)}
          />{' '}
          <button type="button" data-testid="payout-link" onClick={() => void link()}>
            Link wallet
          </button>
        </li>
      </ol>
      {message ? (
        <p className={message.ok ? 'ok' : 'error'} data-testid="payout-message">
          {message.text}
        </p>
      ) : null}
      <p className="muted">
        This device signs the same link with its key when you press Link wallet. The coordinator
        needs both signatures and the device's next nonce ({change.nonce}), so nobody else can move
        this device's shares and an old link cannot be replayed.
      </p>
    </div>
  );
}
