import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchFigure, type BenchRun, percentile } from '@plaza/test-kit/bench';
import { sql } from 'drizzle-orm';
import { generateArticle } from '#testing/articles.ts';
import { createTestApp } from '#testing/create-test-app.ts';
import { seedItems } from '#testing/labeling.ts';
import { seedCampaign } from '#testing/seed.ts';
import { freezeVersion } from '../src/datasets/freeze-version.ts';

const ROWS = Number(process.env.BENCH_FREEZE_ROWS ?? 100_000);
const PROOFS = 2_000;
const CHUNK = 5_000;

/**
 * Freezing a 100,000-row version on embedded PGlite: every row fetched by its own device (so
 * 100,000 + 20 holders, the worst case for the tree), three labels per row with posteriors, ~150
 * words of text a row. Timed from the query to the renamed directory: rows, attribution, shares
 * tree, JSONL, Parquet, manifest. Then proof latency through the API (`app.request`, no socket)
 * for 2,000 random holders, the tree already loaded.
 */
export const run: BenchRun = async () => {
  const exportsDir = await mkdtemp(join(tmpdir(), 'plaza-freeze-bench-'));
  const t = await createTestApp({ env: { PLAZA_EXPORTS_DIR: exportsDir } });
  try {
    await seedCampaign(t, { id: 'bench', goldFraction: 0, qualityFloor: 0 });
    const texts = Array.from({ length: 200 }, (_, i) => generateArticle(i + 1, 150));
    for (let start = 0; start < ROWS; start += CHUNK) {
      const n = Math.min(CHUNK, ROWS - start);
      await seedItems(
        t,
        'bench',
        Array.from({ length: n }, (_, i) => ({
          text: texts[(start + i) % texts.length] as string,
          quality: 0.5 + ((start + i) % 50) / 100,
        })),
      );
    }
    await t.db.rows(
      sql`update items set device_address = '0x' || lpad(to_hex(id + 4096), 40, '0')`,
    );
    await t.db.rows(sql`
      insert into labels (id, client_id, revision, item_id, campaign_id, labeler, value,
        duration_ms, prelabel_shown, blind, posterior, created_at, updated_at)
      select gen_random_uuid()::text, gen_random_uuid()::text, 0, i.id, i.campaign_id,
        '0x' || lpad(to_hex((i.id * 7 + k) % 20 + 1), 40, '0'),
        '{"kind":"classification","class":0}'::jsonb, 1000, false, false, 0.2 + k * 0.3,
        now(), now()
      from items i, generate_series(0, 2) k`);
    await t.db.rows(sql`
      insert into label_aggregates (item_id, campaign_id, value, confidence, agreement, method,
        labels_count, updated_at)
      select id, campaign_id, '{"kind":"classification","class":0}'::jsonb, 0.9, 1,
        'dawid-skene', 3, now() from items`);

    const started = performance.now();
    const { manifest } = await freezeVersion(t.deps, {
      campaignId: 'bench',
      exportsDir,
      datasetId: 1n,
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `freeze: ${manifest.rows.count} rows, ${manifest.attribution.holders} holders, ` +
        `${(manifest.rows.parquet.bytes / 1e6).toFixed(1)} MB parquet, ${seconds.toFixed(1)} s`,
    );

    const holders = (
      await t.db.rows<{ a: string }>(
        sql`select distinct device_address as a from items order by 1 limit 50000`,
      )
    ).map((row) => row.a);
    const url = (a: string) => `/v1/datasets/bench/versions/1/proofs/${a}`;
    await t.app.request(url(holders[0] as string)); // loads the tree once
    const latencies: number[] = [];
    for (let i = 0; i < PROOFS; i++) {
      const account = holders[(i * 7919) % holders.length] as string;
      const t0 = performance.now();
      const res = await t.app.request(url(account));
      await res.json();
      latencies.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`proof for ${account}: ${res.status}`);
    }
    const figures: BenchFigure[] = [
      {
        name: 'freeze.seconds_100k_rows',
        value: Math.round(seconds * 10) / 10,
        unit: 's',
        better: 'lower',
        kind: 'measured',
        target: { op: '<=', value: 60 },
      },
      {
        name: 'proofs.p99_ms',
        value: Math.round(percentile(latencies, 0.99) * 100) / 100,
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
        target: { op: '<', value: 10 },
      },
      {
        name: 'proofs.p50_ms',
        value: Math.round(percentile(latencies, 0.5) * 100) / 100,
        unit: 'ms',
        better: 'lower',
        kind: 'measured',
      },
    ];
    return figures;
  } finally {
    await t.close();
    await rm(exportsDir, { recursive: true, force: true });
  }
};
