import type { Job } from '@plaza/protocol';
import { describe, expect, it } from 'vitest';
import type { ActivityEntry, ActivityLog } from './activity-log.ts';
import { createJobProcessor, type JobContext } from './process-job.ts';
import type { RobotsCache, RobotsRecord } from './robots-gate.ts';
import type { UsageMeter } from './usage.ts';

const page = (host: string) =>
  `<!doctype html><title>${host}</title><p>${'A sentence of the article. '.repeat(40)}</p>`;
const job = (host: string): Job => ({
  jobId: `job-${host}`,
  campaignId: 'c',
  url: `https://${host}/a`,
  extraction: 'article',
});

/**
 * A web where every answer waits for `release()`, so that jobs started together are all in
 * flight at once; it records what was asked and honours aborts.
 */
function heldWeb() {
  const requests: string[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push(url);
    await new Promise<void>((resolve, reject) => {
      released.then(resolve);
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
    });
    if (url.endsWith('/robots.txt')) return new Response('not found', { status: 404 });
    return new Response(page(new URL(url).host), {
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
  }) as typeof globalThis.fetch;
  return { fetch, requests, release };
}

function fakes() {
  const activity: Omit<ActivityEntry, 'seq'>[] = [];
  const log: Pick<ActivityLog, 'append'> = {
    append: async (entry) => activity.push(entry),
  };
  let bytes = 0;
  const usage: UsageMeter = {
    today: async () => ({ day: 'today', bytes, pages: 0 }) as never,
    bytesNow: () => bytes,
    add: async (n) => {
      bytes += n;
      return { day: 'today', bytes, pages: 0 } as never;
    },
    persist: async () => {},
  };
  const records = new Map<string, RobotsRecord>();
  const robotsCache: RobotsCache = {
    get: async (origin) => records.get(origin),
    put: async (record) => {
      records.set(record.origin, record);
    },
  };
  return { activity, log, usage, robotsCache };
}

const context = (patch: Partial<JobContext>): JobContext => ({
  denyList: [],
  capBytes: 100 * 1024 * 1024,
  leaseEnds: Date.now() + 10 * 60_000,
  signal: new AbortController().signal,
  stop: { reason: null },
  ...patch,
});

describe('createJobProcessor', () => {
  it('keeps four concurrent jobs under their own contexts: cap, deny list and pause', async () => {
    const web = heldWeb();
    const { activity, log, usage, robotsCache } = fakes();
    const processor = createJobProcessor({
      activity: log as ActivityLog,
      usage,
      robotsCache,
      fetch: web.fetch,
      parsePage: async ({ html }) => ({
        title: 'page',
        text: html.replace(/<[^>]+>/g, ' ').trim(),
        links: [],
      }),
    });
    const pause = new AbortController();
    const contexts = {
      // Its day's cap is spent: it may not even read robots.txt.
      capped: context({ capBytes: 0 }),
      plain: context({}),
      // Paused while its page is on the wire.
      paused: context({ signal: pause.signal }),
      // Its user deny-listed the capped job's host, which is nothing to this job.
      denying: context({ denyList: ['capped.example.com'] }),
    };
    const results = Promise.all(
      Object.entries(contexts).map(([name, ctx]) =>
        processor.process(job(`${name}.example.com`), ctx),
      ),
    );
    // Every job is now waiting on the network; pause one, then let the web answer.
    await new Promise((resolve) => setTimeout(resolve, 0));
    pause.abort(new Error('paused'));
    web.release();
    const [capped, plain, paused, denying] = await results;

    expect(capped).toBeNull();
    expect(web.requests.filter((url) => url.includes('capped.example.com'))).toEqual([]);
    expect(activity.find((e) => e.url.startsWith('https://capped.'))).toMatchObject({
      outcome: 'refused',
      code: 'ROBOTS_UNREACHABLE',
    });
    expect(plain?.jobId).toBe('job-plain.example.com');
    expect(plain?.text).toContain('A sentence of the article.');
    expect(paused).toBeNull();
    expect(denying?.jobId).toBe('job-denying.example.com');
    // Nobody else's cap stopped a job, and the pause stopped only its own.
    for (const ctx of [contexts.plain, contexts.denying]) expect(ctx.stop.reason).toBeNull();
    expect(
      activity.filter((e) => e.kind === 'page' && e.outcome === 'ok').map((e) => e.url),
    ).toEqual(
      expect.arrayContaining(['https://plain.example.com/a', 'https://denying.example.com/a']),
    );
  });
});
