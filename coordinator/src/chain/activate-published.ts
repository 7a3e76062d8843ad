import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportsDirOf } from '../datasets/exports-dir.ts';
import { frozenVersions, versionDir } from '../datasets/freeze-version.ts';
import type { Deps } from '../deps.ts';
import { type PublicationRecord, writePublication } from './publish-version.ts';

/**
 * One step of the activation loop: every published version of the exports that is not active yet
 * gets its activation recorded on chain once its timelock has passed (or is marked revoked), and its
 * `publication.json` says so. Claims and votes open when the timelock ends whether or not this runs;
 * it keeps the chain's events and the coordinator's listing true. Returns the versions it changed.
 */
export async function activatePublished(deps: Pick<Deps, 'publisher' | 'config'>): Promise<number> {
  const { publisher, config } = deps;
  if (!publisher) return 0;
  const exportsDir = exportsDirOf(config);
  const campaigns = await readdir(exportsDir).catch(() => [] as string[]);
  let changed = 0;
  for (const campaign of campaigns) {
    for (const version of await frozenVersions(exportsDir, campaign)) {
      const dir = versionDir(exportsDir, campaign, version);
      const record = await readFile(join(dir, 'publication.json'), 'utf8')
        .then((text) => JSON.parse(text) as PublicationRecord)
        .catch(() => null);
      if (!record || record.activated || record.revoked) continue;
      if (record.chainId !== publisher.chainId || record.plaza !== publisher.plaza) continue;
      const state = await publisher.activateIfDue(dir, {
        datasetId: BigInt(record.datasetId),
        version: record.version,
      });
      if (state.activated || state.revoked) {
        await writePublication(dir, { ...record, ...state });
        changed += 1;
      }
    }
  }
  return changed;
}
