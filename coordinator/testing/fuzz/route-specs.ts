import {
  addGoldRequestSchema,
  addUrlsRequestSchema,
  createCampaignRequestSchema,
  createWebhookRequestSchema,
  deviceRegistrationTypes,
  downloadRequestSchema,
  importGoldRequestSchema,
  importItemsRequestSchema,
  importPrelabelsRequestSchema,
  leaseRequestSchema,
  leaseTasksRequestSchema,
  linkPayoutRequestSchema,
  plazaDomain,
  prelabelLeaseRequestSchema,
  registerDeviceRequestSchema,
  resolveReviewRequestSchema,
  signInRequestSchema,
  signPayoutLink,
  skipTaskRequestSchema,
  submitContributionsRequestSchema,
  submitLabelsRequestSchema,
  submitPrelabelsRequestSchema,
  unlinkPayoutRequestSchema,
  updateCampaignRequestSchema,
} from '@plaza/protocol';
import { keccak256, stringToBytes } from 'viem';
import type { z } from 'zod';
import { DOWNLOADABLE_FILES } from '../../src/datasets/authorize-download.ts';
import { generateArticle } from '../articles.ts';
import { campaignFixture } from '../campaign-fixture.ts';
import { FUZZ_DATASET_ID, type FuzzWorld } from './fuzz-world.ts';

/** Who a fuzzed request speaks as. */
export type AuthKind = 'none' | 'admin' | 'device' | 'labeler' | 'reviewer' | 'disposable';

/** How to fuzz one route: its real inputs, from which the fuzzer starts. */
export interface RouteSpec {
  /** The credentials the route wants (others are tried too). */
  auth: AuthKind;
  /** The route ends the session it is called with: it only ever gets disposable sessions. */
  endsSession?: boolean;
  /** Valid values of each path parameter. */
  params?: (w: FuzzWorld) => Record<string, string[]>;
  /** Valid query strings, as objects. */
  queries?: (w: FuzzWorld) => Record<string, string>[];
  /** Valid bodies (or, for signed ones, bodies signed wrongly as well), as JSON values. */
  bodies?: (w: FuzzWorld) => Promise<unknown[]> | unknown[];
  /** The protocol schema the first body follows; the test checks that it parses. */
  schema?: z.ZodType;
  /**
   * Signs a mutated body again the way the real client would, so that mutations get past the
   * signature check into the validation behind it. Throws when the body cannot be signed.
   */
  resign?: (w: FuzzWorld, body: unknown) => Promise<unknown>;
}

const cls = (c: number) => ({ kind: 'classification', class: c });
const asRecord = (body: unknown) => body as Record<string, unknown>;

/**
 * Every route of the coordinator and how to fuzz it, by `METHOD path` as hono lists them. A route
 * the app serves that is missing here fails the fuzz test, so a new route cannot go unfuzzed.
 */
