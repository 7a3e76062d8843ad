import {
  leaseTasksRequestSchema,
  resolveReviewRequestSchema,
  signInRequestSchema,
  skipTaskRequestSchema,
  submitLabelsRequestSchema,
} from '@plaza/protocol';
import { asRecord, cls, type RouteSpec } from './route-spec.ts';

/** Sign-in, labeling and review. */
export const labelingRouteSpecs: Record<string, RouteSpec> = {
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
};
