import type { LabelSchema } from '@plaza/protocol';
import { exportColumns } from './columns.ts';
import { licenseInfo } from './license.ts';
import { toYaml } from './yaml.ts';

/** What the card says of a version. */
export interface CardParams {
  campaign: { id: string; name: string; description: string };
  datasetId: string;
  version: number;
  createdAt: string;
  license: string;
  labelSchema: LabelSchema;
  rows: number;
  labelled: number;
  languages: string[];
  rowsRoot: string;
  sharesRoot: string;
  files: { name: string; bytes: number; sha256: string }[];
}

function sizeCategory(n: number): string {
  const bounds: [number, string][] = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
    [1e7, '1M<n<10M'],
    [1e8, '10M<n<100M'],
  ];
  return bounds.find(([bound]) => n < bound)?.[1] ?? '100M<n<1B';
}

const TASKS: Record<LabelSchema['kind'], { categories: string[]; ids: string[] }> = {
  classification: { categories: ['text-classification'], ids: ['multi-class-classification'] },
  'multi-label': { categories: ['text-classification'], ids: ['multi-label-classification'] },
  spans: { categories: ['token-classification'], ids: [] },
};

/** The YAML header the Hugging Face Hub and `datasets` read: license, languages, task, features. */
export function cardHeader(p: CardParams): Record<string, unknown> {
  const license = licenseInfo(p.license);
  const task = TASKS[p.labelSchema.kind];
  return {
    license: license.hub,
    ...(license.hubName ? { license_name: license.hubName } : {}),
    ...(p.languages.length > 0 ? { language: p.languages } : {}),
    task_categories: task.categories,
    ...(task.ids.length > 0 ? { task_ids: task.ids } : {}),
    pretty_name: `${p.campaign.name} v${p.version}`,
    size_categories: [sizeCategory(p.rows)],
    tags: ['plaza', 'web-crawl', `label-${p.labelSchema.kind}`],
    configs: [{ config_name: 'default', data_files: [{ split: 'train', path: 'rows.parquet' }] }],
    dataset_info: {
      features: exportColumns(p.labelSchema).map((c) => ({ name: c.name, ...c.feature })),
      splits: [{ name: 'train', num_examples: p.rows }],
    },
  };
}

/**
 * `README.md` of a version: the Hugging Face dataset card (YAML header with `configs` pointing
 * `datasets` at `rows.parquet`, the license, languages, task and the class names as a
 * `class_label` feature), then how to load it, its columns, classes, provenance and files.
 */
export function renderDatasetCard(p: CardParams): string {
  const columns = exportColumns(p.labelSchema);
  const license = licenseInfo(p.license);
  const lines = [
    '---',
    toYaml(cardHeader(p)).trimEnd(),
    '---',
    '',
    `# ${p.campaign.name} — version ${p.version}`,
    '',
    p.campaign.description ||
      `Web pages collected and labelled by the Plaza campaign \`${p.campaign.id}\`.`,
    '',
    `${p.rows} rows, ${p.labelled} with an aggregated label (${p.labelSchema.kind}: ${p.labelSchema.classes.join(', ')}). Frozen ${p.createdAt}; dataset ${p.datasetId} on chain.`,
    '',
    '## Load it',
    '',
    '```python',
    'from datasets import load_dataset',
    'ds = load_dataset("parquet", data_files="rows.parquet", split="train")  # or the folder: load_dataset(".")',
    `ds.features["label"]  # the class names`,
    '```',
    '',
    '```sql',
    '-- DuckDB',
    "SELECT label, count(*) FROM 'rows.parquet' GROUP BY label;",
    '```',
    '',
    'The same rows are in `rows.jsonl` (the canonical form the rows root is computed over) and `rows.csv`.',
    '',
    '## Columns',
    '',
    '| column | type | meaning |',
    '| --- | --- | --- |',
    ...columns.map(
      (c) =>
        `| \`${c.name}\` | ${Object.keys(c.feature)[0] === 'dtype' ? String(c.feature.dtype) : Object.keys(c.feature)[0]} | ${c.description} |`,
    ),
    '',
    '## Classes',
    '',
    '| index | name |',
    '| --- | --- |',
    ...p.labelSchema.classes.map((name, i) => `| ${i} | ${name} |`),
    '',
    '## Provenance and attribution',
    '',
    'Every row names the signed contribution it came from, the device that fetched it and its payout address, and the labelers with the posterior that each label is correct. Shares of the dataset follow from the rows by the attribution rule stated in `manifest.json`; anyone can recompute them:',
    '',
    '```sh',
    'plaza verify .  # with --rpc URL, also against the chain',
    '```',
    '',
    `- rows root: \`${p.rowsRoot}\``,
    `- shares root: \`${p.sharesRoot}\``,
    '',
    '## License',
    '',
    license.url ? `[${license.spdx}](${license.url})` : 'See the campaign’s terms.',
    '',
    '## Files',
    '',
    '| file | bytes | sha256 |',
    '| --- | --- | --- |',
    ...p.files.map((f) => `| ${f.name} | ${f.bytes} | \`${f.sha256}\` |`),
    '',
  ];
  return lines.join('\n');
}
