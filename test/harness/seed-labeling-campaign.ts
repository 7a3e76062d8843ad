import { type CreateCampaignRequest, createCoordinatorClient } from '@plaza/protocol';
import { createSimulatedDevice } from './create-simulated-device.ts';
import { generateArticle } from './generate-article.ts';
import { markHostsReady, type SqlRunner } from './mark-hosts-ready.ts';

/** Options of {@link seedLabelingCampaign}. */
export interface SeedLabelingCampaignOptions {
  url: string;
  adminKey: string;
  run: SqlRunner;
  /** Campaign fields; id, scope and seeds are filled in. */
  campaign: Omit<CreateCampaignRequest, 'scope' | 'seeds' | 'name'> & { name?: string };
  /** How many distinct articles a simulated device fetches and submits. */
  pages: number;
  /** Words of each article, roughly. @default 120 */
  chars?: number;
  /** The key of the device that submits the pages (it earns their fetch shares). @default random */
  devicePrivateKey?: `0x${string}`;
}

/**
 * A campaign whose items came in through the real API: a simulated device (real key, real
 * signatures) leases every seed URL and submits a generated article for it, so the coordinator's
 * own ingest makes the items. Returns the article of each URL.
 */
export async function seedLabelingCampaign(
  options: SeedLabelingCampaignOptions,
): Promise<Map<string, { title: string; text: string }>> {
  const hosts = Array.from({ length: 10 }, (_, i) => `site${i}.example.com`);
  await markHostsReady(options.run, hosts);
  const admin = createCoordinatorClient({ baseUrl: options.url, adminKey: options.adminKey });
  const articles = new Map<string, { title: string; text: string }>();
  for (let i = 0; i < options.pages; i++) {
    articles.set(
      `https://${hosts[i % hosts.length]}/story-${i}`,
      generateArticle(i + 1, { chars: options.chars ?? 700 }),
    );
  }
  await admin.createCampaign({
    name: options.campaign.name ?? options.campaign.id,
    ...options.campaign,
    scope: { hosts: ['*.example.com'] },
    seeds: [...articles.keys()],
    politeness: { minDelayMs: 0 },
  });
  const device = await createSimulatedDevice({
    baseUrl: options.url,
    ...(options.devicePrivateKey ? { privateKey: options.devicePrivateKey } : {}),
  });
  let submitted = 0;
  for (let round = 0; submitted < articles.size; round++) {
    if (round > 10 * options.pages) throw new Error(`Only ${submitted} pages could be submitted.`);
    const { lease } = await device.lease({ max: 10 });
    if (lease.jobs.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    const items = lease.jobs.map((job) => {
      const article = articles.get(job.url);
      if (!article) throw new Error(`Unexpected job ${job.url}.`);
      return device.contribution(job, article);
    });
    await device.submit(await device.sign(items));
    submitted += items.length;
  }
  return articles;
}
