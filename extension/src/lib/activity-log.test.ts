import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { type ActivityEntry, createActivityLog } from './activity-log.ts';
import { openPlazaDb } from './db/idb.ts';

let dbCount = 0;
const freshDb = () => openPlazaDb(indexedDB, `activity-test-${++dbCount}`);

const fetchEntry = (n: number, patch: Partial<ActivityEntry> = {}): Omit<ActivityEntry, 'seq'> => ({
  at: 1_700_000_000_000 + n,
  kind: 'page',
  url: `https://news.example.com/${n}`,
  status: 200,
  bytes: 1000 + n,
  ms: 50,
  outcome: 'ok',
  jobId: `job-${n}`,
  ...patch,
});

describe('activity log', () => {
  it('lists the newest first, pages backwards, and counts', async () => {
    const log = createActivityLog(await freshDb());
    for (let n = 1; n <= 7; n++) await log.append(fetchEntry(n));
    const first = await log.list({ limit: 3 });
    expect(first.map((e) => e.url)).toEqual([7, 6, 5].map((n) => `https://news.example.com/${n}`));
    const next = await log.list({ limit: 3, before: first.at(-1)!.seq! });
    expect(next.map((e) => e.jobId)).toEqual(['job-4', 'job-3', 'job-2']);
    expect(await log.count()).toBe(7);
  });

  it('keeps background failures beside the fetches, with what failed', async () => {
    const log = createActivityLog(await freshDb());
    await log.append(fetchEntry(1));
    await log.append({
      at: 1_700_000_000_002,
      kind: 'error',
      url: '',
      status: 502,
      bytes: 0,
      ms: 0,
      outcome: 'error',
      code: 'SEND_FAILED',
      message: 'BAD_GATEWAY: the coordinator is restarting',
    });
    const [newest] = await log.list({ limit: 1 });
    expect(newest).toMatchObject({ kind: 'error', code: 'SEND_FAILED', status: 502 });
    expect(JSON.parse(await log.exportJson())[1].message).toBe(
      'BAD_GATEWAY: the coordinator is restarting',
    );
    await expect(
      log.append({ ...fetchEntry(3), kind: 'error', message: 'x'.repeat(501) }),
    ).rejects.toThrow();
  });

  it('keeps only the last N entries', async () => {
    const log = createActivityLog(await freshDb(), { limit: 5 });
    for (let n = 1; n <= 6; n++) await log.append(fetchEntry(n));
    // Appended together, written in one transaction.
    await Promise.all([7, 8, 9, 10, 11, 12].map((n) => log.append(fetchEntry(n))));
    expect(await log.count()).toBe(5);
    expect((await log.list({ limit: 10 })).map((e) => e.jobId)).toEqual([
      'job-12',
      'job-11',
      'job-10',
      'job-9',
      'job-8',
    ]);
  });

  it('records what the coordinator made of a job on its page entries', async () => {
    const log = createActivityLog(await freshDb());
    await log.append(
      fetchEntry(1, { kind: 'robots', url: 'https://news.example.com/robots.txt', jobId: 'job-1' }),
    );
    await log.append(fetchEntry(1));
    await log.append(fetchEntry(2));
    await log.setReceipts([{ jobId: 'job-1', outcome: 'duplicate' }]);
    const [second, first, robots] = await log.list();
    expect(first).toMatchObject({ jobId: 'job-1', receipt: 'duplicate' });
    expect(second!.receipt).toBeUndefined();
    expect(robots!.receipt).toBeUndefined();
  });

  it('exports every entry as JSON, oldest first, with URL, status, bytes, time and outcome', async () => {
    const log = createActivityLog(await freshDb());
    await log.append(fetchEntry(1));
    await log.append(
      fetchEntry(2, {
        outcome: 'refused',
        code: 'IP_LITERAL',
        status: 0,
        bytes: 0,
        url: 'http://10.0.0.1/',
      }),
    );
    const exported = JSON.parse(await log.exportJson()) as ActivityEntry[];
    expect(exported).toHaveLength(2);
    expect(exported[1]).toMatchObject({
      url: 'http://10.0.0.1/',
      status: 0,
      bytes: 0,
      ms: 50,
      outcome: 'refused',
      code: 'IP_LITERAL',
    });
    expect(exported[0]!.seq).toBeLessThan(exported[1]!.seq!);
  });

  it('refuses a malformed entry', async () => {
    const log = createActivityLog(await freshDb());
    await expect(
      log.append({ ...fetchEntry(1), outcome: 'teleported' as never }),
    ).rejects.toThrow();
    expect(await log.count()).toBe(0);
  });
});
