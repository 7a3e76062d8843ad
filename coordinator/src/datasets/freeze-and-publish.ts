import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PublicationRecord } from '../chain/create-publisher.ts';
import type { Deps } from '../deps.ts';
import { ValidationError } from '../errors.ts';
import type { FreezeHooks } from './freeze-hooks.ts';
import { freezeVersion, frozenVersions, versionDir } from './freeze-version.ts';
import { type Manifest, manifestSchema } from './manifest.ts';
import { uploadVersion } from './upload-version.ts';

/** The wire path of a version's manifest (what `proposeVersion` records as its URI). */
export function manifestPath(campaignId: string, version: number): string {
  return `/v1/datasets/${campaignId}/versions/${version}/manifest`;
}

/**
 * Freezes a campaign's next version and, with a chain, publishes it through the publisher path:
 * the campaign's dataset is registered once, the version number is the chain's next, the shares
 * tree is bound to both, and the root, total and manifest hash are proposed (and activated when the
 * dataset has no timelock). A version frozen earlier but not published (a crash, a failing RPC) is
 * published as it is rather than frozen again, so retrying never publishes twice. Without a chain,
 * `datasetId` must be given and the version is only exported.
 */
export async function freezeAndPublish(
  deps: Pick<Deps, 'db' | 'clock' | 'publisher'> & Partial<Pick<Deps, 'objectStore'>>,
  params: { campaignId: string; exportsDir: string; datasetId?: bigint },
  hooks: FreezeHooks = {},
): Promise<{ dir: string; manifest: Manifest; publication: PublicationRecord | null }> {
  const { publisher } = deps;
  // With object storage, a version's files are copied there before it is published: the chain
  // never points at a version whose files are not where the manifest's readers look.
  const upload = (dir: string, manifest: Manifest) => {
    if (!deps.objectStore) return null;
    hooks.progress?.('uploading');
    return uploadVersion(
      deps.objectStore,
      dir,
      params.campaignId,
      manifest.version,
      deps.clock.now(),
    );
  };
  if (!publisher) {
    if (params.datasetId === undefined) {
      throw new ValidationError('Without a chain, freezing needs the dataset id (datasetId).');
    }
    const frozen = await freezeVersion(deps, { ...params, datasetId: params.datasetId }, hooks);
    await upload(frozen.dir, frozen.manifest);
    return { ...frozen, publication: null };
  }
  const campaignDir = join(params.exportsDir, params.campaignId);
  await mkdir(campaignDir, { recursive: true });
  const datasetId = await publisher.ensureDataset(campaignDir);
  if (params.datasetId !== undefined && params.datasetId !== datasetId) {
    throw new ValidationError(
      `Campaign "${params.campaignId}" is dataset ${datasetId} on chain, not ${params.datasetId}.`,
    );
  }
  // The last local version without a publication record was frozen but its publication did not
  // finish (a crash, a failing RPC): it is published as it is, whether or not its proposal
  // reached the chain, instead of freezing another version.
  const count = await publisher.versionCount(datasetId);
  const last = (await frozenVersions(params.exportsDir, params.campaignId)).at(-1);
  const unfinished =
    last !== undefined && last <= count + 1 ? await unpublished(params, last, datasetId) : null;
  const version = unfinished && last !== undefined ? last : count + 1;
  const dir = versionDir(params.exportsDir, params.campaignId, version);
  const { manifest } = unfinished
    ? { manifest: unfinished }
    : await freezeVersion(
        deps,
        {
          ...params,
          datasetId,
          version,
          // Rule v2 draws its validation rows from the block that includes the rows root.
          beacon: (rowsRoot, v) =>
            publisher.commitBeacon(
              join(campaignDir, `beacon-v${v}-${rowsRoot}.intent.json`),
              rowsRoot,
            ),
        },
        hooks,
      );
  await upload(dir, manifest);
  hooks.progress?.('publishing');
  const publication = await publisher.publishVersion(
    dir,
    {
      datasetId,
      version,
      sharesRoot: manifest.shares.root as `0x${string}`,
      totalShares: BigInt(manifest.attribution.totalShares),
    },
    manifestPath(params.campaignId, version),
  );
  return { dir, manifest, publication };
}

/** A frozen version's manifest when it belongs to `datasetId` and has no publication record. */
async function unpublished(
  params: { campaignId: string; exportsDir: string },
  version: number,
  datasetId: bigint,
): Promise<Manifest | null> {
  const dir = versionDir(params.exportsDir, params.campaignId, version);
  const published = await access(join(dir, 'publication.json')).then(
    () => true,
    () => false,
  );
  if (published) return null;
  const manifest = await readFile(join(dir, 'manifest.json'), 'utf8')
    .then((text) => manifestSchema.parse(JSON.parse(text)))
    .catch(() => null);
  return manifest?.datasetId === String(datasetId) ? manifest : null;
}
