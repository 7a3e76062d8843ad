import {
  type CoordinatorClient,
  CoordinatorError,
  createDeviceSigner,
  type Job,
  type LeaseResponse,
  type SubmitContributionsRequest,
} from '@plaza/protocol';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it, vi } from 'vitest';
import { type ActivityEntry, type ActivityLog, activityEntrySchema } from './activity-log.ts';
import type { CoordinatorSession, CoordinatorSessions } from './coordinator-session.ts';
import type { FlushResult, Outbox, OutboxEntry } from './outbox.ts';
import type { RobotsRecord } from './robots-gate.ts';
import { createWorker, type WorkerDeps } from './scheduler.ts';
import { SETTINGS_KEY, type Settings } from './settings.ts';
import { createMemoryStore } from './storage/key-value-store.ts';
import type { UsageMeter } from './usage.ts';
import { WORKER_STATUS_KEY } from './worker-status.ts';

const COORDINATOR = '0x00000000000000000000000000000000000000c0';
/** Noon, local time: far from midnight's cap reset. */
const NOON = new Date(2026, 11, 7, 12, 0, 0).getTime();

/**
 * A coordinator in memory: it leases the URLs it was given, one job per host at a time (a host
 * reopens when its job is acknowledged, as the real one does), and acknowledges batches when the
 * outbox flushes. `leaseError` makes every lease fail.
 */
function fakeCoordinator(urls: string[], options: { leaseError?: CoordinatorError } = {}) {
  const queued = [...urls];
  const busyHosts = new Set<string>();
  const jobs = new Map<string, Job>();
  const leases: number[] = [];
  const submitted: string[] = [];
  let next = 0;
  const lease = async ({ max }: { max: number }): Promise<LeaseResponse> => {
    if (options.leaseError) throw options.leaseError;
    const picked: Job[] = [];
    for (const url of [...queued]) {
      const host = new URL(url).host;
      if (picked.length >= max || busyHosts.has(host)) continue;
      busyHosts.add(host);
      queued.splice(queued.indexOf(url), 1);
      const job: Job = { jobId: `job-${next++}`, campaignId: 'c', url, extraction: 'article' };
      jobs.set(job.jobId, job);
      picked.push(job);
    }
    leases.push(picked.length);
    return {
      lease: {
        id: `lease-${leases.length}`,
        expiresAt: new Date(NOON + 600_000).toISOString(),
        jobs: picked,
      },
      ...(picked.length === 0 ? { retryAfterMs: 7_000 } : {}),
    };
  };
  const acknowledge = (body: SubmitContributionsRequest) => {
    for (const item of body.items) {
      submitted.push(item.jobId);
      busyHosts.delete(new URL(jobs.get(item.jobId)!.url).host);
    }
  };
  return { lease, acknowledge, leases, submitted };
}

function fakeOutbox(onSend: (entry: OutboxEntry) => void): Outbox & { entries: OutboxEntry[] } {
  const waiting: OutboxEntry[] = [];
  const entries: OutboxEntry[] = [];
  return {
    entries,
    add: async (entry) => {
      const full = { ...entry, createdAt: NOON, attempts: 0, dueAt: NOON };
      waiting.push(full);
      entries.push(full);
    },
    flush: async (): Promise<FlushResult> => {
      const sent = waiting.splice(0);
      for (const entry of sent) onSend(entry);
      return { sent: sent.length, retrying: 0, dropped: 0, pending: 0 };
    },
    pending: async () => waiting.length,
    nextDueAt: async () => null,
  };
}

