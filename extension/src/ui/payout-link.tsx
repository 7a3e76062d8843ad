import {
  type CoordinatorInfo,
  createCoordinatorClient,
  type Device,
  payoutLinkTypes,
  plazaDomain,
} from '@plaza/protocol';
import { useEffect, useState } from 'react';
import { isAddress, recoverTypedDataAddress } from 'viem';

type Hex = `0x${string}`;

const EIP712_DOMAIN = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
  { name: 'chainId', type: 'uint256' },
  { name: 'verifyingContract', type: 'address' },
];

/** The EIP-712 request a wallet signs to receive this device's shares. */
export function payoutTypedData(params: {
  info: Pick<CoordinatorInfo, 'address' | 'chainId'>;
  device: Hex;
  payout: Hex;
  nonce: number;
}) {
  return {
    domain: plazaDomain({ chainId: params.info.chainId, coordinator: params.info.address }),
    types: payoutLinkTypes,
    primaryType: 'PayoutLink' as const,
    message: { device: params.device, payout: params.payout, nonce: params.nonce },
  };
}

/**
 * Links a payout wallet: the wallet (not the device) signs a `PayoutLink`, so nobody can point a
 * device's shares at an address that did not agree. Extension pages have no injected wallet, so
 * the page shows the typed data to sign in any wallet and takes the signature back; it checks the
 * signature locally before sending `POST /v1/devices/:address/payout`.
 */
export function PayoutLink({ coordinatorUrl, device }: { coordinatorUrl: string; device: Hex }) {
  const [info, setInfo] = useState<CoordinatorInfo | null>(null);
  const [current, setCurrent] = useState<Device | null>(null);
  const [payout, setPayout] = useState('');
  const [nonce] = useState(() => Math.floor(Date.now() / 1000));
  const [signature, setSignature] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const client = createCoordinatorClient({ baseUrl: coordinatorUrl });

  useEffect(() => {
    const c = createCoordinatorClient({ baseUrl: coordinatorUrl });
    void c.info().then(setInfo, () => setInfo(null));
    void c.getDevice(device).then(
      (r) => setCurrent(r.device),
      () => setCurrent(null),
    );
  }, [coordinatorUrl, device]);

  if (!info) return <p className="muted">Connect to the coordinator to link a payout wallet.</p>;
  const typed = isAddress(payout)
    ? payoutTypedData({ info, device, payout: payout.toLowerCase() as Hex, nonce })
    : null;
  // What wallets sign (`eth_signTypedData_v4`, `cast wallet sign --data`): the domain type too.
  const json = typed
    ? JSON.stringify({ ...typed, types: { EIP712Domain: EIP712_DOMAIN, ...typed.types } }, null, 2)
    : '';

  const link = async () => {
    setMessage(null);
    if (!typed || !/^0x[0-9a-fA-F]{130}$/.test(signature.trim())) {
      setMessage({ ok: false, text: 'Enter the payout address and its 65-byte signature.' });
      return;
    }
    const signer = await recoverTypedDataAddress({
      ...typed,
      message: { ...typed.message, nonce: BigInt(nonce) },
      signature: signature.trim() as Hex,
    });
    if (signer.toLowerCase() !== typed.message.payout) {
      setMessage({ ok: false, text: `That signature was made by ${signer}, not by ${payout}.` });
      return;
    }
    try {
      const result = await client.linkPayout(device, {
        payout: typed.message.payout,
        nonce,
        signature: signature.trim(),
      });
      setCurrent(result.device);
      setMessage({
        ok: true,
        text: `Linked: shares of this device go to ${result.device.payout}.`,
      });
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div>
      <p>
        Linked payout wallet:{' '}
        <span className="mono" data-testid="payout">
          {current?.payout ?? 'none yet'}
        </span>
      </p>
      <ol>
        <li>
          Paste the wallet address that should receive this device's shares:{' '}
          <input
            type="text"
            size={44}
            data-testid="payout-address"
            placeholder="0x…"
            value={payout}
            onChange={(e) => setPayout(e.target.value.trim())}
          />
        </li>
        <li>
          Sign this EIP-712 message with that wallet (<code>eth_signTypedData_v4</code>; for example{' '}
          <code>cast wallet sign --data --from-file payout.json</code> with Foundry, or the
          typed-data signer of your wallet):
          <textarea
            readOnly
            rows={8}
            style={{ width: '100%' }}
            data-testid="payout-typed-data"
            value={json}
          />
          <button
            type="button"
            className="secondary"
            disabled={!typed}
            onClick={() => void navigator.clipboard.writeText(json)}
          >
            Copy
          </button>
        </li>
        <li>
          Paste the signature:{' '}
          <input
            type="text"
            size={60}
            data-testid="payout-signature"
            placeholder="0x… (132 characters)"
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
        The coordinator checks the signature and that its nonce ({nonce}) is larger than the last
        one, so an old signature cannot be replayed. The same request by hand:{' '}
        <code>
          POST {coordinatorUrl}/v1/devices/{device}/payout
        </code>{' '}
        with <code>{'{ payout, nonce, signature }'}</code>.
      </p>
    </div>
  );
}
