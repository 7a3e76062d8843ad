import {
  leaseRequestSchema,
  prelabelLeaseRequestSchema,
  submitContributionsRequestSchema,
  submitPrelabelsRequestSchema,
} from '@plaza/protocol';
import { keccak256, stringToBytes } from 'viem';
import { generateArticle } from '../articles.ts';
import { asRecord, type RouteSpec } from './route-spec.ts';

/** Work for devices: leases, pre-label leases and results, models, contributions. */
export const workRouteSpecs: Record<string, RouteSpec> = {
  'POST /v1/leases': {
    auth: 'device',
    schema: leaseRequestSchema,
    bodies: (w) => [{ max: 2, campaignId: w.campaignId }, {}],
  },
  'POST /v1/prelabel/leases': {
    auth: 'device',
    schema: prelabelLeaseRequestSchema,
    bodies: (w) => [{ max: 8, campaignId: w.campaignId }],
  },
  'POST /v1/prelabel/results': {
    auth: 'device',
    schema: submitPrelabelsRequestSchema,
    bodies: async (w) => [
      await w.device.prelabelBatch({
        leaseId: 'no-such-lease',
        model: `0x${'ab'.repeat(32)}`,
        backend: 'wasm',
        items: [
          {
            itemId: w.itemIds[0]!,
            inputHash: keccak256(stringToBytes('x')),
            probs: [600_000, 300_000, 100_000],
          },
        ],
      }),
    ],
    resign: async (w, body) => {
      const parsed = submitPrelabelsRequestSchema.parse(body);
      const signed = await w.device.prelabelBatch(parsed);
      return { ...asRecord(body), signature: signed.signature };
    },
  },
  'GET /v1/models/:hash/model.json': {
    auth: 'none',
    params: () => ({ hash: [`0x${'ab'.repeat(32)}`] }),
  },
  'GET /v1/models/:hash/weights.bin': {
    auth: 'none',
    params: () => ({ hash: [`0x${'ab'.repeat(32)}`] }),
  },
  'GET /v1/campaigns/:id/model': { auth: 'none', params: (w) => ({ id: [w.campaignId] }) },
  'POST /v1/campaigns/:id/model': { auth: 'admin', params: (w) => ({ id: [w.campaignId] }) },
  'POST /v1/contributions': {
    auth: 'device',
    schema: submitContributionsRequestSchema,
    bodies: async (w) => {
      const page = (job: { jobId: string; url: string }, seed: number) =>
        w.device.contribution(job, {
          text: generateArticle(seed, 120),
          links: ['https://site3.example.com/next'],
        });
      return [
        await w.device.batch([page(w.jobs[1]!, 201), page(w.jobs[2]!, 202)]),
        await w.device.batch([page(w.jobs[0]!, 101)]),
      ];
    },
    resign: async (w, body) => {
      const parsed = submitContributionsRequestSchema.parse(body);
      const signed = await w.device.batch(parsed.items);
      return { ...asRecord(body), signature: signed.signature };
    },
  },
};
