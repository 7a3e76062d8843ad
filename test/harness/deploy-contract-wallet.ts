import { anvilDeployerPrivateKey } from '@plaza/contracts';
import { ownedWalletAbi, ownedWalletBytecode } from '@plaza/contracts/mocks/owned-wallet';
import { createPublicClient, createWalletClient, defineChain, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { TestChain } from './start-test-chain.ts';

/**
 * Deploys an ERC-1271 contract wallet (the test `OwnedWallet`: Safe-like, it executes its owner's
 * calls and accepts its owner's signatures) owned by `owner`, from anvil's deployer account.
 */
export async function deployContractWallet(
  chain: Pick<TestChain, 'chainId' | 'rpcUrl'>,
  owner: `0x${string}`,
): Promise<`0x${string}`> {
  const viemChain = defineChain({
    id: chain.chainId,
    name: 'anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [chain.rpcUrl] } },
  });
  const deployer = createWalletClient({
    account: privateKeyToAccount(anvilDeployerPrivateKey),
    chain: viemChain,
    transport: http(chain.rpcUrl),
  });
  const hash = await deployer.deployContract({
    abi: ownedWalletAbi,
    bytecode: ownedWalletBytecode,
    args: [owner],
  });
  const receipt = await createPublicClient({
    chain: viemChain,
    transport: http(chain.rpcUrl),
  }).waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (!receipt.contractAddress) throw new Error('The contract wallet was not deployed.');
  return receipt.contractAddress;
}
