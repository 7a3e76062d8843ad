import { plazaAbi } from '@plaza/contracts/abis/plaza';
import { testUsdAbi } from '@plaza/contracts/abis/test-usd';
import { downloadRequestTypes, plazaDomain } from '@plaza/protocol';
import { erc20Abi } from 'viem';
import { toWalletError } from '../auth/wallet-errors.ts';
import type { PlazaChain, PlazaWriteName } from './plaza-chain.ts';
import { type PlazaChainClients, sendTransaction } from './plaza-chain-clients.ts';

/**
 * The Plaza ABI plus the ERC-20 errors (OpenZeppelin's `IERC20Errors`, from TestUSD's ABI): when
 * `proposeLicense` cannot pull the price, the token's error bubbles up and is named too.
 */
const abi = [...plazaAbi, ...testUsdAbi.filter((item) => item.type === 'error')];

/** What each write is, in the words of "You declined the request to …". */
const STEPS: Record<PlazaWriteName, string> = {
  claimShares: 'claim your shares',
  vote: 'vote',
  voteWithProof: 'claim your shares and vote',
  settle: 'settle the proposal',
  claimRevenue: 'claim your revenue',
  proposeLicense: 'propose the license',
  proposeSweepTo: 'propose a sweep destination',
};

/** The wallet's writes: Plaza transactions, token approvals, the download request's signature. */
export function createPlazaWrites(
  clients: PlazaChainClients,
): Pick<PlazaChain, 'write' | 'approve' | 'signDownloadRequest'> {
  const { account, plaza, publicClient, walletClient } = clients;
  return {
    write(functionName, args, onSent) {
      return sendTransaction(
        clients,
        STEPS[functionName],
        async () => {
          // Simulate first: a revert comes back with its data, which viem decodes by error name.
          const { request } = await publicClient.simulateContract({
            address: plaza,
            abi,
            functionName,
            args,
            account,
          } as never);
          return walletClient.writeContract(request as never);
        },
        onSent,
      );
    },

    approve(token, amount, onSent) {
      return sendTransaction(
        clients,
        'approve the token',
        async () => {
          const { request } = await publicClient.simulateContract({
            address: token,
            abi: erc20Abi,
            functionName: 'approve',
            args: [plaza, amount],
            account,
          });
          return walletClient.writeContract(request);
        },
        onSent,
      );
    },

    async signDownloadRequest(message) {
      try {
        return await walletClient.signTypedData({
          account,
          domain: plazaDomain({ chainId: message.chainId, coordinator: message.coordinator }),
          types: downloadRequestTypes,
          primaryType: 'DownloadRequest',
          message: {
            buyer: account,
            datasetId: message.datasetId,
            version: message.version,
            issuedAt: BigInt(message.issuedAt),
          },
        });
      } catch (cause) {
        throw toWalletError(cause, 'sign the download request');
      }
    },
  };
}
