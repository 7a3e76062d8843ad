import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addressSchema,
  attributionQuerySchema,
  auditRequestSchema,
  campaignIdSchema,
  downloadRequestSchema,
} from '@plaza/protocol';
import { type Context, Hono } from 'hono';
import { auditContributions } from '../../datasets/audit-contributions.ts';
import { authorizeDownload } from '../../datasets/authorize-download.ts';
import { downloadKey } from '../../datasets/download-token.ts';
import { explainAttribution, rowValueProof } from '../../datasets/explain-attribution.ts';
import { exportsDirOf } from '../../datasets/exports-dir.ts';
import { versionDir } from '../../datasets/freeze-version.ts';
import { getProof } from '../../datasets/get-proof.ts';
import { listVersions } from '../../datasets/list-versions.ts';
import type { Deps } from '../../deps.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { readJson } from '../read-json.ts';

/**
 * `/v1/datasets`: the list and manifests of frozen versions (no row content), each row's value and
 * why with proofs of single values (public, no row content), proofs of shares
 * (public: a proof only helps its holder), receipt audits (public: a contribution id is known only
 * to its device; the answer has row hashes and proofs, no row content), and download URLs for
 * licensed buyers.
 */
export function datasetsRoutes(deps: Deps) {
  const exportsDir = exportsDirOf(deps.config);
  let key: Promise<Buffer> | null = null;
  return new Hono()
    .get('/:campaignId/versions', async (c) => {
      const campaignId = campaignIdSchema.safeParse(c.req.param('campaignId'));
      if (!campaignId.success)
        throw new ValidationError('Expected /v1/datasets/<campaign>/versions.');
      return c.json(await listVersions(exportsDir, campaignId.data));
    })
    .post('/:campaignId/versions/:version/audit', async (c) => {
      const { campaignId, version } = versionOf(c, 'audit');
      const { contributionIds } = await readJson(c, auditRequestSchema);
      return c.json(
        await auditContributions(deps, { exportsDir, campaignId, version, contributionIds }),
      );
    })
    .post('/:campaignId/versions/:version/downloads', async (c) => {
      const { campaignId, version } = versionOf(c, 'downloads');
      const request = await readJson(c, downloadRequestSchema);
      key ??= downloadKey(deps.signer);
      return c.json(
        await authorizeDownload(deps, {
          exportsDir,
          downloadKey: await key,
          campaignId,
          version,
          request,
        }),
      );
    })
    .get('/:campaignId/versions/:version/attribution', async (c) => {
      const expected = 'attribution[?account=0x…&offset=&limit=≤500]';
      const { campaignId, version } = versionOf(c, expected);
      const query = attributionQuerySchema.safeParse(c.req.query());
      if (!query.success) throw invalidPath(expected);
      return c.json(await explainAttribution(exportsDir, { campaignId, version, ...query.data }));
    })
    .get('/:campaignId/versions/:version/attribution/rows/:index/proof', async (c) => {
      const expected = 'attribution/rows/<index>/proof';
      const { campaignId, version } = versionOf(c, expected);
      const index = Number(c.req.param('index'));
      if (!Number.isSafeInteger(index) || index < 0) throw invalidPath(expected);
      return c.json(await rowValueProof(exportsDir, { campaignId, version, index }));
    })
    .get('/:campaignId/versions/:version/manifest', async (c) => {
      const { campaignId, version } = versionOf(c, 'manifest');
      const dir = versionDir(exportsDir, campaignId, version);
      const text = await readFile(join(dir, 'manifest.json'), 'utf8').catch(() => {
        throw new NotFoundError('NOT_FOUND', `No version ${version} of "${campaignId}".`);
      });
      return c.body(text, 200, { 'content-type': 'application/json' });
    })
    .get('/:campaignId/versions/:version/proofs/:account', async (c) => {
      const expected = 'proofs/<address>';
      const { campaignId, version } = versionOf(c, expected);
      const account = addressSchema.safeParse(c.req.param('account'));
      if (!account.success) throw invalidPath(expected);
      return c.json(await getProof(exportsDir, { campaignId, version, account: account.data }));
    });
}

/** The error for a malformed `/v1/datasets/<campaign>/versions/<n>/<rest>` path. */
function invalidPath(rest: string): ValidationError {
  return new ValidationError(`Expected /v1/datasets/<campaign>/versions/<n>/${rest}.`);
}

/** The campaign and version a path names; a `ValidationError` naming `rest` when malformed. */
function versionOf(c: Context, rest: string): { campaignId: string; version: number } {
  const campaignId = campaignIdSchema.safeParse(c.req.param('campaignId'));
  const version = Number(c.req.param('version'));
  if (!campaignId.success || !Number.isInteger(version) || version < 1) throw invalidPath(rest);
  return { campaignId: campaignId.data, version };
}
