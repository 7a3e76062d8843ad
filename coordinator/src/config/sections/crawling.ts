import { z } from 'zod';
import { documented } from '../config-meta.ts';
import { booleanString, intString } from '../env-types.ts';

/** Configuration, Frontier and crawling: each variable with its type, default and docs (spread into `configSchema`). */
export const crawlingConfig = {
  PLAZA_LEASE_TTL_SECONDS: documented(intString(5, 3600).default(120), {
    section: 'crawling',
    description: 'time a device has to submit a leased job',
  }),
  PLAZA_LEASE_QUEUE_SIZE: documented(intString(0, 10_000).default(1024), {
    section: 'crawling',
    description:
      'most URLs a process claims ahead for leases; refills follow the lease rate (0: off)',
  }),
  PLAZA_LEASE_QUEUE_HOLD_SECONDS: documented(intString(1, 300).default(5), {
    section: 'crawling',
    description:
      'how long a claimed URL waits in the ready queue before it is returned to the frontier',
  }),
  PLAZA_LEASE_AUTH_CACHE_SECONDS: documented(intString(0, 300).default(10), {
    section: 'crawling',
    description:
      'how long the lease route trusts a token lookup (submissions always check afresh; 0: off)',
  }),
  PLAZA_MAX_ATTEMPTS: documented(intString(1, 20).default(3), {
    section: 'crawling',
    description: 'leases of one URL before it is marked failed',
  }),
  PLAZA_ROBOTS_TTL_SECONDS: documented(intString(60, 365 * 86_400).default(86_400), {
    section: 'crawling',
    description: 'how long a robots.txt is trusted',
  }),
  PLAZA_SERVER_CRAWL: documented(booleanString.default(true), {
    section: 'crawling',
    description: 'coordinator-side crawl workers for campaigns with `serverCrawl: true`',
  }),
  PLAZA_SERVER_CRAWL_BATCH: documented(intString(1, 64).default(8), {
    section: 'crawling',
    description: 'jobs a server crawl worker leases at once (one per host)',
  }),
  PLAZA_CRAWL_PROXY_URL: documented(z.string().url().optional(), {
    section: 'crawling',
    description: "forward proxy for the coordinator's crawlers (verification, server crawl)",
  }),
  PLAZA_CHROMIUM_PATH: documented(z.string().min(1).default('/usr/bin/chromium'), {
    section: 'crawling',
    description: 'Chromium for campaigns that need a browser',
  }),
};
