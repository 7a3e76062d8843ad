import type { CoordinatorClient, SignInResponse } from '@plaza/protocol';
import { type Address, createWalletClient, custom, isAddress } from 'viem';
import { buildSiweMessage } from '../../lib/siwe.ts';
import type { EthereumProvider } from './ethereum-provider.ts';
import {
  toWalletError,
  WalletFailedError,
  WalletMissingError,
  WrongOriginError,
} from './wallet-errors.ts';

/** What {@link signInWithEthereum} needs. */
export interface SignInWithEthereumParams {
  /** The injected wallet, or null when there is none. */
  provider: EthereumProvider | null;
  client: Pick<CoordinatorClient, 'authNonce' | 'signIn'>;
  /** `location.origin`. */
  origin: string;
  /** @default () => new Date() */
  now?: () => Date;
}

/**
 * Signs in with Ethereum (EIP-4361): asks the wallet for an account, gets a nonce, has the wallet
 * sign the message and trades the signature for a session.
 *
 * @throws {WalletError} no wallet, the user declined, the wallet failed, or the page is not on
 *   the coordinator's public origin.
 * @throws {CoordinatorError} the coordinator refused (its code says why).
 * @example
 * const session = await signInWithEthereum({ provider: window.ethereum ?? null, client, origin });
 */
export async function signInWithEthereum(
  params: SignInWithEthereumParams,
): Promise<SignInResponse> {
  const { provider, client, origin } = params;
  if (!provider) throw new WalletMissingError();
  let accounts: unknown;
  try {
    accounts = await provider.request({ method: 'eth_requestAccounts' });
  } catch (cause) {
    throw toWalletError(cause, 'connect an account');
  }
  const address = Array.isArray(accounts) ? accounts[0] : undefined;
  if (typeof address !== 'string' || !isAddress(address, { strict: false })) {
    throw new WalletFailedError('connect an account', 'it returned no account.');
  }
  const nonce = await client.authNonce();
  // The coordinator only accepts messages for its public origin (never the page's Host).
  if (nonce.uri && new URL(origin).origin !== nonce.uri) {
    throw new WrongOriginError(new URL(origin).origin, nonce.uri);
  }
  const message = buildSiweMessage({
    address: address as Address,
    nonce,
    origin,
    now: (params.now ?? (() => new Date()))(),
  });
  const wallet = createWalletClient({ transport: custom(provider) });
  let signature: `0x${string}`;
  try {
    signature = await wallet.signMessage({ account: address as Address, message });
  } catch (cause) {
    throw toWalletError(cause, 'sign the sign-in message');
  }
  return client.signIn({ message, signature });
}
