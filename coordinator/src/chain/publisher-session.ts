import { plazaAbi } from '@plaza/contracts';
import {
  type Address,
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  type PrivateKeyAccount,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { type RetryPolicy, retryUnavailable, sendOnce } from './send-once.ts';

/** What every publisher step shares: the clients, the key, and sends and reads that survive faults. */
export interface PublisherSession {
  chainId: number;
  plaza: Address;
  account: PrivateKeyAccount;
  pub: ReturnType<typeof createPublicClient>;
  contract: { readonly address: Address; readonly abi: typeof plazaAbi };
  /**
   * Sends one transaction at most once, remembered in `intentFile` (see `sendOnce`): a call to the
   * Plaza contract, or with `to` to another address (the publisher itself, for a commitment).
   */
  sendCall: (
    intentFile: string,
    what: string,
    data: Hex,
    to?: Address,
  ) => ReturnType<typeof sendOnce>;
  /** A read that waits out an unreachable chain. */
  read: <T>(call: () => Promise<T>) => Promise<T>;
}

/** Builds the session of the publisher's key on a chain. */
export function createPublisherSession(params: {
  rpcUrl: string;
  chainId: number;
  plaza: Address;
  privateKey: Hex;
  retry?: RetryPolicy;
}): PublisherSession {
  const policy = params.retry;
  const account = privateKeyToAccount(params.privateKey);
  const chain = {
    id: params.chainId,
    name: `chain ${params.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [params.rpcUrl] } },
  } as const;
  const transport = http(params.rpcUrl, { retryCount: 3 });
  const pub = createPublicClient({ chain, transport });
  const wallet = createWalletClient({ account, chain, transport });

  /** Signs a call (to the Plaza contract by default) at the account's next nonce, not yet broadcast. */
  const signCall = (data: Hex, to: Address) => async () => {
    const request = await wallet.prepareTransactionRequest({ account, chain, to, data });
    return { raw: await wallet.signTransaction(request), nonce: request.nonce };
  };
  return {
    chainId: params.chainId,
    plaza: params.plaza,
    account,
    pub,
    contract: { address: params.plaza, abi: plazaAbi },
    sendCall: (intentFile, what, data, to = params.plaza) =>
      sendOnce(intentFile, {
        client: pub,
        from: account.address,
        scope: `${params.chainId}:${params.plaza}`,
        sign: signCall(data, to),
        what,
        policy,
      }),
    read: (call) => retryUnavailable(call, policy),
  };
}
