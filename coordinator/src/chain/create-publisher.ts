import type { Address, Hex } from 'viem';
import { commitBeacon } from './commit-beacon.ts';
import { ensureDataset } from './ensure-dataset.ts';
import type { DatasetDefaults } from './governance-config.ts';
import { activateIfDue, type PublicationRecord, publishVersion } from './publish-version.ts';
import { createPublisherSession } from './publisher-session.ts';
import type { RetryPolicy } from './send-once.ts';

export type { DatasetDefaults } from './governance-config.ts';
export type { PublicationRecord } from './publish-version.ts';

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
  const { pub, account, contract, read } = session;

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

    /** The campaign's dataset id on chain, registering it the first time (see `ensureDataset`). */
    ensureDataset(campaignDir: string): Promise<bigint> {
      return ensureDataset(session, params.defaults, campaignDir);
    },

    /** Commits a version's rows root on chain; its block hash is the beacon (see `commitBeacon`). */
    commitBeacon(intentFile: string, rowsRoot: Hex) {
      return commitBeacon(session, intentFile, rowsRoot);
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