export const routeSpecs: Record<string, RouteSpec> = {
  'GET /v1/coordinator': { auth: 'none' },
  'GET /v1/status': { auth: 'none' },
  'GET /healthz': { auth: 'none' },
  'GET /metrics': { auth: 'none' },
  'POST /v1/devices': {
    auth: 'none',
    schema: registerDeviceRequestSchema,
    bodies: (w) => w.signed.registrations,
    // Only the stranger re-signs: a newer registration of the world's device would rotate its token.
    resign: async (w, body) => {
      const { issuedAt } = asRecord(body);
      if (typeof issuedAt !== 'number') throw new Error('unsignable');
      return {
        ...asRecord(body),
        signature: await w.stranger.signTypedData({
          domain: plazaDomain(w),
          types: deviceRegistrationTypes,
          primaryType: 'DeviceRegistration',
          message: { device: w.stranger.address, issuedAt: BigInt(issuedAt) },
        }),
      };
    },
  },
  'GET /v1/devices/:address': {
    auth: 'none',
    params: (w) => ({ address: [w.device.address, w.stranger.address.toLowerCase()] }),
  },
  'GET /v1/devices/:address/activity': {
    auth: 'none',
    params: (w) => ({ address: [w.device.address, w.stranger.address.toLowerCase()] }),
  },
  'GET /v1/devices/:address/earnings': {
    auth: 'device',
    params: (w) => ({ address: [w.device.address, w.stranger.address.toLowerCase()] }),
  },
  'GET /v1/accounts/:address/earnings': {
    auth: 'none',
    params: (w) => ({ address: [w.device.address, w.stranger.address.toLowerCase()] }),
  },
  'POST /v1/devices/:address/payout': {
    auth: 'none',
    params: (w) => ({ address: [w.device.address] }),
    schema: linkPayoutRequestSchema,
    bodies: (w) => w.signed.payoutLinks,
    resign: async (w, body) => {
      const { nonce, issuedAt } = asRecord(body);
      if (typeof nonce !== 'number' || typeof issuedAt !== 'number') throw new Error('unsignable');
      const link = { device: w.device.address, nonce, issuedAt };
      const half = await signPayoutLink(w.payoutAccount, {
        chainId: w.chainId,
        coordinator: w.coordinator,
        ...link,
      });
      return {
        ...asRecord(body),
        payoutSignature: half.payoutSignature,
        deviceSignature: await w.device.payoutLink({ ...link, payout: w.payoutAccount.address }),
      };
    },
  },
  'POST /v1/devices/:address/payout/unlink': {
    auth: 'none',
    params: (w) => ({ address: [w.device.address] }),
    schema: unlinkPayoutRequestSchema,
    bodies: (w) => w.signed.payoutUnlinks,
    resign: async (w, body) => {
      const { nonce, issuedAt } = asRecord(body);
      if (typeof nonce !== 'number' || typeof issuedAt !== 'number') throw new Error('unsignable');
      return { ...asRecord(body), ...(await w.device.payoutUnlink({ nonce, issuedAt })) };
    },
  },
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
  'POST /v1/auth/nonce': { auth: 'none' },
  'POST /v1/auth/siwe': {
    auth: 'none',
    schema: signInRequestSchema,
    bodies: (w) => [w.signed.siwe],
    resign: async (w, body) => {
      const { message } = asRecord(body);
      if (typeof message !== 'string') throw new Error('unsignable');
      return { ...asRecord(body), signature: await w.stranger.signMessage({ message }) };
    },
  },
  'GET /v1/auth/session': { auth: 'labeler' },
  'POST /v1/auth/signout': { auth: 'disposable', endsSession: true },
  'POST /v1/labeling/tasks': {
    auth: 'labeler',
    schema: leaseTasksRequestSchema,
    bodies: (w) => [{ campaignId: w.campaignId, max: 3, holding: [w.itemIds[0], w.itemIds[1]] }],
  },
  'POST /v1/labeling/labels': {
    auth: 'labeler',
    schema: submitLabelsRequestSchema,
    bodies: (w) => [
      {
        labels: [
          {
            clientId: '6f1c2d4e-8a9b-4c3d-9e2f-1a2b3c4d5e6f',
            revision: 1,
            itemId: w.itemIds[0],
            value: cls(1),
            durationMs: 1500,
            prelabelShown: false,
          },
          {
            clientId: '7f1c2d4e-8a9b-4c3d-9e2f-1a2b3c4d5e6f',
            revision: 0,
            itemId: w.itemIds[3],
            value: { kind: 'spans', spans: [{ start: 0, end: 4, class: 0 }] },
            durationMs: 900,
            prelabelShown: true,
          },
        ],
      },
    ],
  },
  'POST /v1/labeling/skip': {
    auth: 'labeler',
    schema: skipTaskRequestSchema,
    bodies: (w) => [{ itemId: w.itemIds[4] }],
  },
  'GET /v1/labeling/recent': { auth: 'labeler', queries: (w) => [{ campaignId: w.campaignId }] },
  'GET /v1/labeling/me': { auth: 'labeler', queries: (w) => [{ campaignId: w.campaignId }] },
  'GET /v1/review/items': {
    auth: 'reviewer',
    queries: (w) => [{ campaignId: w.campaignId, limit: '5' }],
  },
  'POST /v1/review/resolve': {
    auth: 'reviewer',
    schema: resolveReviewRequestSchema,
    bodies: (w) => [{ itemId: w.itemIds[0], value: cls(2) }],
  },
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
  'GET /readyz': { auth: 'none' },
  'GET /openapi.json': { auth: 'none' },
  'GET /reference': { auth: 'none' },
  'GET /v1/webhooks': { auth: 'admin' },
  'POST /v1/webhooks': {
    auth: 'admin',
    schema: createWebhookRequestSchema,
    bodies: () => [
      { url: 'https://hooks.example.com/plaza', events: ['version.frozen'] },
      { url: 'https://hooks.example.com/all', description: 'every event' },
    ],
  },
  'DELETE /v1/webhooks/:id': { auth: 'admin', params: () => ({ id: [`wh_${'0'.repeat(32)}`] }) },
  'GET /v1/webhooks/:id/deliveries': {
    auth: 'admin',
    params: () => ({ id: [`wh_${'0'.repeat(32)}`] }),
  },
  'GET /v1/campaigns/:id/hosts': {
    auth: 'admin',
    params: (w) => ({ id: [w.campaignId] }),
    queries: () => [{ limit: '10' }, {}],
  },
  // Steering runs last: it pauses, edits and finally closes the world's campaign.
  'PATCH /v1/campaigns/:id': {
    auth: 'admin',
    params: (w) => ({ id: [w.campaignId] }),
    schema: updateCampaignRequestSchema,
    bodies: () => [
      { overlap: 2, qualityFloor: 0.4 },
      { name: 'Renamed', license: 'CC0-1.0' },
    ],
  },
  'POST /v1/campaigns/:id/pause': { auth: 'admin', params: (w) => ({ id: [w.campaignId] }) },
  'POST /v1/campaigns/:id/resume': { auth: 'admin', params: (w) => ({ id: [w.campaignId] }) },
  'POST /v1/campaigns/:id/close': { auth: 'admin', params: (w) => ({ id: [w.campaignId] }) },
};

/** The `METHOD path` keys of the routes an app serves (middleware-only entries left out). */
export function servedRoutes(app: { routes: ReadonlyArray<{ method: string; path: string }> }) {
  const keys = app.routes
    .filter((route) => route.method !== 'ALL')
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(keys)];
}
