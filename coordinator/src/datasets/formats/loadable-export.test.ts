import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { LabelSchema, LabelValue } from '@plaza/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildVersion } from '../build-version.ts';
import type { DatasetRow } from '../dataset-row.ts';
import { verifyVersion } from '../verify-version.ts';
import { writeVersion } from '../write-version.ts';

const account = (n: number) => `0x${n.toString(16).padStart(40, '0')}`;

function rowsFor(labels: (LabelValue | null)[]): DatasetRow[] {
  return labels.map((label, index) => ({
    index,
    itemId: 1000 + index,
    url: `https://news.example.com/${index}`,
    title: `Story ${index}, "quoted", with a comma`,
    text: `Line one of story ${index}.\nLine two, with "quotes".`,
    contentHash: `${index}`.repeat(64).slice(0, 64),
    language: index % 3 === 2 ? 'fr' : 'en',
    fetchedAt: new Date(Date.UTC(2026, 2, 1, 12, index)).toISOString(),
    quality: 0.5 + index / 100,
    label,
    labelConfidence: label === null ? null : 0.9,
    labelMethod: label === null ? null : 'dawid-skene',
    provenance: {
      contribution: `c-${index}`,
      contributionHash: `0x${'ab'.repeat(32)}`,
      device: account(index + 1),
      payout: account(index + 1),
      labelers: label === null ? [] : [{ account: account(99), posterior: 0.9 }],
      compute: [],
    },
  }));
}

async function exportVersion(dir: string, schema: LabelSchema, labels: (LabelValue | null)[]) {
  const rows = rowsFor(labels);
  const built = await buildVersion(rows, {
    datasetId: 7n,
    version: 1,
    weights: { fetch: 0.4, labels: 0.5, compute: 0.1 },
  });
  const manifest = await writeVersion(
    dir,
    rows,
    built,
    {
      format: 'plaza-dataset/1',
      campaign: { id: 'news', name: 'News' },
      datasetId: '7',
      version: 1,
      createdAt: '2026-03-01T12:00:00.000Z',
      labelSchema: schema,
      license: 'CC-BY-4.0',
      attribution: {
        weights: { fetch: 0.4, labels: 0.5, compute: 0.1 },
        qualityFloor: 0.5,
        total: String(10n ** 24n),
      },
    },
    { description: 'News stories by topic.' },
  );
  return { rows, manifest };
}

