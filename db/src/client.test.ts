import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { campaigns, frontierUrls, hosts, items } from './schema/index.ts';
import { createTestDb } from './testing/index.ts';

const dialects = [
  'pglite',
  ...(process.env.TEST_DATABASE_URL ? ['postgres' as const] : []),
] as const;

describe.each(dialects)('database on %s', (dialect) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function open() {
    const handle = await createTestDb(dialect);
    close = handle.close;
    return handle;
  }

  const spec = { scope: { hosts: ['example.com'] } };

  it('creates every table through the migrations', async () => {
    const { rows } = await open();
    const tables = await rows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'auth_nonces',
      'campaigns',
      'chain_cursors',
      'chain_events',
      'contribution_batches',
      'contributions',
      'device_payout_events',
      'devices',
      'frontier_urls',
      'hosts',
      'imported_items',
      'item_variants',
      'items',
      'jobs',
      'label_aggregates',
      'label_leases',
      'label_runs',
      'label_tasks',
      'labeler_campaigns',
      'labels',
      'leases',
      'lsh_buckets',
      'prelabel_batches',
      'prelabel_claims',
      'prelabel_leases',
      'prelabel_models',
      'prelabel_predictions',
      'prelabel_runs',
      'prelabels',
      'receipt_batches',
      'receipts',
      'sessions',
      'verification_checks',
    ]);
  });

  it('keeps frontier URLs unique per campaign', async () => {
    const { db } = await open();
    await db.insert(campaigns).values([
      { id: 'one', name: 'One', spec },
      { id: 'two', name: 'Two', spec },
    ]);
    const url = 'https://example.com/a';
    await db.insert(frontierUrls).values({ campaignId: 'one', url, host: 'example.com' });
    await db.insert(frontierUrls).values({ campaignId: 'two', url, host: 'example.com' });
    const again = db.insert(frontierUrls).values({ campaignId: 'one', url, host: 'example.com' });
    await expect(again).rejects.toMatchObject({ cause: { code: '23505' } });
    const inserted = await db
      .insert(frontierUrls)
      .values({ campaignId: 'one', url, host: 'example.com' })
      .onConflictDoNothing()
      .returning();
    expect(inserted).toEqual([]);
  });

  it('refuses the same content twice in a campaign', async () => {
    const { db } = await open();
    await db.insert(campaigns).values({ id: 'one', name: 'One', spec });
    const row = {
      campaignId: 'one',
      contributionId: 'c1',
      deviceAddress: '0x01',
      url: 'https://example.com/a',
      title: '',
      text: 'hello',
      normalizedText: 'hello',
      contentHash: '0xabc',
      minhash: new Uint8Array([1, 2, 3, 4]),
      language: 'en',
      languageConfidence: 0.9,
      qualitySignals: { words: 1 },
      qualityScore: 0.5,
      createdAt: new Date(),
    };
    const [first] = await db.insert(items).values(row).returning();
    expect(first?.id).toBeTypeOf('number');
    expect(first?.minhash).toEqual(new Uint8Array([1, 2, 3, 4]));
    await expect(db.insert(items).values({ ...row, contributionId: 'c2' })).rejects.toMatchObject({
      cause: { code: '23505' },
    });
  });

  it('locks a host row so a second transaction skips it', async () => {
    const handle = await open();
    await handle.db.insert(hosts).values([{ host: 'a.example.com' }, { host: 'b.example.com' }]);
    if (handle.dialect === 'pglite') {
      // PGlite runs one transaction at a time; SKIP LOCKED still parses and returns rows.
      const picked = await handle.rows<{ host: string }>(
        sql`select host from hosts order by host limit 1 for update skip locked`,
      );
      expect(picked).toEqual([{ host: 'a.example.com' }]);
      return;
    }
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const first = handle.db.transaction(async (tx) => {
      await tx.execute(sql`select host from hosts where host = 'a.example.com' for update`);
      locked();
      await held;
    });
    await isLocked;
    const second = await handle.db.transaction((tx) =>
      handle.rows<{ host: string }>(
        sql`select host from hosts order by host for update skip locked`,
        tx,
      ),
    );
    release();
    await first;
    expect(second).toEqual([{ host: 'b.example.com' }]);
  });

  it('reads back updates made through drizzle', async () => {
    const { db } = await open();
    await db.insert(campaigns).values({ id: 'one', name: 'One', spec });
    await db.update(campaigns).set({ status: 'paused' }).where(eq(campaigns.id, 'one'));
    const [row] = await db.select().from(campaigns);
    expect(row).toMatchObject({ id: 'one', status: 'paused', spec });
  });
});
