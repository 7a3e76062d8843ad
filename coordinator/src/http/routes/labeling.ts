import {
  campaignQuerySchema,
  leaseTasksRequestSchema,
  skipTaskRequestSchema,
  submitLabelsRequestSchema,
} from '@plaza/protocol';
import { Hono } from 'hono';
import type { Deps } from '../../deps.ts';
import { labelerStats } from '../../labeling/labeler-stats.ts';
import { leaseTasks } from '../../labeling/lease-tasks.ts';
import { recentLabels } from '../../labeling/recent-labels.ts';
import { skipTask } from '../../labeling/skip-task.ts';
import { submitLabels } from '../../labeling/submit-labels.ts';
import { requireSession } from '../middleware/auth.ts';
import { readJson } from '../read-json.ts';
import { readQuery } from '../read-query.ts';

/** `/v1/labeling` (signed in): lease tasks, submit labels, skip, recent labels, my stats. */
export function labelingRoutes(deps: Deps) {
  return new Hono()
    .use(requireSession(deps))
    .post('/tasks', async (c) => {
      const request = await readJson(c, leaseTasksRequestSchema);
      return c.json(await leaseTasks(deps, { labeler: c.get('account').address, ...request }));
    })
    .post('/labels', async (c) => {
      const { labels } = await readJson(c, submitLabelsRequestSchema);
      return c.json(await submitLabels(deps, { labeler: c.get('account').address, labels }));
    })
    .post('/skip', async (c) => {
      const { itemId } = await readJson(c, skipTaskRequestSchema);
      return c.json(await skipTask(deps, { labeler: c.get('account').address, itemId }));
    })
    .get('/recent', async (c) => {
      const { campaignId } = readQuery(c, campaignQuerySchema);
      return c.json(await recentLabels(deps, { labeler: c.get('account').address, campaignId }));
    })
    .get('/me', async (c) => {
      const { campaignId } = readQuery(c, campaignQuerySchema);
      return c.json(await labelerStats(deps, { labeler: c.get('account').address, campaignId }));
    });
}