describe('a version in the formats buyers load', () => {
  let root: string;
  let duck: Awaited<ReturnType<DuckDBInstance['connect']>>;
  const query = async (text: string) => (await duck.runAndReadAll(text)).getRowObjectsJson();
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'plaza-loadable-'));
    duck = await (await DuckDBInstance.create(':memory:')).connect();
  });
  afterAll(async () => {
    duck?.closeSync();
    await rm(root, { recursive: true, force: true });
  });

  it('reads in DuckDB with typed columns named as in the JSONL, and the CSV copy too', async () => {
    const dir = join(root, 'classification');
    const cls = (c: number): LabelValue => ({ kind: 'classification', class: c });
    const { rows } = await exportVersion(
      dir,
      { kind: 'classification', classes: ['politics', 'sport', 'culture'] },
      [cls(0), cls(2), null, cls(1)],
    );
    const parquet = join(dir, 'rows.parquet');
    const types = Object.fromEntries(
      (await query(`describe select * from read_parquet('${parquet}')`)).map((c) => [
        c.column_name,
        c.column_type,
      ]),
    );
    expect(types).toEqual({
      index: 'INTEGER',
      itemId: 'BIGINT',
      url: 'VARCHAR',
      title: 'VARCHAR',
      text: 'VARCHAR',
      contentHash: 'VARCHAR',
      language: 'VARCHAR',
      fetchedAt: 'TIMESTAMP WITH TIME ZONE',
      quality: 'DOUBLE',
      label: 'INTEGER',
      labelConfidence: 'DOUBLE',
      labelMethod: 'VARCHAR',
      provenance: 'VARCHAR',
    });
    const read = await query(
      `select itemId, label, labelMethod, epoch_ms(fetchedAt) as fetched, json_extract_string(provenance, '$.device') as device, text
       from read_parquet('${parquet}') order by index`,
    );
    expect(read.map((r) => r.label)).toEqual([0, 2, null, 1]);
    expect(read.map((r) => Number(r.itemId))).toEqual(rows.map((r) => r.itemId));
    expect(read.map((r) => Number(r.fetched))).toEqual(
      rows.map((r) => Date.parse(r.fetchedAt as string)),
    );
    expect(read.map((r) => r.device)).toEqual(rows.map((r) => r.provenance.device));
    expect(read[0]?.text).toBe(rows[0]?.text);
    const csv = await query(
      `select itemId, label::INTEGER as label, title, text from read_csv('${join(dir, 'rows.csv')}', header = true) order by index`,
    );
    expect(csv.map((r) => [Number(r.itemId), r.label, r.title, r.text])).toEqual(
      rows.map((r) => [
        r.itemId,
        r.label && r.label.kind === 'classification' ? r.label.class : null,
        r.title,
        r.text,
      ]),
    );
    expect((await verifyVersion(dir)).problems).toEqual([]);
  });

  it('types multi-label and span labels as lists DuckDB reads', async () => {
    const multi = join(root, 'multi');
    await exportVersion(multi, { kind: 'multi-label', classes: ['tech', 'food', 'travel'] }, [
      { kind: 'multi-label', classes: [0, 2] },
      { kind: 'multi-label', classes: [] },
      null,
    ]);
    const m = await query(
      `select label, typeof(label) as t from read_parquet('${join(multi, 'rows.parquet')}') order by index`,
    );
    expect(m.map((r) => r.label)).toEqual([[0, 2], [], null]);
    expect(m[0]?.t).toBe('INTEGER[]');
    const spans = join(root, 'spans');
    await exportVersion(spans, { kind: 'spans', classes: ['person', 'place'] }, [
      { kind: 'spans', spans: [{ start: 0, end: 4, class: 1 }] },
      null,
    ]);
    const s = await query(
      `select label[1].start as s, label[1]."end" as e, label[1].class as c from read_parquet('${join(spans, 'rows.parquet')}') order by index`,
    );
    expect(s[0]).toEqual({ s: 0, e: 4, c: 1 });
    for (const dir of [multi, spans]) expect((await verifyVersion(dir)).problems).toEqual([]);
  });

  it('has a dataset card whose YAML header points Hugging Face datasets at the Parquet file', async () => {
    const dir = join(root, 'classification');
    const card = await readFile(join(dir, 'README.md'), 'utf8');
    const [, header] = /^---\n([\s\S]*?)\n---\n/.exec(card) ?? [];
    const meta = parseYaml(header as string);
    expect(meta).toMatchObject({
      license: 'cc-by-4.0',
      language: ['en', 'fr'],
      task_categories: ['text-classification'],
      task_ids: ['multi-class-classification'],
      configs: [{ config_name: 'default', data_files: [{ split: 'train', path: 'rows.parquet' }] }],
      dataset_info: { splits: [{ name: 'train', num_examples: 4 }] },
    });
    const label = meta.dataset_info.features.find((f: { name: string }) => f.name === 'label');
    expect(label).toEqual({
      name: 'label',
      class_label: { names: { 0: 'politics', 1: 'sport', 2: 'culture' } },
    });
    const parquetColumns = (
      await query(`describe select * from read_parquet('${join(dir, 'rows.parquet')}')`)
    ).map((c) => c.column_name);
    expect(meta.dataset_info.features.map((f: { name: string }) => f.name)).toEqual(parquetColumns);
    expect(card).toContain('News stories by topic.');
  });

  it('has Croissant metadata naming the license, the files by sha256, and the fields', async () => {
    const dir = join(root, 'classification');
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.license).toBe('CC-BY-4.0');
    const croissant = JSON.parse(await readFile(join(dir, 'croissant.json'), 'utf8'));
    expect(croissant).toMatchObject({
      '@type': 'sc:Dataset',
      conformsTo: 'http://mlcommons.org/croissant/1.0',
      license: 'https://spdx.org/licenses/CC-BY-4.0.html',
    });
    const parquet = croissant.distribution.find((d: { name: string }) => d.name === 'rows.parquet');
    expect(parquet.sha256).toBe(manifest.rows.parquet.sha256);
    const rows = croissant.recordSet.find((r: { name: string }) => r.name === 'rows');
    const label = rows.field.find((f: { name: string }) => f.name === 'label');
    expect(label).toMatchObject({
      references: { field: { '@id': 'classes/index' } },
      source: { extract: { column: 'label' } },
    });
    const classes = croissant.recordSet.find((r: { name: string }) => r.name === 'classes');
    expect(classes.data).toHaveLength(3);
  });

  it('makes plaza verify catch a changed CSV copy or card', async () => {
    const dir = join(root, 'classification');
    const csvPath = join(dir, 'rows.csv');
    const original = await readFile(csvPath, 'utf8');
    await writeFile(csvPath, original.replace('politics', 'politicz').replace(',0,', ',1,'));
    const problems = (await verifyVersion(dir)).problems;
    expect(problems.some((p) => p.startsWith('rows.csv: sha256'))).toBe(true);
    expect(problems.some((p) => p.includes('differ between rows.jsonl and rows.csv'))).toBe(true);
    await writeFile(csvPath, original);
    await writeFile(join(dir, 'croissant.json'), '{}');
    expect((await verifyVersion(dir)).problems).toEqual([
      expect.stringMatching(/^croissant.json: \d+ bytes, the manifest says \d+\.$/),
      expect.stringMatching(/^croissant.json: sha256 /),
    ]);
  });
});
