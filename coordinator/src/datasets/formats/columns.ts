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

/** The columns of every exported table, in JSONL key order, for a campaign's label schema. */
export function exportColumns(schema: LabelSchema): ExportColumn[] {
  const dtype = (d: string) => ({ dtype: d });
  return [
    {
      name: 'index',
      description: 'row number in the version, from 0',
      feature: dtype('int32'),
      croissant: 'sc:Integer',
      value: (r) => r.index,
    },
    {
      name: 'itemId',
      description: 'the item in the coordinator',
      feature: dtype('int64'),
      croissant: 'sc:Integer',
      value: (r) => r.itemId,
    },
    {
      name: 'url',
      description: 'the page fetched',
      feature: dtype('string'),
      croissant: 'sc:URL',
      value: (r) => r.url,
    },
    {
      name: 'title',
      description: 'its title',
      feature: dtype('string'),
      croissant: 'sc:Text',
      value: (r) => r.title,
    },
    {
      name: 'text',
      description: 'its main text, extracted',
      feature: dtype('string'),
      croissant: 'sc:Text',
      value: (r) => r.text,
    },
    {
      name: 'contentHash',
      description: 'sha256 of the normalized text (the dedup key)',
      feature: dtype('string'),
      croissant: 'sc:Text',
      value: (r) => r.contentHash,
    },
    {
      name: 'language',
      description: 'ISO 639-1 code (fastText lid.176)',
      feature: dtype('string'),
      croissant: 'sc:Text',
      value: (r) => r.language,
    },
    {
      name: 'fetchedAt',
      description: 'when the device fetched the page (UTC)',
      feature: dtype('timestamp[ms, tz=UTC]'),
      croissant: 'sc:DateTime',
      value: (r) => r.fetchedAt ?? null,
    },
    {
      name: 'quality',
      description: 'quality score in [0, 1] (Gopher, C4, FineWeb signals)',
      feature: dtype('float64'),
      croissant: 'sc:Float',
      value: (r) => r.quality,
    },
    labelColumn(schema),
    {
      name: 'labelConfidence',
      description: 'posterior of the aggregated label',
      feature: dtype('float64'),
      croissant: 'sc:Float',
      value: (r) => r.labelConfidence,
    },
    {
      name: 'labelMethod',
      description: 'how the label was made: dawid-skene, majority, gold, review',
      feature: dtype('string'),
      croissant: 'sc:Text',
      value: (r) => r.labelMethod,
    },
    {
      name: 'provenance',
      description: 'JSON: contribution, device, payout, labelers with posteriors, compute',
      feature: dtype('string'),
      croissant: 'sc:Text',
      value: (r) => JSON.stringify(r.provenance),
    },
  ];
}
