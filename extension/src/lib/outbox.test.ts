import 'fake-indexeddb/auto';
import {
  CoordinatorError,
  type ParsedContributionItem,
  type Receipt,
  receiptBatchTypedData,
  type SubmitContributionsResponse,
} from '@plaza/protocol';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it, vi } from 'vitest';
import { openPlazaDb } from './db/idb.ts';
import { createOutbox, type OutboxEntry } from './outbox.ts';
import { countReceipts, recentReceipts } from './receipts-store.ts';

const coordinatorKey = privateKeyToAccount(generatePrivateKey());
const CHAIN_ID = 31337;
const coordinator = coordinatorKey.address.toLowerCase() as `0x${string}`;
const device = privateKeyToAccount(generatePrivateKey()).address.toLowerCase() as `0x${string}`;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as const;

let dbCount = 0;
const freshDb = () => openPlazaDb(indexedDB, `outbox-test-${++dbCount}`);

function item(jobId: string): ParsedContributionItem {
  return {
    jobId,
    url: `https://news.example.com/${jobId}`,
    finalUrl: `https://news.example.com/${jobId}`,
    httpStatus: 200,
    bodyHash: hash(1),
    textHash: hash(2),
    linksHash: hash(3),
    fetchedAt: 1_700_000_000,
    contentType: 'text/html',
    bodyBytes: 10,
    title: '',
    text: 'text',
    links: [],
  };
}

function entry(
  id: string,
  jobIds: string[],
): Omit<OutboxEntry, 'attempts' | 'dueAt' | 'createdAt'> {
  return {
    id,
    coordinatorUrl: 'http://coordinator.test',
    coordinator,
    chainId: CHAIN_ID,
    body: { device, signature: `0x${'11'.repeat(65)}`, items: jobIds.map(item) },
    jobs: Object.fromEntries(
      jobIds.map((j) => [j, { campaignId: 'news', url: `https://news.example.com/${j}` }]),
    ),
  };
}

/**
 * A coordinator that behaves like the real one where the outbox cares: a job's first submission
 * issues its receipt, a resubmission gets the same receipt back, answers are signed.
 */
function fakeCoordinator(options: { signer?: typeof coordinatorKey; expired?: string[] } = {}) {
  const issued = new Map<string, Receipt>();
  let stored = 0;
  const submit = vi.fn(async (e: OutboxEntry): Promise<SubmitContributionsResponse> => {
    const results = e.body.items.map((i): SubmitContributionsResponse['results'][number] => {
      if (options.expired?.includes(i.jobId)) {
        return {
          ok: false,
          jobId: i.jobId,
          error: { code: 'LEASE_EXPIRED', message: 'expired', retryable: false },
        };
      }
      let receipt = issued.get(i.jobId);
      if (!receipt) {
        stored++;
        receipt = {
          contributionId: `c-${i.jobId}`,
          jobId: i.jobId,
          contentHash: hash(9),
          device,
          campaignId: 'news',
          outcome: stored % 2 ? 'accepted' : 'duplicate',
          issuedAt: 1_700_000_100,
          itemId: '1',
          qualityScore: 0.9,
        };
        issued.set(i.jobId, receipt);
      }
      return { ok: true, receipt };
    });
    const receipts = results.flatMap((r) => (r.ok ? [r.receipt] : []));
    const signer = options.signer ?? coordinatorKey;
    const typed = receiptBatchTypedData({
      chainId: CHAIN_ID,
      coordinator,
      receipts,
      issuedAt: 1_700_000_200,
    });
    return {
      results,
      receiptBatch: {
        itemsHash: typed.message.itemsHash,
        count: receipts.length,
        issuedAt: 1_700_000_200,
        coordinator,
        signature: await signer.signTypedData(typed),
      },
    };
  });
  return { submit, stored: () => stored };
}

const networkDown = () =>
  new CoordinatorError('NETWORK', 'Could not reach the coordinator.', 0, true);

