import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessions } from '@plaza/db';
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { hashToken } from '../../src/devices/register-device.ts';
import { generateArticle } from '../articles.ts';
import { createTestApp, type TestApp } from '../create-test-app.ts';
import { seedItems, signInLabeler } from '../labeling.ts';
import { registerTestDevice, seedCampaign } from '../seed.ts';
import { signFuzzBodies } from './fuzz-signed-bodies.ts';

/** The campaign every fuzzed request can name; it has items, tasks, labels and a frozen version. */
export const FUZZ_CAMPAIGN = 'fuzz';
/** The dataset id its frozen version was bound to. */
export const FUZZ_DATASET_ID = '7';

/**
 * A coordinator with something in every table the API touches, so fuzzed requests get past "not
 * found" into the code behind it: a campaign with a frontier, stored items, label tasks, labels and
 * a gold answer; a registered device with a lease and an accepted contribution; a labeler and a
 * reviewer signed in; a frozen dataset version; and, for each signed request, a body signed the
 * way the real client signs it (plus the same body signed for the wrong chain, or too long ago).
 */
export async function createFuzzWorld() {
  const exportsDir = await mkdtemp(join(tmpdir(), 'plaza-fuzz-'));
  const reviewerAccount = privateKeyToAccount(generatePrivateKey());
  const t = await startFuzzApp(exportsDir, reviewerAccount);
  const itemIds = await seedFuzzCampaign(t);
  const { device, leaseId, jobs, contributionIds } = await contributeAsDevice(t);
  const { labeler, reviewer } = await labelAndFreeze(t, itemIds, reviewerAccount);
  const stranger = privateKeyToAccount(generatePrivateKey());
  const payoutAccount = privateKeyToAccount(generatePrivateKey());
  const signed = await signFuzzBodies(
    t,
    { device, stranger, payoutAccount },
    { campaignId: FUZZ_CAMPAIGN, datasetId: FUZZ_DATASET_ID },
  );
  return {
    t,
    app: t.app,
    chainId: t.deps.config.PLAZA_CHAIN_ID,
    coordinator: t.deps.signer.address,
    campaignId: FUZZ_CAMPAIGN,
    itemIds,
    jobs,
    contributionIds,
    leaseId,
    device,
    payoutAccount,
    stranger,
    headers: {
      admin: t.admin,
      device: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      labeler: labeler.headers,
      reviewer: reviewer.headers,
    },
    /** Pre-signed bodies: valid ones (replayed by the fuzzer) and ones signed wrongly. */
    signed,
    /**
     * A fresh session for an account nobody else uses: routes that end the session they are called
     * with get one, so the labeler's own session survives the run.
     */
    disposableSession: () => disposableSession(t),
    async close() {
      await t.close();
      await rm(exportsDir, { recursive: true, force: true });
    },
  };
}

/** A test app whose limits let every route template through and a cheap oversized body fail. */
function startFuzzApp(exportsDir: string, reviewerAccount: PrivateKeyAccount): Promise<TestApp> {
  return createTestApp({
    env: {
      PLAZA_EXPORTS_DIR: exportsDir,
      PLAZA_REVIEWER_ADDRESSES: reviewerAccount.address,
      // Small enough that an oversized body is cheap to send, large enough for every template.
      PLAZA_MAX_BODY_BYTES: String(256 * 1024),
      // Under what fits in that size, so the value cap can be met by a body within it.
      PLAZA_MAX_BODY_NODES: String(20_000),
    },
  });
}

/** The fuzz campaign with 24 seed URLs and 12 stored items; answers the items' ids. */
async function seedFuzzCampaign(t: TestApp): Promise<number[]> {
  await seedCampaign(t, {
    id: FUZZ_CAMPAIGN,
    seeds: Array.from({ length: 24 }, (_, i) => `https://site${i}.example.com/page`),
    scope: { hosts: ['*.example.com'] },
    overlap: 2,
    goldFraction: 0.2,
    qualityFloor: 0.2,
  });
  return seedItems(
    t,
    FUZZ_CAMPAIGN,
    Array.from({ length: 12 }, (_, i) => ({ text: generateArticle(i + 1, 80), quality: 0.9 })),
  );
}

/** A device that leased jobs and had one page accepted. */
async function contributeAsDevice(t: TestApp) {
  const device = await registerTestDevice(t);
  const lease = (await (await device.lease({ max: 6 })).json()) as {
    lease: { id: string; jobs: Array<{ jobId: string; url: string }> };
  };
  const jobs = lease.lease.jobs;
  if (jobs.length < 3) throw new Error(`fuzz world: expected jobs, got ${JSON.stringify(lease)}`);
  const accepted = await device.submit(
    await device.batch([device.contribution(jobs[0]!, { text: generateArticle(101, 120) })]),
  );
  if (accepted.status !== 200) throw new Error(`fuzz world: ${await accepted.text()}`);
  const receipts = (await accepted.json()) as {
    results: Array<{ receipt?: { contributionId: string } }>;
  };
  const contributionIds = receipts.results.flatMap((r) =>
    r.receipt ? [r.receipt.contributionId] : [],
  );
  return { device, leaseId: lease.lease.id, jobs, contributionIds };
}

/**
 * A labeler who labeled, a reviewer and a gold answer; then the labels aggregated and a version
 * frozen (forced: few rows are labelled, so the safe-freeze check would refuse it).
 */
async function labelAndFreeze(t: TestApp, itemIds: number[], reviewerAccount: PrivateKeyAccount) {
  const labeler = await signInLabeler(t);
  const reviewer = await signInLabeler(t, reviewerAccount);
  await expectOk(
    t.app.request(`/v1/campaigns/${FUZZ_CAMPAIGN}/gold`, {
      method: 'POST',
      headers: t.admin,
      body: JSON.stringify({
        items: [{ itemId: itemIds[11], value: { kind: 'classification', class: 1 } }],
      }),
    }),
  );
  const tasks = (await (await labeler.lease(FUZZ_CAMPAIGN, 3)).json()) as {
    tasks: Array<{ itemId: number }>;
  };
  for (const task of tasks.tasks) await expectOk(labeler.label(task.itemId, cls(0)));
  await expectOk(
    t.app.request(`/v1/campaigns/${FUZZ_CAMPAIGN}/aggregate`, { method: 'POST', headers: t.admin }),
  );
  await expectOk(
    t.app.request(`/v1/campaigns/${FUZZ_CAMPAIGN}/versions`, {
      method: 'POST',
      headers: t.admin,
      body: JSON.stringify({ datasetId: FUZZ_DATASET_ID, force: true }),
    }),
  );
  return { labeler, reviewer };
}

/** Inserts a session for a random address nobody else uses; answers its request headers. */
async function disposableSession(t: TestApp) {
  const token = randomBytes(32).toString('hex');
  await t.deps.db.db.insert(sessions).values({
    tokenHash: hashToken(token),
    address: `0x${randomBytes(20).toString('hex')}`,
    createdAt: t.clock.now(),
    expiresAt: new Date(t.clock.now().getTime() + 3_600_000),
  });
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

/** The world `createFuzzWorld` builds. */
export type FuzzWorld = Awaited<ReturnType<typeof createFuzzWorld>>;

const cls = (c: number) => ({ kind: 'classification', class: c });

async function expectOk(response: Response | Promise<Response>): Promise<void> {
  const res = await response;
  if (res.status >= 300) throw new Error(`fuzz world setup: ${res.status} ${await res.text()}`);
}

export type { TestApp };
