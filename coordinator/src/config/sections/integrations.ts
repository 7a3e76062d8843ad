import { documented } from '../config-meta.ts';
import { intString } from '../env-types.ts';

/** Configuration, Webhooks and integrations: each variable with its type, default and docs (spread into `configSchema`). */
export const integrationsConfig = {
  PLAZA_WEBHOOK_TIMEOUT_SECONDS: documented(intString(1, 120).default(10), {
    section: 'integrations',
    description: 'how long a webhook receiver has to answer one delivery',
  }),
  PLAZA_WEBHOOK_MAX_ATTEMPTS: documented(intString(1, 20).default(8), {
    section: 'integrations',
    description: 'deliveries of one event before it is marked failed (backing off 5 s × 4ⁿ, ≤ 6 h)',
  }),
};
