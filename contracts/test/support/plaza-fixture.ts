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
  const contracts = await deployPlazaContracts(chain);
  const { client, usdAddress } = contracts;
  return {
    ...contracts,
    defaultParams: () => defaultParamsFor(usdAddress),
    paramsOf: (options: DatasetOptions = {}) => paramsFor(usdAddress, options),
    send: (sent: Promise<Hex>): Promise<TransactionReceipt> => mined(client, sent),
    registerDataset: (options: DatasetOptions = {}) => registerDatasetOn(contracts, options),
    publishVersion: (
      datasetId: bigint,
      holders: readonly ShareHolder[],
      options: PublishVersionOptions = {},
    ) => publishVersionOn(contracts, datasetId, holders, options),
    claim: (datasetId: bigint, version: number, tree: SharesTree, index: number) =>
      claimOn(contracts, { datasetId, version, tree, index }),
    proposeLicense: (datasetId: bigint, version: number, options: ProposeLicenseOptions = {}) =>
      proposeLicenseOn(contracts, datasetId, version, options),
  };
}

/** Plaza (guarded by `roles.guardian`) and TestUSD, deployed on `chain`. */
async function deployPlazaContracts(chain: TestChain) {
  const { client } = chain;
  const plazaAddress = await deploy(client, { abi: plazaAbi, bytecode: plazaBytecode }, [
    roles.guardian,
  ]);
  const usdAddress = await deploy(client, { abi: testUsdAbi, bytecode: testUsdBytecode });
  return {
    chain,
    client,
    plaza: getContract({ address: plazaAddress, abi: plazaAbi, client }),
    usd: getContract({ address: usdAddress, abi: testUsdAbi, client }),
    plazaAddress,
    usdAddress,
  };
}

type PlazaContracts = Awaited<ReturnType<typeof deployPlazaContracts>>;

/** Options of the fixture's `publishVersion`. */
export interface PublishVersionOptions {
  activate?: boolean;
  totalShares?: bigint;
  tree?: SharesTree;
}

/** Options of the fixture's `proposeLicense`. */
export interface ProposeLicenseOptions {
  buyer?: Address;
  price?: bigint;
  duration?: number;
  token?: Address;
  terms?: string;
}

/** No voting delay (tests that need one set it), so a proposal can be voted on at once. */
function defaultParamsFor(usdAddress: Address): DatasetParams {
  return {
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
  };
}

/** The contract's parameters for `options` over the defaults. */
function paramsFor(usdAddress: Address, options: DatasetOptions = {}): DatasetParams {
  const { paymentTokens, reservePrice, ...rest } = options;
  const defaults = defaultParamsFor(usdAddress);
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

/** Registers a dataset (as `roles.stranger`) and returns its id. */
async function registerDatasetOn(
  contracts: PlazaContracts,
  options: DatasetOptions = {},
): Promise<bigint> {
  const { client, plaza } = contracts;
  const params = paramsFor(contracts.usdAddress, options);
  const receipt = await mined(
    client,
    plaza.write.registerDataset([params], { account: roles.stranger }),
  );
  const [event] = parseEventLogs({
    abi: plazaAbi,
    logs: receipt.logs,
    eventName: 'DatasetRegistered',
  });
  if (event === undefined) throw new Error('no DatasetRegistered event');
  return event.args.datasetId;
}

/** Proposes a version for `holders` and, unless `activate` is false, waits out the timelock and activates it. */
async function publishVersionOn(
  contracts: PlazaContracts,
  datasetId: bigint,
  holders: readonly ShareHolder[],
  options: PublishVersionOptions = {},
): Promise<{ version: number; tree: SharesTree }> {
  const { chain, client, plaza } = contracts;
  const dataset = await plaza.read.getDataset([datasetId]);
  const version = dataset.versionCount + 1;
  const tree =
    options.tree ?? (await buildSharesTree({ datasetId, version: BigInt(version), holders }));
  const manifestHash = keccak256(toHex(`manifest ${datasetId}/${version}`));
  await mined(
    client,
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
    await mined(
      client,
      plaza.write.activateVersion([datasetId, version], { account: roles.stranger }),
    );
  }
  return { version, tree };
}

/** Claims the shares of the leaf at `index` (sent by `roles.stranger` for its account). */
async function claimOn(
  contracts: PlazaContracts,
  claim: { datasetId: bigint; version: number; tree: SharesTree; index: number },
): Promise<TransactionReceipt> {
  const { datasetId, version, tree, index } = claim;
  const leaf = tree.leaves[index];
  if (leaf === undefined) throw new Error(`no leaf ${index}`);
  return mined(
    contracts.client,
    contracts.plaza.write.claimShares(
      [datasetId, version, index, leaf[3], leaf[4], tree.getProof(index)],
      { account: roles.stranger },
    ),
  );
}

/** Mints `price` to the buyer, approves Plaza, and proposes; returns the proposal id. */
async function proposeLicenseOn(
  contracts: PlazaContracts,
  datasetId: bigint,
  version: number,
  options: ProposeLicenseOptions = {},
): Promise<{ proposalId: bigint; receipt: TransactionReceipt }> {
  const { client, plaza } = contracts;
  const buyer = options.buyer ?? roles.buyer;
  const price = options.price ?? 1_000n * 10n ** 6n;
  const token = options.token ?? contracts.usdAddress;
  const tokenContract = getContract({ address: token, abi: testUsdAbi, client });
  await mined(client, tokenContract.write.mint([buyer, price], { account: buyer }));
  await mined(
    client,
    tokenContract.write.approve([contracts.plazaAddress, price], { account: buyer }),
  );
  const receipt = await mined(
    client,
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
