import type { CreateCampaignRequest } from '@plaza/protocol';

/** A campaign over news.example.com and blog.example.org with no politeness delay. */
export function campaignFixture(
  overrides: Partial<CreateCampaignRequest> = {},
): CreateCampaignRequest {
  return {
    id: 'news',
    name: 'News articles',
    seeds: [
      'https://news.example.com/a',
      'https://news.example.com/b',
      'https://blog.example.org/post-1',
    ],
    scope: { hosts: ['news.example.com', 'blog.example.org'] },
    labelSchema: { kind: 'classification', classes: ['politics', 'sport', 'culture'] },
    politeness: { minDelayMs: 0 },
    ...overrides,
  };
}
