import type { AuthNonceResponse } from '@plaza/protocol';
import type { Address } from 'viem';
import { createSiweMessage } from 'viem/siwe';

/** The statement every Plaza sign-in message carries. */
export const SIWE_STATEMENT = 'Sign in to Plaza to label data.';

/** How long a signed sign-in message stays valid. */
export const SIWE_VALIDITY_MS = 24 * 3600_000;

/** What {@link buildSiweMessage} needs. */
export interface BuildSiweMessageParams {
  /** The wallet's account. */
  address: Address;
  /** The coordinator's nonce answer: it names the domain and chain the message must carry. */
  nonce: AuthNonceResponse;
  /** The app's origin (`location.origin`), the URI the signature is for. */
  origin: string;
  /** Issue time; expiry is one day later. */
  now: Date;
}

/**
 * Builds the EIP-4361 (Sign-In with Ethereum) message the wallet signs.
 *
 * @example
 * const message = buildSiweMessage({ address, nonce: await client.authNonce(), origin, now });
 */
export function buildSiweMessage(params: BuildSiweMessageParams): string {
  return createSiweMessage({
    address: params.address,
    chainId: params.nonce.chainId,
    domain: params.nonce.domain,
    nonce: params.nonce.nonce,
    uri: params.origin,
    version: '1',
    statement: SIWE_STATEMENT,
    issuedAt: params.now,
    expirationTime: new Date(params.now.getTime() + SIWE_VALIDITY_MS),
  });
}
