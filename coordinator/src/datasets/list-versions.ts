import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DatasetVersionsResponse, datasetVersionSchema } from '@plaza/protocol';
import { frozenVersions, versionDir } from './freeze-version.ts';
import { manifestSchema } from './manifest.ts';

/** How many versions one answer lists at most (the newest). */
const MAX_LISTED = 100;

/**
 * A campaign's frozen versions, newest first, from their manifests (a directory without a
 * complete manifest is skipped) and `publication.json` when the version was published.
 */
export async function listVersions(
  exportsDir: string,
  campaignId: string,
): Promise<DatasetVersionsResponse> {
  const numbers = (await frozenVersions(exportsDir, campaignId)).reverse().slice(0, MAX_LISTED);
  const versions = await Promise.all(
    numbers.map(async (version) => {
      const dir = versionDir(exportsDir, campaignId, version);
      const manifest = await readFile(join(dir, 'manifest.json'), 'utf8')
        .then((text) => manifestSchema.parse(JSON.parse(text)))
        .catch(() => null);
      if (!manifest) return null;
      const publication = await readFile(join(dir, 'publication.json'), 'utf8')
        .then((text) => JSON.parse(text) as Record<string, unknown>)
        .catch(() => null);
      return datasetVersionSchema.parse({
        version,
        datasetId: manifest.datasetId,
        createdAt: manifest.createdAt,
        rows: manifest.rows.count,
        rowsRoot: manifest.rows.root,
        sharesRoot: manifest.shares.root,
        qualityFloor: manifest.attribution.qualityFloor,
        publication: publication && {
          chainId: publication.chainId,
          plaza: publication.plaza,
          txHash: publication.txHash ?? null,
          manifestHash: publication.manifestHash,
          activated: publication.activated === true,
        },
      });
    }),
  );
  return { campaignId, versions: versions.filter((v) => v !== null) };
}
