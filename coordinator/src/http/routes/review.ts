import { campaignIdSchema, resolveReviewRequestSchema } from '@plaza/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { resolveReview } from '../../labeling/resolve-review.ts';
import { reviewItems } from '../../labeling/review-items.ts';
import { requireReviewer } from '../middleware/auth.ts';
import { readJson } from '../read-json.ts';
import { readQuery } from '../read-query.ts';

/** Exported for the OpenAPI document. */
export const reviewQuerySchema = z.object({
  campaignId: campaignIdSchema,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** `/v1/review` (reviewers, or the admin key): items in doubt (not their own), and resolving them (not gold). */
export function reviewRoutes(deps: Deps) {
  return new Hono()
    .use(requireReviewer(deps))
    .get('/items', async (c) =>
      c.json(
        await reviewItems(deps, {
          ...readQuery(c, reviewQuerySchema),
          reviewer: c.get('account').address,
        }),
      ),
    )
    .post('/resolve', async (c) => {
      const { itemId, value } = await readJson(c, resolveReviewRequestSchema);
      return c.json(
        await resolveReview(deps, { reviewer: c.get('account').address, itemId, value }),
      );
    });
}
