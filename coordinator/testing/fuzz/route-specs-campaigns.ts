import {
  addGoldRequestSchema,
  addUrlsRequestSchema,
  createCampaignRequestSchema,
  importGoldRequestSchema,
  importItemsRequestSchema,
  importPrelabelsRequestSchema,
} from '@plaza/protocol';
import { generateArticle } from '../articles.ts';
import { campaignFixture } from '../campaign-fixture.ts';
import { FUZZ_DATASET_ID } from './fuzz-world.ts';
import { cls, type RouteSpec } from './route-spec.ts';

/** Campaign administration: creation, URLs, gold, imports, exports, versions, aggregation. */
export const campaignRouteSpecs: Record<string, RouteSpec> = {
  'GET /v1/campaigns': { auth: 'none' },
  'POST /v1/campaigns': {
    auth: 'admin',
    schema: createCampaignRequestSchema,
    bodies: () => [
      campaignFixture({ id: 'fz-new', seeds: ['https://fz.example.com/a'] }),
      createCampaignRequestSchema.parse(
        campaignFixture({ id: 'fz-full', scope: { hosts: ['*.example.net'], include: ['/a/*'] } }),
      ),
    ],
  },
  'GET /v1/campaigns/:id': { auth: 'none', params: (w) => ({ id: [w.campaignId, 'news'] }) },
  'POST /v1/campaigns/:id/urls': {
    auth: 'admin',
    params: (w) => ({ id: [w.campaignId] }),
    schema: addUrlsRequestSchema,
    bodies: () => [{ urls: ['https://site1.example.com/more', 'https://evil.test/x'] }],
  },
  'POST /v1/campaigns/:id/gold': {
    auth: 'admin',
    params: (w) => ({ id: [w.campaignId] }),
    schema: addGoldRequestSchema,
    bodies: (w) => [{ items: [{ itemId: w.itemIds[10], value: cls(2) }] }],
  },
  'POST /v1/campaigns/:id/prelabels': {
    auth: 'admin',
    params: (w) => ({ id: [w.campaignId] }),
    schema: importPrelabelsRequestSchema,
    bodies: (w) => [
      { items: [{ itemId: w.itemIds[9], value: cls(1), confidence: 0.8, model: 'fuzz-model' }] },
    ],
  },
  'POST /v1/campaigns/:id/import/items': {
    auth: 'admin',
    params: (w) => ({ id: [w.campaignId] }),
    schema: importItemsRequestSchema,
    bodies: () => [
      {
        format: 'jsonl',
        text: `${JSON.stringify({ id: 'fz-1', text: generateArticle(101, 40) })}\n`,
        supplier: '0x00000000000000000000000000000000000000aa',
      },
      {
        format: 'csv',
        text: `id,title,text\nfz-2,"A ""title""","${generateArticle(102, 40)}"\n`,
        supplier: '0x00000000000000000000000000000000000000aa',
      },
    ],
  },
  'POST /v1/campaigns/:id/import/gold': {
    auth: 'admin',
    params: (w) => ({ id: [w.campaignId] }),
    schema: importGoldRequestSchema,
    bodies: (w) => [
      { format: 'csv', text: `item_id,label\n${w.itemIds[8]},sport\n` },
      { format: 'jsonl', text: JSON.stringify({ itemId: w.itemIds[7], label: 'culture' }) },
    ],
  },
  'GET /v1/campaigns/:id/labels': {
    auth: 'admin',
    params: (w) => ({ id: [w.campaignId] }),
    queries: () => [{ format: 'csv' }, { format: 'jsonl', aggregated: 'true' }, {}],
  },
  'GET /v1/campaigns/:id/items': {
    auth: 'admin',
    params: (w) => ({ id: [w.campaignId] }),
    queries: () => [{ limit: '5', after: '0' }, {}],
  },
  'GET /v1/campaigns/:id/dashboard': { auth: 'admin', params: (w) => ({ id: [w.campaignId] }) },
  'POST /v1/campaigns/:id/versions': {
    auth: 'admin',
    params: (w) => ({ id: [w.campaignId] }),
    bodies: () => [{ datasetId: FUZZ_DATASET_ID }, {}],
  },
  'POST /v1/campaigns/:id/aggregate': { auth: 'admin', params: (w) => ({ id: [w.campaignId] }) },
  'GET /v1/campaigns/:id/verification': { auth: 'admin', params: (w) => ({ id: [w.campaignId] }) },
};
