import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ContributionAudit, createCoordinatorClient } from '@plaza/protocol';
import { readBody } from '@plaza/test-kit/http';
import { sql } from 'drizzle-orm';
import { concat, type Hex, keccak256, stringToBytes } from 'viem';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateArticle } from '#testing/articles.ts';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { registerTestDevice, seedCampaign } from '#testing/seed.ts';
import { freezeVersion } from './freeze-version.ts';

type Device = Awaited<ReturnType<typeof registerTestDevice>>;
type Job = { jobId: string; url: string };

/** An independent fold with viem's keccak (sorted pairs, as OpenZeppelin's MerkleProof). */
const fold = (leaf: Hex, proof: readonly Hex[]) =>
  proof.reduce((node, s) => keccak256(node < s ? concat([node, s]) : concat([s, node])), leaf);

const SPAM = 'buy now buy now cheap cheap click here click here best price best price';

describe('auditing contributions against a frozen version', () => {
  let t: TestApp;
  let exportsDir: string;
  let device: Device;
  let other: Device;
  const ids: Record<string, string> = {};

  async function submit(d: Device, pages: { key: string; text: string; httpStatus?: number }[]) {
    const { lease } = await readBody(d.lease({ max: pages.length }));
    const jobs = lease.jobs as Job[];
    expect(jobs.length).toBeGreaterThanOrEqual(pages.length);
    const batch = await d.batch(
      pages.map((page, i) =>
        d.contribution(jobs[i] as Job, {
          text: page.text,
          ...(page.httpStatus ? { httpStatus: page.httpStatus } : {}),
        }),
      ),
    );
    const body = await readBody(d.submit(batch));
    for (const [i, page] of pages.entries()) {
      ids[page.key] = body.results[i].receipt.contributionId;
    }
    return body;
  }

  beforeEach(async () => {
    exportsDir = await mkdtemp(join(tmpdir(), 'plaza-audit-'));
    t = await createTestApp({ env: { PLAZA_EXPORTS_DIR: exportsDir } });
    await seedCampaign(t, {
      seeds: Array.from({ length: 12 }, (_, i) => `https://site${i}.example.com/page`),
      scope: { hosts: ['*.example.com'] },
      qualityFloor: 0.5,
    });
    device = await registerTestDevice(t);
    other = await registerTestDevice(t);
    const article = generateArticle(11);
    const body = await submit(device, [
      { key: 'included', text: article },
      { key: 'duplicate', text: article },
      { key: 'low', text: SPAM },
      { key: 'fabricated', text: generateArticle(12) },
      { key: 'failedFetch', text: 'Service unavailable', httpStatus: 503 },
    ]);
    expect(body.results.map((r: { receipt: { outcome: string } }) => r.receipt.outcome)).toEqual([
      'accepted',
      'duplicate',
      'low_quality',
      'accepted',
      'fetch_failed',
    ]);
    await submit(other, [{ key: 'revoked', text: generateArticle(13) }]);
    // The verifier re-fetched one page and it did not match; the other device was quarantined.
    await t.deps.db.rows(
      sql`update contributions set verification = 'failed' where id = ${ids.fabricated}`,
    );
    await t.deps.db.rows(
      sql`insert into verification_checks (contribution_id, campaign_id, device_address, url, host,
            item_id, mode, reason, state, similarity, http_status, created_at)
          select id, campaign_id, device_address, url, 'site3.example.com', item_id, 'http',
            'sample', 'failed', 0.12, 200, created_at
          from contributions where id = ${ids.fabricated}`,
    );
    await t.deps.db.rows(
      sql`update contributions set verification = 'revoked' where id = ${ids.revoked}`,
    );
    await t.deps.db.rows(
      sql`update devices set status = 'quarantined', quarantine_reason = 'VERIFICATION_FAILED',
            quarantined_at = ${t.clock.now().toISOString()}
          where address = ${other.address.toLowerCase()}`,
    );
  }, 120_000);
  afterEach(() => t.close());

  it('answers each status with what it rests on, and included rows prove to the rows root', async () => {
    const { dir, manifest } = await freezeVersion(t.deps, {
      campaignId: 'news',
      exportsDir,
      datasetId: 7n,
    });
    expect(manifest.rows.count).toBe(1);
    // A page that arrives after the freeze is not in this version.
    t.clock.advance(60_000);
    await submit(device, [{ key: 'late', text: generateArticle(14) }]);

    const client = createCoordinatorClient({
      baseUrl: 'http://coordinator.test',
      fetch: (async (url: string, init: RequestInit) =>
        t.app.request(url.replace('http://coordinator.test', ''), init)) as typeof fetch,
    });
    const order = ['included', 'duplicate', 'low', 'fabricated', 'revoked', 'failedFetch', 'late'];
    const answer = await client.auditContributions('news', 1, {
      contributionIds: [...order.map((key) => ids[key] as string), 'no-such-contribution'],
    });
    expect(answer).toMatchObject({
      campaignId: 'news',
      version: 1,
      rowsRoot: manifest.rows.root,
      qualityFloor: 0.5,
      frozenAt: manifest.createdAt,
    });
    const byStatus = Object.fromEntries(
      answer.results.map((r, i) => [order[i] ?? 'unknown', r]),
    ) as Record<string, ContributionAudit>;
    expect(answer.results.map((r) => r.status)).toEqual([
      'included',
      'duplicate',
      'below_quality',
      'failed_verification',
      'revoked',
      'fetch_failed',
      'not_in_version',
      'unknown',
    ]);

    // Included: the row hash is the keccak of the row's JSONL line, and the proof leads to the root.
    const included = byStatus.included as Extract<ContributionAudit, { status: 'included' }>;
    const lines = (await readFile(join(dir, 'rows.jsonl'), 'utf8')).trim().split('\n');
    const line = lines[included.rowIndex] as string;
    expect(JSON.parse(line).provenance.contribution).toBe(ids.included);
    expect(included.rowHash).toBe(keccak256(stringToBytes(line)));
    expect(fold(included.rowHash, included.proof)).toBe(manifest.rows.root);

    expect(byStatus.duplicate).toMatchObject({
      kind: 'duplicate',
      similarity: 1,
      of: { contributionId: ids.included, rowIndex: included.rowIndex },
    });
    const low = byStatus.low as Extract<ContributionAudit, { status: 'below_quality' }>;
    expect(low.floor).toBe(0.5);
    expect(low.score).toBeLessThan(0.5);
    expect(byStatus.fabricated).toMatchObject({
      similarity: expect.closeTo(0.12, 5),
      httpStatus: 200,
    });
    expect(byStatus.revoked).toMatchObject({ reason: 'VERIFICATION_FAILED' });
    expect(byStatus.failedFetch).toMatchObject({ reason: expect.any(String) });
    expect(byStatus.late).toMatchObject({ reason: 'after_freeze' });

    // The version list names it with the same roots.
    const { versions } = await client.listDatasetVersions('news');
    expect(versions).toEqual([
      expect.objectContaining({
        version: 1,
        datasetId: '7',
        rows: 1,
        rowsRoot: manifest.rows.root,
        sharesRoot: manifest.shares.root,
        publication: null,
      }),
    ]);
    expect((await client.getManifest('news', 1)).rows.root).toBe(manifest.rows.root);
  }, 120_000);

  it('refuses more than 500 ids, malformed ids and unknown versions with clear codes (400, 404)', async () => {
    await freezeVersion(t.deps, { campaignId: 'news', exportsDir, datasetId: 7n });
    const post = (path: string, body: unknown) =>
      t.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const tooMany = await post('/v1/datasets/news/versions/1/audit', {
      contributionIds: Array.from({ length: 501 }, (_, i) => `c-${i}`),
    });
    expect(tooMany.status).toBe(400);
    expect((await readBody(tooMany)).error.code).toBe('VALIDATION_FAILED');
    const malformed = await post('/v1/datasets/news/versions/1/audit', {
      contributionIds: ["x' or 1=1 --"],
    });
    expect(malformed.status).toBe(400);
    const none = await post('/v1/datasets/news/versions/1/audit', { contributionIds: [] });
    expect(none.status).toBe(400);
    const missing = await post('/v1/datasets/news/versions/9/audit', { contributionIds: ['a'] });
    expect(missing.status).toBe(404);
    expect((await readBody(missing)).error.code).toBe('NOT_FOUND');
    const badVersion = await post('/v1/datasets/news/versions/zero/audit', {
      contributionIds: ['a'],
    });
    expect(badVersion.status).toBe(400);
    // 500 ids is the bound, not an error; unknown ones say so.
    const full = await readBody(
      post('/v1/datasets/news/versions/1/audit', {
        contributionIds: Array.from({ length: 500 }, (_, i) => `c-${i}`),
      }),
    );
    expect(full.results).toHaveLength(500);
    expect(full.results.every((r: { status: string }) => r.status === 'unknown')).toBe(true);
    const empty = await readBody(t.app.request('/v1/datasets/nothing-here/versions'));
    expect(empty).toEqual({ campaignId: 'nothing-here', versions: [] });
  });
});
