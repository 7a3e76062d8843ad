import { z } from 'zod';
import { documented } from '../config-meta.ts';
import { booleanString, cidrList, intString } from '../env-types.ts';

/** Configuration, Request limits: each variable with its type, default and docs (spread into `configSchema`). */
export const requestLimitsConfig = {
  PLAZA_MAX_BODY_NODES: documented(intString(100, 10_000_000).default(200_000), {
    section: 'limits',
    description: 'JSON values a request body may hold (413 `BODY_TOO_COMPLEX` above)',
  }),
  PLAZA_MAX_BODY_DEPTH: documented(intString(8, 1000).default(64), {
    section: 'limits',
    description: 'deepest JSON nesting of a request body (400 `BODY_TOO_DEEP` above)',
  }),
  PLAZA_HEADERS_TIMEOUT_SECONDS: documented(intString(1, 600).default(10), {
    section: 'limits',
    description: "a client must send a request's headers within this (408 past it)",
  }),
  PLAZA_REQUEST_TIMEOUT_SECONDS: documented(intString(1, 3600).default(60), {
    section: 'limits',
    description: '… and the whole request, body included, within this',
  }),
  PLAZA_KEEP_ALIVE_SECONDS: documented(intString(1, 3600).default(5), {
    section: 'limits',
    description:
      "an idle keep-alive connection is closed after this; behind a load balancer set it above the balancer's idle timeout (e.g. 65 for a 60 s one), or the balancer may reuse a connection as it closes and answer 502",
  }),
  PLAZA_RATE_LIMIT: documented(booleanString.default(true), {
    section: 'limits',
    description: 'limit request rates (429 `RATE_LIMITED` with `Retry-After`)',
  }),
  PLAZA_RATE_LIMIT_IP_PER_MINUTE: documented(intString(1, 10_000_000).default(1200), {
    section: 'limits',
    description:
      'requests a client address (IPv6: its /64) may make a minute, in bursts up to as many',
  }),
  PLAZA_RATE_LIMIT_DEVICE_PER_MINUTE: documented(intString(1, 10_000_000).default(600), {
    section: 'limits',
    description: 'requests one device may make a minute',
  }),
  PLAZA_RATE_LIMIT_SESSION_PER_MINUTE: documented(intString(1, 10_000_000).default(600), {
    section: 'limits',
    description: 'requests one signed-in account may make a minute',
  }),
  PLAZA_RATE_LIMIT_EXEMPT: documented(cidrList('127.0.0.1,::1'), {
    section: 'limits',
    description:
      'addresses or CIDR ranges the per-address limit skips (devices and accounts from them are still limited)',
  }),
  PLAZA_TRUSTED_PROXIES: documented(cidrList(''), {
    section: 'limits',
    description:
      'reverse proxies (addresses or CIDR ranges) whose `X-Forwarded-For` names the client; the rightmost address that is not one of them is limited',
    shownDefault: '',
  }),
  PLAZA_LOG_LEVEL: documented(
    z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    {
      section: 'server',
      description: '`debug`, `info`, `warn`, `error` or `silent` (JSON lines on stderr)',
    },
  ),
  PLAZA_BACKGROUND: documented(booleanString.default(true), {
    section: 'server',
    description:
      'run the background loops (lease expiry, robots.txt/DNS checks, sitemaps, aggregation, webhooks)',
  }),
};
