import type { LabelSchema, LabelValue } from '@plaza/protocol';
import type { DatasetRow } from '../dataset-row.ts';

/** A row's label as the typed columns hold it: a class index, class indexes, or spans. */
export type TypedLabel =
  | number
  | number[]
  | Array<{ start: number; end: number; class: number }>
  | null;

/** The label as the typed `label` column holds it (class names are in the card). */
export function typedLabel(label: LabelValue | null): TypedLabel {
  if (label === null) return null;
  if (label.kind === 'classification') return label.class;
  if (label.kind === 'multi-label') return [...label.classes];
  return label.spans.map((s) => ({ start: s.start, end: s.end, class: s.class }));
}

/** One column of the exported tables (Parquet, CSV), named as in the JSONL. */
export interface ExportColumn {
  name: string;
  description: string;
  /** The Hugging Face `datasets` feature, as the card's YAML writes it (under `- name:`). */
  feature: Record<string, unknown>;
  /** The Croissant data type. */
  croissant: string;
  value: (row: DatasetRow) => unknown;
}

const classNames = (schema: LabelSchema) =>
  Object.fromEntries(schema.classes.map((name, i) => [String(i), name]));

function labelColumn(schema: LabelSchema): ExportColumn {
  const names = classNames(schema);
  const common = {
    name: 'label',
    croissant: 'sc:Integer',
    value: (r: DatasetRow) => typedLabel(r.label),
  };
  if (schema.kind === 'classification') {
    return {
      ...common,
      description: `the aggregated class, an index into ${schema.classes.join(', ')}; null when unlabelled`,
      feature: { class_label: { names } },
    };
  }
  if (schema.kind === 'multi-label') {
    return {
      ...common,
      description: 'the aggregated classes, indexes into the class names; null when unlabelled',
      feature: { sequence: { class_label: { names } } },
    };
  }
  return {
    ...common,
    croissant: 'sc:Text',
    description:
      'the aggregated spans: character offsets (end exclusive) and a class index; null when unlabelled',
    feature: {
      list: [
        { name: 'start', dtype: 'int32' },
        { name: 'end', dtype: 'int32' },
        { name: 'class', dtype: 'int32' },
      ],
    },
  };
}

/** The Hugging Face dtype and the Croissant type of each kind of plain column. */
const COLUMN_KINDS = {
  int32: ['int32', 'sc:Integer'],
  int64: ['int64', 'sc:Integer'],
  url: ['string', 'sc:URL'],
  text: ['string', 'sc:Text'],
  timestamp: ['timestamp[ms, tz=UTC]', 'sc:DateTime'],
  float: ['float64', 'sc:Float'],
} as const;

/** A plain (not label) column of one of {@link COLUMN_KINDS}. */
function column(
  name: string,
  kind: keyof typeof COLUMN_KINDS,
  description: string,
  value: (row: DatasetRow) => unknown,
): ExportColumn {
  const [dtype, croissant] = COLUMN_KINDS[kind];
  return { name, description, feature: { dtype }, croissant, value };
}

/** The columns of every exported table, in JSONL key order, for a campaign's label schema. */
export function exportColumns(schema: LabelSchema): ExportColumn[] {
  return [
    column('index', 'int32', 'row number in the version, from 0', (r) => r.index),
    column('itemId', 'int64', 'the item in the coordinator', (r) => r.itemId),
    column('url', 'url', 'the page fetched', (r) => r.url),
    column('title', 'text', 'its title', (r) => r.title),
    column('text', 'text', 'its main text, extracted', (r) => r.text),
    column(
      'contentHash',
      'text',
      'sha256 of the normalized text (the dedup key)',
      (r) => r.contentHash,
    ),
    column('language', 'text', 'ISO 639-1 code (fastText lid.176)', (r) => r.language),
    column(
      'fetchedAt',
      'timestamp',
      'when the device fetched the page (UTC)',
      (r) => r.fetchedAt ?? null,
    ),
    column(
      'quality',
      'float',
      'quality score in [0, 1] (Gopher, C4, FineWeb signals)',
      (r) => r.quality,
    ),
    labelColumn(schema),
    column(
      'labelConfidence',
      'float',
      'posterior of the aggregated label',
      (r) => r.labelConfidence,
    ),
    column(
      'labelMethod',
      'text',
      'how the label was made: dawid-skene, majority, gold, review',
      (r) => r.labelMethod,
    ),
    column(
      'provenance',
      'text',
      'JSON: contribution, device, payout, labelers with posteriors, compute',
      (r) => JSON.stringify(r.provenance),
    ),
  ];
}
