import { type Address, erc20Abi } from 'viem';
import type { Deps } from '../deps.ts';

/** A payment token's symbol and decimals (null where the token does not say). */
export interface TokenInfo {
  symbol: string | null;
  decimals: number | null;
}

/** Token metadata never changes: read once per chain and token, kept for the process. */
const known = new Map<string, Promise<TokenInfo>>();

/**
 * The symbol and decimals of an ERC-20 payment token, read by the coordinator from its chain (the
 * extension and the web app then need no RPC to show amounts in the token's units). A token that
 * does not answer (or no chain) gives nulls, and is asked again next time.
 */
export function tokenInfo(deps: Pick<Deps, 'publisher'>, token: Address): Promise<TokenInfo> {
  const publisher = deps.publisher;
  if (!publisher) return Promise.resolve({ symbol: null, decimals: null });
  const key = `${publisher.chainId}:${token.toLowerCase()}`;
  let reading = known.get(key);
  if (!reading) {
    const read = <T>(functionName: 'symbol' | 'decimals') =>
      publisher.client
        .readContract({ address: token, abi: erc20Abi, functionName })
        .then((value) => value as T)
        .catch(() => null);
    reading = Promise.all([read<string>('symbol'), read<number>('decimals')]).then(
      ([symbol, decimals]) => {
        if (symbol === null || decimals === null) known.delete(key);
        return {
          symbol: symbol === null ? null : symbol.slice(0, 32),
          decimals: decimals === null ? null : Number(decimals),
        };
      },
    );
    known.set(key, reading);
  }
  return reading;
}
