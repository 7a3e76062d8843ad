import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCoordinatorClient, type EarningsResponse } from '@plaza/protocol';
import { readBody } from '@plaza/test-kit/http';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateArticle } from '#testing/articles.ts';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import type { Publisher } from '../chain/create-publisher.ts';
import { freezeVersion } from '../datasets/freeze-version.ts';

type Device = Awaited<ReturnType<typeof registerTestDevice>>;
type Job = { jobId: string; url: string };

const PLAZA = '0x00000000000000000000000000000000000a11ce';
const TOKEN = '0x0000000000000000000000000000000000007e57';
const CHAIN_ID = 31337;
const SPAM = 'buy now buy now cheap cheap click here click here best price best price';

/**
 * The chain side of the publisher, as the earnings read it: the chain and contract the index is
 * for, and the token's symbol and decimals (the only chain reads the coordinator makes here).
 */
const publisher = {
  chainId: CHAIN_ID,
  plaza: PLAZA,
  client: {
    readContract: async ({ functionName }: { functionName: string }) =>
      functionName === 'symbol' ? 'TUSD' : 6,
  },
} as unknown as Publisher;

describe('earnings per version', () => {
  let t: TestApp;
  let exportsDir: string;
  let device: Device;
  let other: Device;

  async function submit(d: Device, texts: { text: string; httpStatus?: number }[]) {
    const { lease } = await readBody(d.lease({ max: texts.length }));
    const jobs = lease.jobs as Job[];
    const batch = await d.batch(
      texts.map((page, i) =>
        d.contribution(jobs[i] as Job, {
          text: page.text,
          ...(page.httpStatus ? { httpStatus: page.httpStatus } : {}),
        }),
      ),
    );
    const body = await readBody(d.submit(batch));
    return body.results.map(
      (r: { receipt: { contributionId: string } }) => r.receipt.contributionId,
    );
  }

  /** Puts an event in `chain_events` as the indexer mirrors it. */
  let logIndex = 0;
  async function indexed(
    name: string,
    args: Record<string, string>,
    ids: { version?: number; proposalId?: number; account?: string } = {},
  ) {
    logIndex++;
    await t.deps.db.rows(
      sql`insert into chain_events (chain_id, contract, block_number, block_hash, tx_hash, log_index,
            name, args, dataset_id, version, proposal_id, account)
          values (${CHAIN_ID}, ${PLAZA}, ${logIndex}, ${`0x${'b'.repeat(64)}`},
            ${`0x${logIndex.toString(16).padStart(64, '0')}`}, 0, ${name}, ${JSON.stringify(args)}::jsonb,
            ${name === 'LicenseApproved' ? null : 7}, ${ids.version ?? null}, ${ids.proposalId ?? null},
            ${ids.account ?? null})`,
    );
  }

  beforeEach(async () => {
    exportsDir = await mkdtemp(join(tmpdir(), 'plaza-earnings-'));
    t = await createTestApp({ env: { PLAZA_EXPORTS_DIR: exportsDir }, publisher });
    await seedCampaign(t, {
      seeds: Array.from({ length: 12 }, (_, i) => `https://site${i}.example.com/page`),
      scope: { hosts: ['*.example.com'] },
      qualityFloor: 0.5,
    });
    device = await registerTestDevice(t);
    other = await registerTestDevice(t);
    const article = generateArticle(21);
    const [, , , fabricated] = await submit(device, [
      { text: article },
      { text: article },
      { text: SPAM },
      { text: generateArticle(22) },
      { text: 'Service unavailable', httpStatus: 503 },
    ]);
    await submit(other, [{ text: generateArticle(23) }]);
    await t.deps.db.rows(
      sql`update contributions set verification = 'failed' where id = ${fabricated}`,
    );
  }, 120_000);
  afterEach(() => t.close());

  const get = (path: string, token?: string) =>
    t.app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it("answers a device's earnings to that device's token only", async () => {
    const path = `/v1/devices/${device.address}/earnings`;
    const anonymous = await get(path);
    expect(anonymous.status).toBe(401);
    // Another registered device cannot read how much this one crawled or what failed verification.
    const stranger = await get(path, other.token);
    expect(stranger.status).toBe(403);
    expect((await stranger.json()).error.code).toBe('FORBIDDEN');
    const own = await get(path, device.token);
    expect(own.status).toBe(200);
  });

  it('says what the contributions became, and the shares and revenue from the chain index', async () => {
    const { dir, manifest } = await freezeVersion(t.deps, {
      campaignId: 'news',
      exportsDir,
      datasetId: 7n,
    });
    t.clock.advance(60_000);
    await submit(device, [{ text: generateArticle(24) }]);
    const holders = JSON.parse(await readFile(join(dir, 'shares.json'), 'utf8')).holders as Array<{
      account: string;
      amount: string;
    }>;
    const account = device.address.toLowerCase();
    const shares = BigInt(holders.find((h) => h.account.toLowerCase() === account)!.amount);
    expect(shares).toBeGreaterThan(0n);

    const client = createCoordinatorClient({
      baseUrl: 'http://coordinator.test',
      deviceToken: device.token,
      fetch: (async (url: string, init: RequestInit) =>
        t.app.request(url.replace('http://coordinator.test', ''), init)) as typeof fetch,
    });
    const before = await client.deviceEarnings(device.address);
    expect(before.versions).toHaveLength(1);
    const [v] = before.versions;
    expect(v).toMatchObject({
      campaignId: 'news',
      version: 1,
      datasetId: '7',
      chain: 'not_published',
      contributions: {
        rows: 1,
        duplicate: 1,
        belowQuality: 1,
        failedVerification: 1,
        revoked: 0,
        fetchFailed: 1,
        notSelected: 0,
        afterFreeze: 1,
      },
      shares: {
        totalShares: manifest.attribution.totalShares,
        minted: manifest.attribution.total,
        unallocated: manifest.attribution.unallocated,
        rounding: manifest.attribution.rounding,
      },
    });
    expect(v!.stakes).toEqual([
      { account, shares: String(shares), sharesClaimed: '0', revenue: [] },
    ]);
    // Its one row, with why it earns: under rule v1, its quality alone.
    const rowsFile = (await readFile(join(dir, 'rows.jsonl'), 'utf8')).trim().split('\n');
    const index = rowsFile.findIndex(
      (line) => JSON.parse(line).provenance.device === device.address.toLowerCase(),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    expect(v!.attribution).toMatchObject({ rule: 'plaza-attribution/1', total: 1 });
    expect(v!.attribution!.rows).toEqual([
      expect.objectContaining({
        index,
        status: 'quality_only',
        value: '0',
        nearCopy: null,
        helped: [],
        helpedCount: 0,
        hurtCount: 0,
      }),
    ]);
    expect(v!.attribution!.rows[0]!.weightPpm).toBeGreaterThan(0);
    expect(v!.attribution!.rows[0]!.weightPpm).toBeLessThan(1_000_000);

    // Published, a token set, a license settled (revenue 1,000.000007 TUSD over the total), the
    // holder claims its shares and part of the revenue.
    const total = BigInt(manifest.attribution.totalShares);
    const revenue = 1_000_000_007n;
    const acc = 1n + (revenue << 128n) / total;
    await indexed('VersionProposed', { datasetId: '7', version: '1' }, { version: 1 });
    await indexed('PaymentTokenSet', { datasetId: '7', token: TOKEN, reservePrice: '0' });
    await indexed(
      'LicenseProposed',
      { proposalId: '3', datasetId: '7', version: '1', token: TOKEN },
      { version: 1, proposalId: 3 },
    );
    const afterSettle = await client.deviceEarnings(device.address);
    expect(afterSettle.versions[0]!.chain).toBe('timelock');
    const entitled = (shares * acc) >> 128n;
    // Not yet settled: nothing owed.
    expect(afterSettle.versions[0]!.stakes[0]!.revenue).toEqual([
      {
        token: TOKEN,
        symbol: 'TUSD',
        decimals: 6,
        claimable: '0',
        claimed: '0',
        afterShareClaim: '0',
      },
    ]);
    await indexed('VersionActivated', { datasetId: '7', version: '1' }, { version: 1 });
    await indexed(
      'LicenseApproved',
      { proposalId: '3', revenuePerShare: String(acc), revenue: String(revenue) },
      { proposalId: 3 },
    );
    const settled = await client.deviceEarnings(device.address);
    expect(settled.versions[0]!.chain).toBe('active');
    // Owed once the shares are claimed, not claimable before.
    expect(settled.versions[0]!.stakes[0]!.revenue[0]).toMatchObject({
      claimable: '0',
      afterShareClaim: String(entitled),
    });
    await indexed(
      'SharesClaimed',
      { datasetId: '7', version: '1', account, index: '0', amount: String(shares) },
      { version: 1, account },
    );
    await indexed(
      'RevenueClaimed',
      { datasetId: '7', version: '1', account, token: TOKEN, amount: '5' },
      { version: 1, account },
    );
    const claimed = await client.deviceEarnings(device.address);
    expect(claimed.versions[0]!.stakes[0]).toEqual({
      account,
      shares: String(shares),
      sharesClaimed: String(shares),
      revenue: [
        {
          token: TOKEN,
          symbol: 'TUSD',
          decimals: 6,
          claimable: String(entitled - 5n),
          claimed: '5',
          afterShareClaim: '0',
        },
      ],
    });
    expect(entitled).toBeLessThanOrEqual((revenue * shares) / total + 1n);

    // The same stake is public by account (shares and revenue are on chain); the contribution
    // counts are not in it.
    const publicAnswer = (await (
      await get(`/v1/accounts/${account}/earnings`)
    ).json()) as EarningsResponse;
    expect(publicAnswer.versions[0]!.stakes).toEqual(claimed.versions[0]!.stakes);
    expect(publicAnswer.versions[0]!.contributions).toBeUndefined();
    const nobody = await (await get(`/v1/accounts/0x${'1'.repeat(40)}/earnings`)).json();
    expect(nobody.versions).toEqual([]);
    expect((await get('/v1/accounts/not-an-address/earnings')).status).toBe(400);
  });
});
