import {
  type CoordinatorInfo,
  payoutLinkTypedData,
  payoutLinkWalletRequest,
} from '@plaza/protocol';
import { useState } from 'react';
import { isAddress, recoverTypedDataAddress, size } from 'viem';

type Hex = `0x${string}`;

/** Props of {@link ManualPayoutLink}. */
export interface ManualPayoutLinkProps {
  info: Pick<CoordinatorInfo, 'address' | 'chainId'>;
  device: Hex;
  /** The device's next payout change. */
  change: { nonce: number; issuedAt: number };
  /** A new wallet address was typed: the caller renews `change`. */
  onWallet: () => void;
  /** Links `payout` with its signature of the link shown (the caller adds the device's). */
  onLink: (payout: Hex, payoutSignature: Hex) => Promise<void>;
  /** Shows a problem found before anything is sent. */
  onProblem: (text: string) => void;
}

/**
 * Linking by hand, for wallets the web app cannot reach (a hardware wallet on another machine,
 * `cast`): the typed data to sign, and a field for the wallet's signature. A key's signature is
 * checked here first; a contract wallet's (ERC-1271/6492) only the coordinator can check.
 */
export function ManualPayoutLink(props: ManualPayoutLinkProps) {
  const { info, device, change } = props;
  const [wallet, setWallet] = useState('');
  const [signature, setSignature] = useState('');
  const domain = { chainId: info.chainId, coordinator: info.address };
  const typed = isAddress(wallet)
    ? payoutLinkWalletRequest({ ...domain, device, payout: wallet as Hex, ...change })
    : null;

  const link = async () => {
    const sig = signature.trim() as Hex;
    if (!typed || !/^0x([0-9a-fA-F]{2})+$/.test(sig)) {
      props.onProblem('Enter the payout address and its signature.');
      return;
    }
    if (size(sig) === 65) {
      const signer = await recoverTypedDataAddress({
        ...payoutLinkTypedData({ ...domain, device, payout: wallet as Hex, ...change }),
        signature: sig,
      }).catch(() => null);
      if (signer && signer.toLowerCase() !== wallet.toLowerCase()) {
        props.onProblem(`That signature was made by ${signer}, not by ${wallet}.`);
        return;
      }
    }
    await props.onLink(wallet as Hex, sig);
    setSignature('');
  };

  return (
    <div>
      <h3>Or link by hand</h3>
      <p className="muted">
        For a wallet the web app cannot reach: sign the typed data, paste the signature.
      </p>
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
              props.onWallet();
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
            value={typed ? JSON.stringify(typed, null, 2) : ''}
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
    </div>
  );
}
