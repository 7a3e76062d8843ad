import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addressSchema,
  attributionQuerySchema,
  auditRequestSchema,
  campaignIdSchema,
  downloadRequestSchema,
} from '@plaza/protocol';
import { Hono } from 'hono';
import { auditContributions } from '../../datasets/audit-contributions.ts';
import { authorizeDownload } from '../../datasets/authorize-download.ts';
import { downloadKey } from '../../datasets/download-token.ts';
import { explainAttribution, rowValueProof } from '../../datasets/explain-attribution.ts';
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
  const exportsDir = deps.config.PLAZA_EXPORTS_DIR || join(deps.config.PLAZA_DATA_DIR, 'exports');
  let key: Promise<Buffer> | null = null;
  return new Hono()
    .get('/:campaignId/versions', async (c) => {
      const campaignId = campaignIdSchema.safeParse(c.req.param('campaignId'));
      if (!campaignId.success)
        throw new ValidationError('Expected /v1/datasets/<campaign>/versions.');
      return c.json(await listVersions(exportsDir, campaignId.data));
    })
    .post('/:campaignId/versions/:version/audit', async (c) => {
      const campaignId = campaignIdSchema.safeParse(c.req.param('campaignId'));
      const version = Number(c.req.param('version'));
      if (!campaignId.success || !Number.isInteger(version) || version < 1) {
        throw new ValidationError('Expected /v1/datasets/<campaign>/versions/<n>/audit.');
      }
      const { contributionIds } = await readJson(c, auditRequestSchema);
      return c.json(
        await auditContributions(deps, {
          exportsDir,
          campaignId: campaignId.data,
          version,
          contributionIds,
        }),
      );
    })
    .post('/:campaignId/versions/:version/downloads', async (c) => {
      const campaignId = campaignIdSchema.safeParse(c.req.param('campaignId'));
      const version = Number(c.req.param('version'));
      if (!campaignId.success || !Number.isInteger(version) || version < 1) {
        throw new ValidationError('Expected /v1/datasets/<campaign>/versions/<n>/downloads.');
      }
      const request = await readJson(c, downloadRequestSchema);
      key ??= downloadKey(deps.signer);
      return c.json(
        await authorizeDownload(deps, {
          exportsDir,
          downloadKey: await key,
          campaignId: campaignId.data,
          version,
          request,
        }),
      );
    })
    .get('/:campaignId/versions/:version/attribution', async (c) => {
      const campaignId = campaignIdSchema.safeParse(c.req.param('campaignId'));
      const version = Number(c.req.param('version'));
      const query = attributionQuerySchema.safeParse(c.req.query());
      if (!campaignId.success || !Number.isInteger(version) || version < 1 || !query.success) {
        throw new ValidationError(
          'Expected /v1/datasets/<campaign>/versions/<n>/attribution[?account=0x…&offset=&limit=≤500].',
        );
      }
      return c.json(
        await explainAttribution(exportsDir, {
          campaignId: campaignId.data,
          version,
          ...query.data,
        }),
      );
    })
    .get('/:campaignId/versions/:version/attribution/rows/:index/proof', async (c) => {
      const campaignId = campaignIdSchema.safeParse(c.req.param('campaignId'));
      const version = Number(c.req.param('version'));
      const index = Number(c.req.param('index'));
      if (
        !campaignId.success ||
        !Number.isInteger(version) ||
        version < 1 ||
        !Number.isSafeInteger(index) ||
        index < 0
      ) {
        throw new ValidationError(
          'Expected /v1/datasets/<campaign>/versions/<n>/attribution/rows/<index>/proof.',
        );
      }
      return c.json(
        await rowValueProof(exportsDir, { campaignId: campaignId.data, version, index }),
      );
    })
    .get('/:campaignId/versions/:version/manifest', async (c) => {
      const campaignId = campaignIdSchema.safeParse(c.req.param('campaignId'));
      const version = Number(c.req.param('version'));
      if (!campaignId.success || !Number.isInteger(version) || version < 1) {
        throw new ValidationError('Expected /v1/datasets/<campaign>/versions/<n>/manifest.');
      }
      const dir = versionDir(exportsDir, campaignId.data, version);
      const text = await readFile(join(dir, 'manifest.json'), 'utf8').catch(() => {
        throw new NotFoundError('NOT_FOUND', `No version ${version} of "${campaignId.data}".`);
      });
      return c.body(text, 200, { 'content-type': 'application/json' });
    })
    .get('/:campaignId/versions/:version/proofs/:account', async (c) => {
      const campaignId = campaignIdSchema.safeParse(c.req.param('campaignId'));
      const account = addressSchema.safeParse(c.req.param('account'));
      const version = Number(c.req.param('version'));
      if (!campaignId.success || !account.success || !Number.isInteger(version) || version < 1) {
        throw new ValidationError(
          'Expected /v1/datasets/<campaign>/versions/<n>/proofs/<address>.',
        );
      }
      return c.json(
        await getProof(exportsDir, { campaignId: campaignId.data, version, account: account.data }),
      );
    });
}
