import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { plazaAbi } from '@plaza/contracts';
import {
  type Address,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  type Hex,
  http,
  keccak256,
  parseEventLogs,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { AppError } from '../errors.ts';
import { type RetryPolicy, retryUnavailable, sendOnce } from './send-once.ts';

/** Dataset parameters a campaign's dataset is registered with (the contract's `DatasetParams`). */
export interface DatasetDefaults {
  votingPeriod: number;
  quorumBps: number;
  rootTimelock: number;
  maxLicenseDuration: number;
  reservePrice: bigint;
  paymentTokens: Address[];
}

/**
 * The dataset parameters Plaza registers with by default: a one-hour vote, 20 % quorum, no root
 * timelock, licenses of up to a year, and a reserve price of 1 unit of a 6-decimal stablecoin
 * (1 TestUSD on a local chain), paid in `paymentToken`.
 */
export function defaultDatasetParams(paymentToken: Address): DatasetDefaults {
  return {
    votingPeriod: 3600,
    quorumBps: 2000,
    rootTimelock: 0,
    maxLicenseDuration: 365 * 86_400,
    reservePrice: 10n ** 6n,
    paymentTokens: [paymentToken],
  };
}

/** Where a campaign's on-chain dataset is recorded, beside its versions. */
interface DatasetRecord {
  chainId: number;
  plaza: Address;
  datasetId: string;
  txHash: Hex;
}

/** A version's publication, written beside its manifest. */
export interface PublicationRecord {
  chainId: number;
  plaza: Address;
  datasetId: string;
  version: number;
  txHash: Hex | null;
  manifestHash: Hex;
  activated: boolean;
}

/**
 * The coordinator's publisher path: registers a campaign's dataset once (recorded in
 * `<exports>/<campaign>/dataset.json`), and proposes and activates versions. Publishing is
 * idempotent: a version whose root is already on chain is not proposed again, so a retry after a
 * crash or an RPC failure never publishes twice.
 */
export function createPublisher(params: {
  rpcUrl: string;
  chainId: number;
  plaza: Address;
  privateKey: Hex;
  defaults: DatasetDefaults;
  /** Blocks the indexer waits on top of a block. @default 0 */
  confirmations?: number;
  /** How long a publication keeps retrying an unreachable chain. */
  retry?: RetryPolicy;
}) {
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
  const contract = { address: params.plaza, abi: plazaAbi } as const;

  /** Signs a call to the Plaza contract at the account's next nonce (not yet broadcast). */
  const signCall = (data: Hex) => async () => {
    const request = await wallet.prepareTransactionRequest({
      account,
      chain,
      to: params.plaza,
      data,
    });
    return { raw: await wallet.signTransaction(request), nonce: request.nonce };
  };
  /** Sends one transaction at most once, remembered in `intentFile` (see `sendOnce`). */
  const sendCall = (intentFile: string, what: string, data: Hex) =>
    sendOnce(intentFile, {
      client: pub,
      from: account.address,
      scope: `${params.chainId}:${params.plaza}`,
      sign: signCall(data),
      what,
      policy,
    });
  /** A read that waits out an unreachable chain. */
  const read = <T>(call: () => Promise<T>) => retryUnavailable(call, policy);

  return {
    address: account.address,
    chainId: params.chainId,
    plaza: params.plaza,
    /** A read client of the chain (the indexer follows events with it). */
    client: pub,
    confirmations: params.confirmations ?? 0,

    /** The campaign's dataset id on chain, registering it the first time. */
    async ensureDataset(campaignDir: string): Promise<bigint> {
      const file = join(campaignDir, 'dataset.json');
      const saved = await readFile(file, 'utf8')
        .then((text) => JSON.parse(text) as DatasetRecord)
        .catch(() => null);
      if (saved && saved.chainId === params.chainId && saved.plaza === params.plaza) {
        return BigInt(saved.datasetId);
      }
      const d = params.defaults;
      // Simulated first so a refusal names the contract's error; then sent at most once, even if
      // the answer is lost or the process dies before dataset.json is written.
      const args = [
        {
          publisher: account.address,
          votingPeriod: d.votingPeriod,
          quorumBps: d.quorumBps,
          rootTimelock: d.rootTimelock,
          maxLicenseDuration: d.maxLicenseDuration,
          reservePrice: d.reservePrice,
          feeBps: 0,
          feeRecipient: '0x0000000000000000000000000000000000000000',
          paymentTokens: d.paymentTokens,
        },
      ] as const;
      await read(() =>
        pub.simulateContract({ ...contract, account, functionName: 'registerDataset', args }),
      );
      const receipt = await sendCall(
        join(campaignDir, 'dataset.intent.json'),
        'the dataset registration',
        encodeFunctionData({ abi: plazaAbi, functionName: 'registerDataset', args }),
      );
      const txHash = receipt.transactionHash;
      const [event] = parseEventLogs({
        abi: plazaAbi,
        eventName: 'DatasetRegistered',
        logs: receipt.logs,
      });
      if (!event) throw new AppError('UNAVAILABLE', `No DatasetRegistered event in ${txHash}.`);
      const datasetId = event.args.datasetId;
      const record: DatasetRecord = {
        chainId: params.chainId,
        plaza: params.plaza,
        datasetId: String(datasetId),
        txHash,
      };
      await writeFile(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
      await rename(`${file}.tmp`, file);
      return datasetId;
    },

    /**
     * Commits a version's rows root on chain, as the data of a transaction from the publisher to
     * itself (sent at most once, remembered in `intentFile`), and answers with the hash of the
     * block that included it: attribution rule v2's beacon, unknown to anyone before the rows
     * were fixed.
     */
    async commitBeacon(intentFile: string, rowsRoot: Hex) {
      const receipt = await sendOnce(intentFile, {
        client: pub,
        from: account.address,
        scope: `${params.chainId}:${params.plaza}`,
        sign: async () => {
          const request = await wallet.prepareTransactionRequest({
            account,
            chain,
            to: account.address,
            data: rowsRoot,
          });
          return { raw: await wallet.signTransaction(request), nonce: request.nonce };
        },
        what: 'the rows root commitment',
        policy,
      });
      return {
        kind: 'block' as const,
        value: receipt.blockHash,
        chainId: params.chainId,
        blockNumber: String(receipt.blockNumber),
        txHash: receipt.transactionHash,
      };
    },

    /** Whether `buyer` holds an approved license of the version now, and until when (0: none). */
    async licenseOf(
      buyer: Address,
      datasetId: bigint,
      version: number,
    ): Promise<{ valid: boolean; expiresAt: number }> {
      const [valid, expiresAt] = await Promise.all([
        pub.readContract({
          ...contract,
          functionName: 'hasValidLicense',
          args: [buyer, datasetId, version],
        }),
        pub.readContract({
          ...contract,
          functionName: 'licenseExpiry',
          args: [buyer, datasetId, version],
        }),
      ]);
      return { valid, expiresAt: Number(expiresAt) };
    },

    /** How many versions the dataset has on chain. */
    async versionCount(datasetId: bigint): Promise<number> {
      const dataset = await read(() =>
        pub.readContract({ ...contract, functionName: 'getDataset', args: [datasetId] }),
      );
      return Number(dataset.versionCount);
    },

    /**
     * Proposes a frozen version (root, total, manifest hash and URI) unless the chain already has
     * it, activates it once its timelock has passed, and records the publication beside the
     * manifest. Refuses when the chain holds a different root for that version number. Each
     * transaction is sent at most once (see `sendOnce`), so retrying after a lost answer, a chain
     * restart or a crash cannot propose a version twice.
     */
    async publishVersion(
      versionDir: string,
      version: { datasetId: bigint; version: number; sharesRoot: Hex; totalShares: bigint },
      manifestUri: string,
    ): Promise<PublicationRecord> {
      const manifestHash = keccak256(await readFile(join(versionDir, 'manifest.json')));
      const count = await this.versionCount(version.datasetId);
      let txHash: Hex | null = null;
      const getVersion = () =>
        read(() =>
          pub.readContract({
            ...contract,
            functionName: 'getVersion',
            args: [version.datasetId, version.version],
          }),
        );
      if (count >= version.version) {
        const onChain = await getVersion();
        if (onChain.sharesRoot !== version.sharesRoot) {
          throw new AppError(
            'CONTRIBUTION_CONFLICT',
            `Version ${version.version} of dataset ${version.datasetId} is on chain with another root (${onChain.sharesRoot}).`,
          );
        }
      } else if (count === version.version - 1) {
        const args = [
          version.datasetId,
          version.sharesRoot,
          version.totalShares,
          manifestHash,
          manifestUri,
        ] as const;
        await read(() =>
          pub.simulateContract({ ...contract, account, functionName: 'proposeVersion', args }),
        );
        const receipt = await sendCall(
          join(versionDir, 'propose.intent.json'),
          `the proposal of version ${version.version}`,
          encodeFunctionData({ abi: plazaAbi, functionName: 'proposeVersion', args }),
        );
        txHash = receipt.transactionHash;
      } else {
        throw new AppError(
          'CONTRIBUTION_CONFLICT',
          `Dataset ${version.datasetId} has ${count} versions on chain; version ${version.version} cannot be next.`,
        );
      }
      const onChain = await getVersion();
      const block = await read(() => pub.getBlock());
      // VersionStatus: 1 Pending, 2 Active.
      let activated = onChain.status === 2;
      if (onChain.status === 1 && block.timestamp >= BigInt(onChain.activatesAt)) {
        const args = [version.datasetId, version.version] as const;
        await read(() =>
          pub.simulateContract({ ...contract, account, functionName: 'activateVersion', args }),
        );
        await sendCall(
          join(versionDir, 'activate.intent.json'),
          `the activation of version ${version.version}`,
          encodeFunctionData({ abi: plazaAbi, functionName: 'activateVersion', args }),
        );
        activated = true;
      }
      const record: PublicationRecord = {
        chainId: params.chainId,
        plaza: params.plaza,
        datasetId: String(version.datasetId),
        version: version.version,
        txHash,
        manifestHash,
        activated,
      };
      const file = join(versionDir, 'publication.json');
      await writeFile(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
      await rename(`${file}.tmp`, file);
      return record;
    },
  };
}

/** The publisher `createPublisher` returns. */
export type Publisher = ReturnType<typeof createPublisher>;
