import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { plazaAbi } from '@plaza/contracts';
import { encodeFunctionData, type Hex, keccak256 } from 'viem';
import { AppError } from '../errors.ts';
import type { PublisherSession } from './publisher-session.ts';

/** A version's publication, written beside its manifest (`publication.json`). */
export interface PublicationRecord {
  chainId: number;
  plaza: `0x${string}`;
  datasetId: string;
  version: number;
  txHash: Hex | null;
  manifestHash: Hex;
  /** Claims and votes are open (the timelock is over) and the activation is recorded on chain. */
  activated: boolean;
  /** When the version's timelock ends (unix seconds); the guardian may revoke it until then. */
  activatesAt: number;
  /** The guardian or the publisher revoked it during its timelock: it never opens. */
  revoked?: boolean;
}

/** The version as the chain stores it (the fields publication reads). */
interface OnChainVersion {
  sharesRoot: Hex;
  activatesAt: number;
  status: number;
}

// VersionStatus: 1 Pending, 2 Active, 3 Revoked.
const PENDING = 1;
const ACTIVE = 2;
const REVOKED = 3;

/**
 * Proposes a frozen version (root, total, manifest hash and URI) unless the chain already has it,
 * records its activation once its timelock has passed, and writes the publication beside the
 * manifest. Refuses when the chain holds a different root for that version number. Each
 * transaction is sent at most once (see `sendOnce`), so retrying after a lost answer, a chain
 * restart or a crash cannot propose a version twice.
 */
export async function publishVersion(
  session: PublisherSession,
  versionDir: string,
  version: { datasetId: bigint; version: number; sharesRoot: Hex; totalShares: bigint },
  manifestUri: string,
): Promise<PublicationRecord> {
  const { pub, account, contract, read, sendCall } = session;
  const manifestHash = keccak256(await readFile(join(versionDir, 'manifest.json')));
  const dataset = await read(() =>
    pub.readContract({ ...contract, functionName: 'getDataset', args: [version.datasetId] }),
  );
  const count = Number(dataset.versionCount);
  let txHash: Hex | null = null;
  if (count >= version.version) {
    const onChain = await getVersion(session, version.datasetId, version.version);
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
  const state = await activateIfDue(session, versionDir, version);
  const record: PublicationRecord = {
    chainId: session.chainId,
    plaza: session.plaza,
    datasetId: String(version.datasetId),
    version: version.version,
    txHash,
    manifestHash,
    ...state,
  };
  await writePublication(versionDir, record);
  return record;
}

/**
 * Records a version's activation on chain (`activateVersion`, sent at most once) when its timelock
 * has passed and nobody has yet; says whether it is active, and when its timelock ends.
 */
export async function activateIfDue(
  session: PublisherSession,
  versionDir: string,
  version: { datasetId: bigint; version: number },
): Promise<Pick<PublicationRecord, 'activated' | 'activatesAt' | 'revoked'>> {
  const { pub, account, contract, read, sendCall } = session;
  const onChain = await getVersion(session, version.datasetId, version.version);
  const activatesAt = Number(onChain.activatesAt);
  if (onChain.status === REVOKED) return { activated: false, activatesAt, revoked: true };
  if (onChain.status === ACTIVE) return { activated: true, activatesAt };
  const block = await read(() => pub.getBlock());
  if (onChain.status !== PENDING || block.timestamp < BigInt(activatesAt)) {
    return { activated: false, activatesAt };
  }
  const args = [version.datasetId, version.version] as const;
  await read(() =>
    pub.simulateContract({ ...contract, account, functionName: 'activateVersion', args }),
  );
  await sendCall(
    join(versionDir, 'activate.intent.json'),
    `the activation of version ${version.version}`,
    encodeFunctionData({ abi: plazaAbi, functionName: 'activateVersion', args }),
  );
  return { activated: true, activatesAt };
}

/** Writes `publication.json` beside the manifest (aside, then renamed into place). */
export async function writePublication(versionDir: string, record: PublicationRecord) {
  const file = join(versionDir, 'publication.json');
  await writeFile(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

function getVersion(
  session: PublisherSession,
  datasetId: bigint,
  version: number,
): Promise<OnChainVersion> {
  return session.read(() =>
    session.pub.readContract({
      ...session.contract,
      functionName: 'getVersion',
      args: [datasetId, version],
    }),
  );
}
