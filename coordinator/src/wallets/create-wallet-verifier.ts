import {
  type Hex,
  hashMessage,
  hashTypedData,
  isAddressEqual,
  type PublicClient,
  recoverAddress,
  size,
  type TypedDataDefinition,
} from 'viem';
import { AppError } from '../errors.ts';

/** The one call the verifier makes to a chain: viem's public-client `verifyHash` (ERC-1271/6492). */
export type WalletChainClient = Pick<PublicClient, 'verifyHash'>;

/** Checks that an account signed something: a key's signature, or a contract wallet's. */
export interface WalletVerifier {
  /** Whether `signature` is `address`'s EIP-191 (`personal_sign`) signature of `message`. */
  verifyMessage(params: { address: Hex; message: string; signature: Hex }): Promise<boolean>;
  /** Whether `signature` is `address`'s EIP-712 signature of the typed data. */
  verifyTypedData(params: TypedDataDefinition & { address: Hex; signature: Hex }): Promise<boolean>;
  /** Whether `signature` is `address`'s signature of the 32-byte `hash`. */
  verifyHash(params: { address: Hex; hash: Hex; signature: Hex }): Promise<boolean>;
}

/** Whether a 65-byte signature recovers to `address` (no chain involved). */
async function recoversTo(address: Hex, hash: Hex, signature: Hex): Promise<boolean> {
  if (size(signature) !== 65) return false;
  try {
    return isAddressEqual(await recoverAddress({ hash, signature }), address);
  } catch {
    return false;
  }
}

/**
 * Verifies wallet signatures the way Plaza accepts them everywhere an account signs (Sign-In with
 * Ethereum, download requests, payout links): first by local recovery, which is all a key's
 * (EOA's) signature needs; only when that fails, and a chain is configured, through viem's
 * public-client `verifyHash` on that chain, which asks a deployed contract wallet
 * (`isValidSignature`, ERC-1271) or runs the ERC-6492 validator for one not deployed yet.
 *
 * A chain that cannot be reached answers `UNAVAILABLE` (retryable), never "invalid".
 *
 * @example
 * const wallets = createWalletVerifier(publisher?.client ?? null);
 * if (!(await wallets.verifyMessage({ address, message, signature }))) throw …;
 */
export function createWalletVerifier(client: WalletChainClient | null): WalletVerifier {
  const verifyHash = async (params: { address: Hex; hash: Hex; signature: Hex }) => {
    if (await recoversTo(params.address, params.hash, params.signature)) return true;
    if (!client) return false;
    try {
      return await client.verifyHash(params);
    } catch (cause) {
      throw new AppError(
        'UNAVAILABLE',
        `Could not ask the chain whether ${params.address} signed: it did not answer.`,
        { cause },
      );
    }
  };
  return {
    verifyHash,
    verifyMessage: (params) =>
      verifyHash({
        address: params.address,
        hash: hashMessage(params.message),
        signature: params.signature,
      }),
    verifyTypedData: ({ address, signature, ...typed }) => {
      let hash: Hex;
      try {
        hash = hashTypedData(typed as TypedDataDefinition);
      } catch {
        return Promise.resolve(false);
      }
      return verifyHash({ address, hash, signature });
    },
  };
}
