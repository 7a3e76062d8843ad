import {
  type Address,
  type ContractEventName,
  getAddress,
  getContract,
  type Hex,
  keccak256,
  parseEventLogs,
  type TransactionReceipt,
  toHex,
} from 'viem';
import { plazaAbi, plazaBytecode } from '../../src/generated/plaza.ts';
import { testUsdAbi, testUsdBytecode } from '../../src/generated/test-usd.ts';
import { buildSharesTree, type ShareHolder, type SharesTree } from '../../src/shares-tree.ts';
import { addressOf, type ChainClient, mined, receiptOf, type TestChain } from './chain.ts';

/** Roles used across the tests. */
export const roles = {
  deployer: addressOf('deployer'),
  guardian: addressOf('guardian'),
  publisher: addressOf('publisher'),
  feeRecipient: addressOf('fee-recipient'),
  buyer: addressOf('buyer'),
  stranger: addressOf('stranger'),
  treasury: addressOf('treasury'),
} as const;

export const HOUR = 3600;
export const DAY = 24 * HOUR;

/** Dataset parameters as the contract takes them. */
export interface DatasetParams {
  publisher: Address;
  votingDelay: number;
  votingPeriod: number;
  quorumBps: number;
  rootTimelock: number;
  claimPeriodDays: number;
  maxLicenseDuration: number;
  feeBps: number;
  feeRecipient: Address;
  sweepTo: Address;
  paymentTokens: readonly { token: Address; reservePrice: bigint }[];
}

/**
 * What tests override when registering: any parameter, and the payment tokens as a plain list that
 * all get `reservePrice` (the default reserve when it is not given).
 */
export type DatasetOptions = Partial<Omit<DatasetParams, 'paymentTokens'>> & {
  paymentTokens?: readonly Address[];
  reservePrice?: bigint;
};

/** Deploys a contract from an artifact and returns its address. */
export async function deploy(
  client: ChainClient,
  artifact: { abi: readonly unknown[]; bytecode: Hex },
  args: readonly unknown[] = [],
  from: Address = roles.deployer,
): Promise<Address> {
  const hash = await client.deployContract({
    abi: artifact.abi as never,
    bytecode: artifact.bytecode,
    args: args as never,
    account: from,
  } as never);
  const receipt = await receiptOf(client, hash);
  if (receipt.contractAddress == null || receipt.status !== 'success')
    throw new Error('deployment failed');
  return getAddress(receipt.contractAddress);
}

