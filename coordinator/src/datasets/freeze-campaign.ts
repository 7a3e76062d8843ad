import type { Deps } from '../deps.ts';
import { emitWebhookEvents } from '../webhooks/emit-event.ts';
import { exportsDirOf } from './exports-dir.ts';
import { freezeAndPublish } from './freeze-and-publish.ts';
import { type FreezeHooks, freezeGuards } from './freeze-hooks.ts';

/**
 * `plaza freeze` and `POST /v1/campaigns/:id/versions`: freezes and publishes the campaign's next
 * version (`freezeAndPublish`) behind the safe-freeze checks (enough rows labelled unless
 * `force`, never the same rows as the last version), reporting progress, and emits the
 * `version.frozen` webhook event.
 */
export async function freezeCampaign(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'publisher' | 'objectStore'>,
  params: { campaignId: string; datasetId?: bigint; force?: boolean },
  progress?: FreezeHooks['progress'],
) {
  const exportsDir = exportsDirOf(deps.config);
  const frozen = await freezeAndPublish(
    deps,
    {
      campaignId: params.campaignId,
      exportsDir,
      ...(params.datasetId === undefined ? {} : { datasetId: params.datasetId }),
    },
    {
      ...(progress ? { progress } : {}),
      beforeWrite: freezeGuards({
        exportsDir,
        campaignId: params.campaignId,
        minLabelled: deps.config.PLAZA_FREEZE_MIN_LABELLED,
        force: params.force ?? false,
      }),
    },
  );
  const { manifest } = frozen;
  await emitWebhookEvents(deps, [
    {
      id: `version.frozen:${params.campaignId}:${manifest.version}:${manifest.rows.root}`,
      type: 'version.frozen',
      data: {
        campaignId: params.campaignId,
        datasetId: manifest.datasetId,
        version: manifest.version,
        rows: manifest.rows.count,
        rowsRoot: manifest.rows.root,
        sharesRoot: manifest.shares.root,
        holders: manifest.attribution.holders,
        totalShares: manifest.attribution.totalShares,
        manifest: `/v1/datasets/${params.campaignId}/versions/${manifest.version}/manifest`,
      },
    },
  ]);
  return frozen;
}
