import { downloadRequestSchema } from '@plaza/protocol';
import { DOWNLOADABLE_FILES } from '../../src/datasets/authorize-download.ts';
import { FUZZ_DATASET_ID } from './fuzz-world.ts';
import type { RouteSpec } from './route-spec.ts';

/** Datasets (versions, audit, downloads, attribution, proofs) and the chain routes. */
export const datasetRouteSpecs: Record<string, RouteSpec> = {
  'GET /v1/datasets/:campaignId/versions': {
    auth: 'none',
    params: (w) => ({ campaignId: [w.campaignId, 'news'] }),
  },
  'POST /v1/datasets/:campaignId/versions/:version/audit': {
    auth: 'none',
    params: (w) => ({ campaignId: [w.campaignId], version: ['1'] }),
    bodies: (w) => [{ contributionIds: [...w.contributionIds, crypto.randomUUID()] }],
  },
  'POST /v1/datasets/:campaignId/versions/:version/downloads': {
    auth: 'none',
    params: (w) => ({ campaignId: [w.campaignId], version: ['1'] }),
    schema: downloadRequestSchema,
    bodies: (w) => w.signed.downloads,
  },
  'GET /v1/datasets/:campaignId/versions/:version/manifest': {
    auth: 'none',
    params: (w) => ({ campaignId: [w.campaignId], version: ['1'] }),
  },
  'GET /v1/datasets/:campaignId/versions/:version/attribution': {
    auth: 'none',
    params: (w) => ({ campaignId: [w.campaignId], version: ['1'] }),
    queries: (w) => [{}, { account: w.device.address, offset: '0', limit: '5' }],
  },
  'GET /v1/datasets/:campaignId/versions/:version/attribution/rows/:index/proof': {
    auth: 'none',
    params: (w) => ({ campaignId: [w.campaignId], version: ['1'], index: ['0', '1'] }),
  },
  'GET /v1/datasets/:campaignId/versions/:version/proofs/:account': {
    auth: 'none',
    params: (w) => ({
      campaignId: [w.campaignId],
      version: ['1'],
      account: [w.device.address, w.stranger.address],
    }),
  },
  'GET /v1/downloads/:token/:file': {
    auth: 'none',
    params: (w) => ({ token: w.signed.downloadTokens, file: [...DOWNLOADABLE_FILES] }),
  },
  'GET /v1/chain/info': { auth: 'none' },
  // No faucet in the fuzz world (not a local anvil): every call is refused with a code.
  'POST /v1/chain/faucet': { auth: 'labeler' },
  'GET /v1/chain/events': {
    auth: 'none',
    queries: (w) => [
      {
        datasetId: FUZZ_DATASET_ID,
        version: '1',
        proposalId: '1',
        account: w.device.address,
        name: 'VersionPublished',
        limit: '10',
      },
      {},
    ],
  },
};
