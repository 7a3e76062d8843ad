import {
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  type Hex,
  http,
  type PublicClient,
  type TransactionReceipt,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { plazaAbi, plazaBytecode } from './generated/plaza.ts';
import { testUsdAbi, testUsdBytecode } from './generated/test-usd.ts';

/** Options for {@link deployPlaza}. */
export interface DeployPlazaParams {
  /** JSON-RPC URL of any EVM chain (a local anvil, a testnet, ...). */
  rpcUrl: string;
  /** Key of the funded deployer account. */
  privateKey: Hex;
  /** Who may revoke versions during their timelock. @default the deployer */
  guardian?: Address;
  /**
   * Also deploy TestUSD (6 decimals, open mint) and mint `mintAmount` to each of `mintTo`.
   * @default false
   */
  testUsd?: boolean | { mintTo?: readonly Address[]; mintAmount?: bigint };
  /** Receipt polling interval in milliseconds. @default 100 */
  pollingIntervalMs?: number;
}

/** Where the contracts landed. */
export interface PlazaDeployment {
  chainId: number;
  plaza: Address;
  /** Set when TestUSD was asked for. */
  testUsd?: Address;
  deployer: Address;
  guardian: Address;
  /** Block of the Plaza deployment; an indexer starts here. */
  blockNumber: bigint;
}

/** Thrown when a deployment transaction does not succeed. */
export class DeployPlazaError extends Error {
  readonly code = 'DEPLOY_PLAZA_FAILED';
  readonly retryable = true;
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'DeployPlazaError';
  }
}

/**
 * Deploys Plaza (and, when asked, TestUSD) with viem through any RPC URL. `plaza start` uses it against
 * a local anvil.
 *
 * @example
 * const anvil = await startAnvil();
 * const { plaza, testUsd } = await deployPlaza({ rpcUrl: anvil.rpcUrl, privateKey, testUsd: true });
 */
export async function deployPlaza(params: DeployPlazaParams): Promise<PlazaDeployment> {
  const account = privateKeyToAccount(params.privateKey);
  const transport = http(params.rpcUrl);
  const pollingInterval = params.pollingIntervalMs ?? 100;
  const probe = createPublicClient({ transport });
  const chainId = await probe.getChainId();
  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [params.rpcUrl] } },
  });
  const publicClient = createPublicClient({ chain, transport, pollingInterval });
  const wallet = createWalletClient({ account, chain, transport, pollingInterval });
  const guardian = params.guardian ?? account.address;

  const plazaHash = await wallet.deployContract({
    abi: plazaAbi,
    bytecode: plazaBytecode,
    args: [guardian],
  });
  const plazaReceipt = await confirm(publicClient, plazaHash, 'Plaza');
  const deployment: PlazaDeployment = {
    chainId,
    plaza: deployedAt(plazaReceipt, 'Plaza'),
    deployer: account.address,
    guardian,
    blockNumber: plazaReceipt.blockNumber,
  };
  if (params.testUsd !== undefined && params.testUsd !== false) {
    const usdHash = await wallet.deployContract({ abi: testUsdAbi, bytecode: testUsdBytecode });
    const testUsd = deployedAt(await confirm(publicClient, usdHash, 'TestUSD'), 'TestUSD');
    deployment.testUsd = testUsd;
    const mint = params.testUsd === true ? {} : params.testUsd;
    for (const to of mint.mintTo ?? []) {
      const hash = await wallet.writeContract({
        address: testUsd,
        abi: testUsdAbi,
        functionName: 'mint',
        args: [to, mint.mintAmount ?? 1_000_000n * 10n ** 6n],
      });
      await confirm(publicClient, hash, `TestUSD mint to ${to}`);
    }
  }
  return deployment;
}

async function confirm(client: PublicClient, hash: Hex, what: string): Promise<TransactionReceipt> {
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') {
    throw new DeployPlazaError(`${what} transaction ${hash} reverted`);
  }
  return receipt;
}

function deployedAt(receipt: TransactionReceipt, what: string): Address {
  if (receipt.contractAddress == null) {
    throw new DeployPlazaError(`${what} deployment ${receipt.transactionHash} created no contract`);
  }
  return getAddress(receipt.contractAddress);
}