describe('outbox', () => {
  it('sends a batch, stores its verified receipts and empties itself', async () => {
    const db = await freshDb();
    const coordinatorFake = fakeCoordinator();
    const onStored = vi.fn();
    const outbox = createOutbox({ db, submit: coordinatorFake.submit, onStored });
    await outbox.add(entry('b1', ['j1', 'j2', 'j3']));
    expect(await outbox.pending()).toBe(1);
    expect(await outbox.flush()).toEqual({ sent: 1, retrying: 0, dropped: 0, pending: 0 });
    expect(await countReceipts(db)).toMatchObject({ accepted: 2, duplicate: 1, rejected: 0 });
    const receipts = await recentReceipts(db, 10);
    expect(receipts.map((r) => r.jobId).sort()).toEqual(['j1', 'j2', 'j3']);
    expect(receipts[0]!.receiptBatch?.jobIds).toEqual(['j1', 'j2', 'j3']);
    expect(onStored).toHaveBeenCalledTimes(1);
  });

  it('keeps a batch through an outage and retries with exponential backoff', async () => {
    const db = await freshDb();
    let now = 1_000_000;
    let down = true;
    const coordinatorFake = fakeCoordinator();
    const submit = vi.fn(async (e: OutboxEntry) => {
      if (down) throw networkDown();
      return coordinatorFake.submit(e);
    });
    const outbox = createOutbox({ db, submit, now: () => now, random: () => 1, baseDelayMs: 1000 });
    await outbox.add(entry('b1', ['j1']));
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await outbox.flush()).toMatchObject({ sent: 0, retrying: 1, pending: 1 });
      delays.push((await outbox.nextDueAt())! - now);
      // Not due yet: a flush sends nothing.
      expect(await outbox.flush()).toMatchObject({ sent: 0, retrying: 0, pending: 1 });
      now += delays.at(-1)!;
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000]);
    down = false;
    expect(await outbox.flush()).toMatchObject({ sent: 1, pending: 0 });
    expect(submit).toHaveBeenCalledTimes(5);
    expect(await countReceipts(db)).toMatchObject({ accepted: 1 });
  });

  it('caps the backoff and spreads retries with jitter', async () => {
    const db = await freshDb();
    let now = 0;
    const outbox = createOutbox({
      db,
      submit: async () => {
        throw networkDown();
      },
      now: () => now,
      random: () => 0,
      baseDelayMs: 1000,
      maxDelayMs: 10_000,
    });
    await outbox.add(entry('b1', ['j1']));
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      await outbox.flush();
      delays.push((await outbox.nextDueAt())! - now);
      now += delays.at(-1)!;
    }
    // random() = 0 takes the low end of each window: half the exponential ceiling.
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000, 5000]);
  });

  it('counts nothing twice when the answer was lost after the coordinator stored the batch', async () => {
    const db = await freshDb();
    const coordinatorFake = fakeCoordinator();
    let loseAnswer = true;
    const submit = async (e: OutboxEntry) => {
      const answer = await coordinatorFake.submit(e);
      if (loseAnswer) {
        loseAnswer = false;
        throw networkDown();
      }
      return answer;
    };
    let now = 0;
    const outbox = createOutbox({ db, submit, now: () => now });
    await outbox.add(entry('b1', ['j1', 'j2']));
    await outbox.flush();
    expect(await countReceipts(db)).toMatchObject({ accepted: 0, duplicate: 0 });
    now += 10 * 60_000;
    await outbox.flush();
    expect(coordinatorFake.submit).toHaveBeenCalledTimes(2);
    expect(coordinatorFake.stored()).toBe(2);
    const receipts = await recentReceipts(db, 10);
    expect(receipts.map((r) => r.receipt?.contributionId).sort()).toEqual(['c-j1', 'c-j2']);
  });

  it('survives a worker restart: a new outbox on the same database sends what the old one kept', async () => {
    const db = await freshDb();
    const first = createOutbox({
      db,
      submit: async () => {
        throw networkDown();
      },
    });
    await first.add(entry('b1', ['j1']));
    await first.add(entry('b2', ['j2']));
    await first.flush();
    const coordinatorFake = fakeCoordinator();
    const restarted = createOutbox({
      db,
      submit: coordinatorFake.submit,
      now: () => Date.now() + 3_600_000,
    });
    expect(await restarted.flush()).toMatchObject({ sent: 2, pending: 0 });
    expect((await recentReceipts(db, 10)).map((r) => r.jobId).sort()).toEqual(['j1', 'j2']);
  });

  it('does not trust receipts the coordinator did not sign', async () => {
    const db = await freshDb();
    const forger = fakeCoordinator({ signer: privateKeyToAccount(generatePrivateKey()) });
    const outbox = createOutbox({ db, submit: forger.submit });
    await outbox.add(entry('b1', ['j1']));
    expect(await outbox.flush()).toMatchObject({ sent: 0, retrying: 1, pending: 1 });
    expect(await recentReceipts(db)).toEqual([]);
  });

  it('stores refused items as rejected and accepted ones as receipts', async () => {
    const db = await freshDb();
    const outbox = createOutbox({ db, submit: fakeCoordinator({ expired: ['j2'] }).submit });
    await outbox.add(entry('b1', ['j1', 'j2']));
    await outbox.flush();
    expect(await countReceipts(db)).toMatchObject({ accepted: 1, rejected: 1 });
    const rejected = (await recentReceipts(db)).find((r) => r.jobId === 'j2');
    expect(rejected).toMatchObject({ outcome: 'rejected', error: { code: 'LEASE_EXPIRED' } });
  });

  it('drops a batch the coordinator can never accept, recording its items as rejected', async () => {
    const db = await freshDb();
    const outbox = createOutbox({
      db,
      submit: async () => {
        throw new CoordinatorError('SIGNATURE_INVALID', 'bad signature', 401, false);
      },
    });
    await outbox.add(entry('b1', ['j1', 'j2']));
    expect(await outbox.flush()).toEqual({ sent: 0, retrying: 0, dropped: 1, pending: 0 });
    expect(await countReceipts(db)).toMatchObject({ rejected: 2 });
  });

  it('registers again when the token is refused, and retries at once', async () => {
    const db = await freshDb();
    const onUnauthorized = vi.fn(async () => {});
    let refused = true;
    const coordinatorFake = fakeCoordinator();
    const outbox = createOutbox({
      db,
      onUnauthorized,
      submit: async (e) => {
        if (refused) {
          refused = false;
          throw new CoordinatorError('UNAUTHORIZED', 'unknown token', 401, false);
        }
        return coordinatorFake.submit(e);
      },
    });
    await outbox.add(entry('b1', ['j1']));
    expect(await outbox.flush()).toMatchObject({ retrying: 1 });
    expect(onUnauthorized).toHaveBeenCalledWith('http://coordinator.test');
    expect(await outbox.flush()).toMatchObject({ sent: 1 });
  });

  it('sends each batch once when flushes overlap', async () => {
    const db = await freshDb();
    const coordinatorFake = fakeCoordinator();
    const outbox = createOutbox({ db, submit: coordinatorFake.submit });
    await outbox.add(entry('b1', ['j1']));
    await outbox.add(entry('b2', ['j2']));
    await Promise.all([outbox.flush(), outbox.flush(), outbox.flush()]);
    expect(coordinatorFake.submit).toHaveBeenCalledTimes(2);
    expect(await outbox.pending()).toBe(0);
  });
});
