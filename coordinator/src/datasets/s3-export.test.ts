import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadRequestTypes, plazaDomain } from '@plaza/protocol';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '#testing/create-test-app.ts';
import { seedItems } from '#testing/labeling.ts';
import { seedCampaign } from '#testing/seed.ts';
import { type LocalS3, startLocalS3 } from '#testing/start-s3.ts';
import type { Publisher } from '../chain/create-publisher.ts';
import { createS3Store } from '../storage/object-store.ts';
import { authorizeDownload } from './authorize-download.ts';
import { freezeAndPublish } from './freeze-and-publish.ts';
import { readStorageRecord } from './upload-version.ts';

const FILES = [
  'rows.jsonl',
  'rows.parquet',
  'rows.csv',
  'README.md',
  'croissant.json',
  'shares.json',
  'manifest.json',
];

/** Frozen versions copied to S3-compatible storage, and licensed downloads served from there. */
describe('exports on S3-compatible object storage', () => {
  let s3: LocalS3;
  let t: TestApp;
  let exportsDir: string;
  let dir: string;

  beforeAll(async () => {
    s3 = await startLocalS3();
    exportsDir = await mkdtemp(join(tmpdir(), 'plaza-s3-export-'));
    t = await createTestApp({ env: { PLAZA_EXPORTS_DIR: exportsDir, ...s3.env } });
    await seedCampaign(t, { goldFraction: 0 });
    await seedItems(t, 'news', [
      { text: 'A story about the harbour works and the new ferry line.', quality: 0.8 },
      { text: 'A story about the regional elections and their turnout.', quality: 0.7 },
    ]);
    ({ dir } = await freezeAndPublish(t.deps, { campaignId: 'news', exportsDir, datasetId: 7n }));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await s3?.close();
    await rm(exportsDir, { recursive: true, force: true });
  });

  it('copies every file of the frozen version to the bucket, byte for byte, and records it', async () => {
    const record = await readStorageRecord(dir);
    expect(record?.location).toBe(`s3://${s3.bucket}/datasets/ at ${s3.endpoint}`);
    expect(Object.keys(record?.keys ?? {}).sort()).toEqual([...FILES].sort());
    for (const file of FILES) {
      expect(record?.keys[file]).toBe(`news/v1/${file}`);
      const stored = await t.deps.objectStore?.get(`news/v1/${file}`);
      expect(Buffer.from(stored ?? []).equals(await readFile(join(dir, file)))).toBe(true);
    }
  });

  it('answers a licensed buyer with presigned links of the bucket that serve the files', async () => {
    const buyer = privateKeyToAccount(generatePrivateKey());
    // The store checks a link's expiry against the wall clock, so this request uses it too.
    const clock = { now: () => new Date() };
    const issuedAt = Math.floor(Date.now() / 1000);
    const signature = await buyer.signTypedData({
      domain: plazaDomain({ chainId: 31337, coordinator: t.deps.signer.address }),
      types: downloadRequestTypes,
      primaryType: 'DownloadRequest',
      message: { buyer: buyer.address, datasetId: 7n, version: 1, issuedAt: BigInt(issuedAt) },
    });
    // The chain's answer (tested on anvil in publish.test.ts): the buyer holds a license.
    const licensed = {
      licenseOf: async () => ({ valid: true, expiresAt: issuedAt + 86_400 }),
    } as unknown as Publisher;
    const answer = await authorizeDownload(
      { ...t.deps, clock, publisher: licensed },
      {
        exportsDir,
        downloadKey: Buffer.alloc(32, 1),
        campaignId: 'news',
        version: 1,
        request: { buyer: buyer.address, issuedAt, signature },
      },
    );
    for (const { name, url } of answer.files) {
      const link = new URL(url);
      expect(link.origin).toBe(s3.endpoint);
      expect(link.pathname).toBe(`/${s3.bucket}/datasets/news/v1/${name}`);
      expect(link.searchParams.get('X-Amz-Expires')).toBe('600');
      const res = await fetch(link);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(await readFile(join(dir, name)))).toBe(
        true,
      );
    }
    // A link made eleven minutes ago has expired: the store refuses it.
    const stale = t.deps.objectStore?.presignGet(
      'news/v1/rows.jsonl',
      600,
      new Date(Date.now() - 660_000),
    );
    expect((await fetch(stale ?? '')).status).toBe(403);
  });

  it('fails the freeze with UNAVAILABLE, naming the key, when the store refuses', async () => {
    const refusing = createS3Store({
      endpoint: s3.endpoint,
      bucket: 'no-such-bucket',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' },
    });
    await expect(
      freezeAndPublish(
        { ...t.deps, objectStore: refusing },
        { campaignId: 'news', exportsDir, datasetId: 7n },
      ),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('news/v2/rows.jsonl'),
    });
  });
});