function setup(options: {
  urls?: string[];
  settings?: Partial<Settings>;
  leaseError?: CoordinatorError;
  /** Bytes already used today. */
  usedBytes?: number;
  parse?: (url: string) => Promise<{ title: string; text: string; links: string[] }>;
  /** Makes the outbox's flushes fail with this error. */
  flushError?: Error;
}) {
  const coordinator = fakeCoordinator(options.urls ?? [], {
    ...(options.leaseError ? { leaseError: options.leaseError } : {}),
  });
  const outbox = fakeOutbox((entry) => coordinator.acknowledge(entry.body));
  if (options.flushError) {
    const error = options.flushError;
    outbox.flush = async () => {
      throw error;
    };
  }
  const logged: Omit<ActivityEntry, 'seq'>[] = [];
  const activity = {
    append: async (entry: Omit<ActivityEntry, 'seq'>) => {
      activityEntrySchema.parse(entry);
      logged.push(entry);
      return logged.length;
    },
  } as unknown as ActivityLog;
  const store = createMemoryStore({
    [SETTINGS_KEY]: { version: 1, coordinatorUrl: 'http://127.0.0.1:9', ...options.settings },
  });
  const account = privateKeyToAccount(generatePrivateKey());
  const session: CoordinatorSession = {
    url: 'http://127.0.0.1:9',
    client: { lease: coordinator.lease } as unknown as CoordinatorClient,
    signer: createDeviceSigner(account, { chainId: 31337, coordinator: COORDINATOR }),
    coordinator: COORDINATOR,
    chainId: 31337,
  };
  const sessions: CoordinatorSessions = { get: vi.fn(async () => session), reset: vi.fn() };
  let bytes = options.usedBytes ?? 0;
  const usage: UsageMeter = {
    today: async () => ({ day: 'today', bytes, pages: 0 }) as never,
    bytesNow: () => bytes,
    add: async (n) => {
      bytes += n;
      return { day: 'today', bytes, pages: 0 } as never;
    },
    persist: async () => {},
  };
  const robots = new Map<string, RobotsRecord>();
  const fetched: string[] = [];
  const deps: WorkerDeps = {
    store,
    sessions,
    outbox,
    readEnvironment: async () => ({ idleState: 'idle', saveData: false, battery: null }),
    activity,
    usage,
    robotsCache: {
      get: async (origin) => robots.get(origin),
      put: async (record) => {
        robots.set(record.origin, record);
      },
    },
    fetch: (async (input: RequestInfo | URL) => {
      const url = String(input);
      fetched.push(url);
      if (url.endsWith('/robots.txt')) return new Response('', { status: 404 });
      return new Response(`<title>${url}</title><p>text</p>`, {
        status: 200,
        headers: { 'content-type': 'text/html' },
      });
    }) as typeof fetch,
    parsePage: ({ url }) =>
      options.parse?.(url) ?? Promise.resolve({ title: url, text: `text of ${url}`, links: [] }),
    now: () => NOON,
  };
  const errors = () => logged.filter((entry) => entry.kind === 'error');
  return { worker: createWorker(deps), coordinator, outbox, store, sessions, fetched, errors };
}

const pages = (hosts: number, perHost: number) =>
  Array.from({ length: hosts * perHost }, (_, i) => `https://h${i % hosts}.example.com/p${i}`);

