import {
  type CoordinatorClient,
  PAYOUT_LINK_WINDOW_SECONDS,
  payoutLinkWalletRequest,
} from '@plaza/protocol';
import { type Address, getAddress, isAddress, isHex } from 'viem';
import type { EthereumProvider } from '../auth/ethereum-provider.ts';
import { toWalletError, WalletError, WalletFailedError } from '../auth/wallet-errors.ts';
import { readWalletChainId, switchWalletChain } from '../wallet/connect-plaza-chain.ts';

/** The link the extension asks for: its device, its next payout nonce, the time it signs for. */
export interface PayoutLinkAsk {
  device: `0x${string}`;
  nonce: number;
  issuedAt: number;
}

/** The wallet's half of the link, which the extension completes with the device's signature. */
export interface SignedPayoutLink {
  payout: Address;
  signature: `0x${string}`;
}

/** What {@link signPayoutLinkInWallet} needs. */
export interface SignPayoutLinkParams {
  provider: EthereumProvider;
  client: Pick<CoordinatorClient, 'info' | 'getDevice'>;
  ask: PayoutLinkAsk;
  /** @default () => Date.now() */
  now?: () => number;
}

/**
 * Has the wallet sign a `PayoutLink` for the extension's device (`eth_signTypedData_v4`): the
 * account it connects becomes the payout, once the extension adds the device's signature. Checks
 * first that the ask is still the device's next change and recent, and that the wallet is on the
 * coordinator's chain (wallets refuse typed data for another chain), asking it to switch.
 *
 * @throws {WalletError} `LINK_OUT_OF_DATE`, `CHAIN_UNKNOWN`, the user declined, or the wallet failed.
 * @example
 * const half = await signPayoutLinkInWallet({ provider: window.ethereum, client, ask });
 */
export async function signPayoutLinkInWallet(
  params: SignPayoutLinkParams,
): Promise<SignedPayoutLink> {
  const { provider, client, ask } = params;
  const now = Math.floor((params.now ?? Date.now)() / 1000);
  if (Math.abs(now - ask.issuedAt) > PAYOUT_LINK_WINDOW_SECONDS) {
    throw new WalletError(
      'LINK_OUT_OF_DATE',
      'This link request is more than an hour old: start again from the Plaza extension.',
    );
  }
  const [info, { device }] = await Promise.all([client.info(), client.getDevice(ask.device)]);
  if (device.payoutNonce + 1 !== ask.nonce) {
    throw new WalletError(
      'LINK_OUT_OF_DATE',
      "This device's payout changed since the extension asked: start again from the extension.",
    );
  }
  let accounts: unknown;
  try {
    accounts = await provider.request({ method: 'eth_requestAccounts' });
  } catch (cause) {
    throw toWalletError(cause, 'connect an account');
  }
  const first = Array.isArray(accounts) ? accounts[0] : undefined;
  if (typeof first !== 'string' || !isAddress(first, { strict: false })) {
    throw new WalletFailedError('connect an account', 'it returned no account.');
  }
  const payout = getAddress(first);
  if ((await readWalletChainId(provider)) !== info.chainId) {
    await switchWalletChain(provider, info.chainId);
  }
  const typed = payoutLinkWalletRequest({
    chainId: info.chainId,
    coordinator: info.address,
    ...ask,
    payout,
  });
  let signature: unknown;
  try {
    signature = await provider.request({
      method: 'eth_signTypedData_v4',
      params: [payout, JSON.stringify(typed)],
    });
  } catch (cause) {
    throw toWalletError(cause, 'sign the payout link');
  }
  if (typeof signature !== 'string' || !isHex(signature)) {
    throw new WalletFailedError('sign the payout link', 'it returned no signature.');
  }
  return { payout, signature };
}