/** Plaza, TestUSD and helpers over one chain. */
export async function createPlazaFixture(chain: TestChain) {
  const { client } = chain;
  const plazaAddress = await deploy(client, { abi: plazaAbi, bytecode: plazaBytecode }, [
    roles.guardian,
  ]);
  const usdAddress = await deploy(client, { abi: testUsdAbi, bytecode: testUsdBytecode });
  const plaza = getContract({ address: plazaAddress, abi: plazaAbi, client });
  const usd = getContract({ address: usdAddress, abi: testUsdAbi, client });

  /** No voting delay (tests that need one set it), so a proposal can be voted on at once. */
  const defaultParams = (): DatasetParams => ({
    publisher: roles.publisher,
    votingDelay: 0,
    votingPeriod: 3 * DAY,
    quorumBps: 2_000,
    rootTimelock: DAY,
    claimPeriodDays: 365,
    maxLicenseDuration: 365 * DAY,
    feeBps: 0,
    feeRecipient: '0x0000000000000000000000000000000000000000',
    sweepTo: roles.treasury,
    paymentTokens: [{ token: usdAddress, reservePrice: 100n * 10n ** 6n }],
  });

  /** The contract's parameters for `options` over the defaults. */
  function paramsOf(options: DatasetOptions = {}): DatasetParams {
    const { paymentTokens, reservePrice, ...rest } = options;
    const defaults = defaultParams();
    const reserve = reservePrice ?? defaults.paymentTokens[0]!.reservePrice;
    return {
      ...defaults,
      ...rest,
      paymentTokens: (paymentTokens ?? [usdAddress]).map((token) => ({
        token,
        reservePrice: reserve,
      })),
    };
  }

  const send = (sent: Promise<Hex>): Promise<TransactionReceipt> => mined(client, sent);

  async function registerDataset(options: DatasetOptions = {}): Promise<bigint> {
    const params = paramsOf(options);
    const receipt = await send(plaza.write.registerDataset([params], { account: roles.stranger }));
    const [event] = parseEventLogs({
      abi: plazaAbi,
      logs: receipt.logs,
      eventName: 'DatasetRegistered',
    });
    if (event === undefined) throw new Error('no DatasetRegistered event');
    return event.args.datasetId;
  }

  /** Proposes a version for `holders` and, unless `activate` is false, waits out the timelock and activates it. */
  async function publishVersion(
    datasetId: bigint,
    holders: readonly ShareHolder[],
    options: { activate?: boolean; totalShares?: bigint; tree?: SharesTree } = {},
  ): Promise<{ version: number; tree: SharesTree }> {
    const dataset = await plaza.read.getDataset([datasetId]);
    const version = dataset.versionCount + 1;
    const tree =
      options.tree ?? (await buildSharesTree({ datasetId, version: BigInt(version), holders }));
    const manifestHash = keccak256(toHex(`manifest ${datasetId}/${version}`));
    await send(
      plaza.write.proposeVersion(
        [
          datasetId,
          tree.root,
          options.totalShares ?? tree.totalShares,
          manifestHash,
          `ipfs://manifest-${version}`,
        ],
        { account: dataset.publisher },
      ),
    );
    if (options.activate !== false) {
      await chain.warp(dataset.rootTimelock);
      await send(plaza.write.activateVersion([datasetId, version], { account: roles.stranger }));
    }
    return { version, tree };
  }

  async function claim(
    datasetId: bigint,
    version: number,
    tree: SharesTree,
    index: number,
  ): Promise<TransactionReceipt> {
    const leaf = tree.leaves[index];
    if (leaf === undefined) throw new Error(`no leaf ${index}`);
    return send(
      plaza.write.claimShares([datasetId, version, index, leaf[3], leaf[4], tree.getProof(index)], {
        account: roles.stranger,
      }),
    );
  }

  /** Mints `price` to the buyer, approves Plaza, and proposes; returns the proposal id. */
  async function proposeLicense(
    datasetId: bigint,
    version: number,
    options: {
      buyer?: Address;
      price?: bigint;
      duration?: number;
      token?: Address;
      terms?: string;
    } = {},
  ): Promise<{ proposalId: bigint; receipt: TransactionReceipt }> {
    const buyer = options.buyer ?? roles.buyer;
    const price = options.price ?? 1_000n * 10n ** 6n;
    const token = options.token ?? usdAddress;
    const tokenContract = getContract({ address: token, abi: testUsdAbi, client });
    await send(tokenContract.write.mint([buyer, price], { account: buyer }));
    await send(tokenContract.write.approve([plazaAddress, price], { account: buyer }));
    const receipt = await send(
      plaza.write.proposeLicense(
        [
          datasetId,
          version,
          token,
          price,
          options.duration ?? 30 * DAY,
          keccak256(toHex(options.terms ?? 'terms')),
        ],
        { account: buyer },
      ),
    );
    const [event] = parseEventLogs({
      abi: plazaAbi,
      logs: receipt.logs,
      eventName: 'LicenseProposed',
    });
    if (event === undefined) throw new Error('no LicenseProposed event');
    return { proposalId: event.args.proposalId, receipt };
  }

  return {
    chain,
    client,
    plaza,
    usd,
    plazaAddress,
    usdAddress,
    defaultParams,
    paramsOf,
    send,
    registerDataset,
    publishVersion,
    claim,
    proposeLicense,
  };
}

export type PlazaFixture = Awaited<ReturnType<typeof createPlazaFixture>>;

/** `n` holders with distinct addresses and amounts `base, base+1, ...`. */
export function makeHolders(n: number, label = 'holder', base = 1_000n): ShareHolder[] {
  return Array.from({ length: n }, (_, i) => ({
    account: addressOf(`${label}-${i}`),
    amount: base + BigInt(i),
  }));
}

/** Events of one name in a receipt, decoded with Plaza's ABI. */
export function eventsOf<const N extends ContractEventName<typeof plazaAbi>>(
  receipt: TransactionReceipt,
  eventName: N,
) {
  return parseEventLogs({ abi: plazaAbi, logs: receipt.logs, eventName });
}
