import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The coordinator's Prometheus metrics, in a registry of its own (no global state), with the
 * default process metrics (CPU, memory, event-loop lag, handles, GC) prefixed `plaza_`.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'plaza_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'plaza_http_requests_total',
      help: 'HTTP requests by route, method and status.',
      labelNames: ['route', 'method', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'plaza_http_request_duration_seconds',
      help: 'HTTP request duration by route.',
      labelNames: ['route'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    contributions: new Counter({
      name: 'plaza_contributions_total',
      help: 'Contributions ingested, by outcome.',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    jobsLeased: new Counter({
      name: 'plaza_jobs_leased_total',
      help: 'Fetch jobs handed to devices.',
      registers: [registry],
    }),
    jobsExpired: new Counter({
      name: 'plaza_jobs_expired_total',
      help: 'Leased jobs that expired and returned to the frontier.',
      registers: [registry],
    }),
    frontierAdded: new Counter({
      name: 'plaza_frontier_urls_added_total',
      help: 'URLs added to a frontier.',
      registers: [registry],
    }),
    frontierRefused: new Counter({
      name: 'plaza_frontier_urls_refused_total',
      help: 'URLs refused entry to a frontier, by reason.',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    robotsFetched: new Counter({
      name: 'plaza_robots_fetched_total',
      help: 'robots.txt fetches by result.',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    up: new Gauge({
      name: 'plaza_up',
      help: '1 while the coordinator serves.',
      registers: [registry],
    }),
  };
}

/** The metrics `createMetrics` returns. */
export type Metrics = ReturnType<typeof createMetrics>;