describe('the worker', () => {
  it('sends nothing and says so while paused', async () => {
    const { worker, sessions, store, coordinator } = setup({
      urls: pages(2, 1),
      settings: { paused: true },
    });
    const result = await worker.run();
    expect(result).toMatchObject({
      status: { state: 'paused', reason: 'paused' },
      nextWakeMs: 60_000,
    });
    expect(sessions.get).not.toHaveBeenCalled();
    expect(coordinator.leases).toEqual([]);
    expect(await store.get(WORKER_STATUS_KEY)).toMatchObject({ state: 'paused', at: NOON });
  });

  it('crawls until the frontier drains: every page fetched once, signed and acknowledged', async () => {
    const urls = pages(3, 4);
    const { worker, coordinator, outbox, fetched } = setup({ urls, settings: { concurrency: 2 } });
    const result = await worker.run();
    // Drained: the coordinator's empty answer says when to ask again.
    expect(result).toMatchObject({
      status: { state: 'idle', reason: 'no_jobs' },
      nextWakeMs: 7_000,
    });
    expect(result.status.nextCheckAt).toBe(NOON + 7_000);
    expect(coordinator.submitted).toHaveLength(urls.length);
    expect(new Set(coordinator.submitted).size).toBe(urls.length);
    expect(fetched.filter((u) => !u.endsWith('/robots.txt')).sort()).toEqual([...urls].sort());
    // robots.txt once per host.
    expect(fetched.filter((u) => u.endsWith('/robots.txt'))).toHaveLength(3);
    // Every batch is signed for the session's coordinator and chain.
    for (const entry of outbox.entries) {
      expect(entry).toMatchObject({ coordinator: COORDINATOR, chainId: 31337 });
      expect(entry.body.signature).toMatch(/^0x[0-9a-f]{130}$/);
    }
    // Never more than concurrency × 4 asked for at once.
    expect(Math.max(...coordinator.leases)).toBeLessThanOrEqual(3);
  });

  it('goes on past a job that throws, and submits the others', async () => {
    const urls = pages(3, 1);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { worker, coordinator, errors } = setup({
      urls,
      parse: async (url) => {
        if (url.includes('h1.')) throw new Error('parser crashed');
        return { title: url, text: `text of ${url}`, links: [] };
      },
    });
    await worker.run();
    expect(coordinator.submitted).toHaveLength(2);
    expect(warn).toHaveBeenCalledWith('Plaza: job failed', urls[1], expect.any(Error));
    // The person lending the browser sees it too, in the activity log.
    expect(errors()).toEqual([
      expect.objectContaining({
        kind: 'error',
        outcome: 'error',
        code: 'JOB_FAILED',
        url: urls[1],
        message: 'parser crashed',
        at: NOON,
      }),
    ]);
    warn.mockRestore();
  });

  it('logs a batch it could not send, with the coordinator code, and keeps it queued', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { worker, coordinator, outbox, errors } = setup({
      urls: pages(1, 1),
      flushError: new CoordinatorError('BAD_GATEWAY', 'the coordinator is restarting', 502, true),
    });
    const result = await worker.run();
    expect(result.status).toMatchObject({ state: 'idle', reason: 'no_jobs' });
    expect(coordinator.submitted).toEqual([]);
    expect(outbox.entries).toHaveLength(1);
    expect(errors().length).toBeGreaterThan(0);
    for (const entry of errors()) {
      expect(entry).toMatchObject({
        code: 'SEND_FAILED',
        status: 502,
        message: 'BAD_GATEWAY: the coordinator is restarting',
      });
    }
    expect(warn).toHaveBeenCalledWith('Plaza: sending failed', '', expect.any(CoordinatorError));
    warn.mockRestore();
  });

  it('stops for the daily cap and sleeps until midnight', async () => {
    const { worker, coordinator } = setup({
      urls: pages(1, 1),
      settings: { dailyCapMb: 1 },
      usedBytes: 1024 * 1024,
    });
    const result = await worker.run();
    expect(result.status).toMatchObject({ state: 'idle', reason: 'daily_cap_reached' });
    expect(result.nextWakeMs).toBe(12 * 60 * 60_000);
    expect(coordinator.leases).toEqual([]);
  });

  it('rests for half an hour when the coordinator quarantined the device', async () => {
    const quarantined = new CoordinatorError('DEVICE_QUARANTINED', 'quarantined', 403, false, {
      reason: 'VERIFICATION_FAILED',
      message: 'Pages the coordinator re-fetched differed.',
      at: new Date(NOON).toISOString(),
    });
    const { worker } = setup({ urls: pages(1, 1), leaseError: quarantined });
    const result = await worker.run();
    expect(result.status).toMatchObject({ state: 'idle', reason: 'quarantined' });
    expect(result.nextWakeMs).toBe(30 * 60_000);
  });

  it('registers again when the coordinator no longer knows its token', async () => {
    const refused = new CoordinatorError('UNAUTHORIZED', 'unknown token', 401, false);
    const { worker, sessions } = setup({ urls: pages(1, 1), leaseError: refused });
    const result = await worker.run();
    expect(result.status).toMatchObject({ state: 'idle', reason: 'coordinator_unreachable' });
    expect(sessions.reset).toHaveBeenCalledWith('http://127.0.0.1:9');
  });
});
