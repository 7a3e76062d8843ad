import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { plazaAbi } from '@plaza/contracts';
import { type Address, encodeFunctionData, type Hex, parseEventLogs, zeroAddress } from 'viem';
import { AppError } from '../errors.ts';
import type { DatasetDefaults } from './governance-config.ts';
import { activateIfDue, type PublicationRecord, publishVersion } from './publish-version.ts';
import { createPublisherSession } from './publisher-session.ts';
import type { RetryPolicy } from './send-once.ts';

export type { DatasetDefaults } from './governance-config.ts';
export type { PublicationRecord } from './publish-version.ts';

/** Where a campaign's on-chain dataset is recorded, beside its versions. */
interface DatasetRecord {
  chainId: number;
  plaza: Address;
  datasetId: string;
  txHash: Hex;
}

/**
 * The coordinator's publisher path: registers a campaign's dataset once (recorded in
 * `<exports>/<campaign>/dataset.json`), proposes versions and records their activation once their
 * timelock has passed. Publishing is idempotent: a version whose root is already on chain is not
 * proposed again, so a retry after a crash or an RPC failure never publishes twice.
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
  const session = createPublisherSession(params);
  const { pub, account, contract, read, sendCall } = session;

  return {
    address: account.address,
    chainId: params.chainId,
    plaza: params.plaza,
    /** The parameters new datasets are registered with. */
    defaults: params.defaults,
    /** A read client of the chain (the indexer follows events with it). */
    client: pub,
    confirmations: params.confirmations ?? 0,

    /** The contract's guardian, who may revoke versions during their timelock. */
    guardian(): Promise<Address> {
      return read(() => pub.readContract({ ...contract, functionName: 'guardian' }));
    },

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
          votingDelay: d.votingDelay,
          votingPeriod: d.votingPeriod,
          quorumBps: d.quorumBps,
          rootTimelock: d.rootTimelock,
          claimPeriodDays: d.claimPeriodDays,
          maxLicenseDuration: d.maxLicenseDuration,
          feeBps: 0,
          feeRecipient: zeroAddress,
          sweepTo: d.sweepTo ?? account.address,
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
      const receipt = await sendCall(
        intentFile,
        'the rows root commitment',
        rowsRoot,
        account.address,
      );
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
     * Proposes a frozen version unless the chain already has it, records its activation once its
     * timelock has passed, and writes the publication beside the manifest (see `publishVersion`).
     */
    publishVersion(
      versionDir: string,
      version: { datasetId: bigint; version: number; sharesRoot: Hex; totalShares: bigint },
      manifestUri: string,
    ): Promise<PublicationRecord> {
      return publishVersion(session, versionDir, version, manifestUri);
    },

    /** Records a published version's activation once its timelock has passed (see `activateIfDue`). */
    activateIfDue(versionDir: string, version: { datasetId: bigint; version: number }) {
      return activateIfDue(session, versionDir, version);
    },
  };
}

/** The publisher `createPublisher` returns. */
export type Publisher = ReturnType<typeof createPublisher>;
