import { type LabelExportFormat, type LabelValue, labelValueSchema } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { loadCampaign } from '../load-campaign.ts';
import { conllDocument, csvLine, labelText } from './format-label.ts';

/** Labels read from the database per page while an export streams. */
export const EXPORT_PAGE = 1000;

type RawRow = {
  item_id: number;
  external_id: string | null;
  labeler: string;
  value: unknown;
  edited_value: unknown;
  revision: number;
  posterior: number | null;
  gold_correct: boolean | null;
  blind: boolean;
  prelabel_shown: boolean;
  matches_prelabel: boolean | null;
  duration_ms: number;
  created_at: string | Date;
  updated_at: string | Date;
  text: string;
};

const RAW_COLUMNS = [
  'item_id',
  'external_id',
  'labeler',
  'label',
  'value',
  'edited_label',
  'revision',
  'posterior',
  'gold_correct',
  'blind',
  'prelabel_shown',
  'matches_prelabel',
  'duration_ms',
  'created_at',
  'updated_at',
];

/** The campaign's label schema, refusing CoNLL for a campaign without spans. */
async function loadExportSchema(
  deps: Pick<Deps, 'db'>,
  params: { campaignId: string; format: LabelExportFormat },
) {
  const campaign = await loadCampaign(deps.db.db, params.campaignId);
  const { kind } = campaign.spec.labelSchema;
  if (params.format === 'conll' && kind !== 'spans') {
    throw new AppError(
      'EXPORT_FORMAT_UNSUPPORTED',
      `CoNLL is for span campaigns; "${campaign.id}" has ${kind} labels.`,
    );
  }
  return campaign.spec.labelSchema;
}

/**
 * Streams a campaign's raw labels, one per labeler and item (the first answer, the one scored,
 * with the latest edit beside it, the posterior, the gold check and the blind-first flags), as
 * JSONL, CSV or, for span campaigns, CoNLL with BIO tags (one document per label). Pages through
 * the labels by (item, labeler), so memory stays flat whatever the campaign's size.
 */
export async function* exportRawLabels(
  deps: Pick<Deps, 'db'>,
  params: { campaignId: string; format: LabelExportFormat },
): AsyncGenerator<string> {
  const { classes } = await loadExportSchema(deps, params);
  if (params.format === 'csv') yield csvLine(RAW_COLUMNS);
  let after = { item: 0, labeler: '' };
  for (;;) {
    const rows = await deps.db.rows<RawRow>(
      sql`select l.item_id, x.external_id, l.labeler, l.value, l.edited_value, l.revision,
            l.posterior, l.gold_correct, l.blind, l.prelabel_shown, l.matches_prelabel,
            l.duration_ms, l.created_at, l.updated_at,
            case when ${params.format} = 'conll' then i.text else '' end as text
          from labels l join items i on i.id = l.item_id
          left join imported_items x on x.item_id = l.item_id
          where l.campaign_id = ${params.campaignId}
            and (l.item_id, l.labeler) > (${after.item}, ${after.labeler})
          order by l.item_id, l.labeler limit ${EXPORT_PAGE}`,
    );
    if (rows.length === 0) return;
    yield rows.map((row) => rawLine(row, params.format, classes)).join('');
    const last = rows[rows.length - 1] as RawRow;
    after = { item: last.item_id, labeler: last.labeler };
    if (rows.length < EXPORT_PAGE) return;
  }
}

function rawLine(row: RawRow, format: LabelExportFormat, classes: readonly string[]): string {
  const value = labelValueSchema.parse(row.value);
  const edited = row.edited_value === null ? null : labelValueSchema.parse(row.edited_value);
  const posterior = row.posterior;
  const iso = (at: string | Date) => new Date(at).toISOString();
  if (format === 'conll') {
    const spans = value.kind === 'spans' ? value.spans : [];
    return conllDocument(
      {
        item_id: row.item_id,
        ...(row.external_id ? { id: row.external_id } : {}),
        labeler: row.labeler,
      },
      row.text,
      spans,
      classes,
    );
  }
  if (format === 'csv') {
    return csvLine([
      row.item_id,
      row.external_id,
      row.labeler,
      labelText(value, classes),
      JSON.stringify(value),
      labelText(edited, classes),
      row.revision,
      posterior,
      row.gold_correct,
      row.blind,
      row.prelabel_shown,
      row.matches_prelabel,
      row.duration_ms,
      iso(row.created_at),
      iso(row.updated_at),
    ]);
  }
  return `${JSON.stringify({
    itemId: row.item_id,
    id: row.external_id,
    labeler: row.labeler,
    value,
    label: labelText(value, classes),
    editedValue: edited,
    revision: row.revision,
    posterior,
    goldCorrect: row.gold_correct,
    blind: row.blind,
    prelabelShown: row.prelabel_shown,
    matchesPrelabel: row.matches_prelabel,
    durationMs: row.duration_ms,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  })}\n`;
}

/** The aggregated label of an item, as exported beside the raw ones. */
type AggregateRow = {
  item_id: number;
  external_id: string | null;
  value: unknown;
  confidence: number;
  agreement: number | null;
  method: string;
  labels_count: number;
  text: string;
};

/**
 * Streams a campaign's aggregated labels (one per item: value, confidence, agreement, method,
 * labels), in the same formats as {@link exportRawLabels}.
 */
export async function* exportAggregatedLabels(
  deps: Pick<Deps, 'db'>,
  params: { campaignId: string; format: LabelExportFormat },
): AsyncGenerator<string> {
  const { classes } = await loadExportSchema(deps, params);
  if (params.format === 'csv') {
    yield csvLine([
      'item_id',
      'external_id',
      'label',
      'value',
      'confidence',
      'agreement',
      'method',
      'labels',
    ]);
  }
  let after = 0;
  for (;;) {
    const rows = await deps.db.rows<AggregateRow>(
      sql`select a.item_id, x.external_id, a.value, a.confidence, a.agreement, a.method,
            a.labels_count, case when ${params.format} = 'conll' then i.text else '' end as text
          from label_aggregates a join items i on i.id = a.item_id
          left join imported_items x on x.item_id = a.item_id
          where a.campaign_id = ${params.campaignId} and a.item_id > ${after}
          order by a.item_id limit ${EXPORT_PAGE}`,
    );
    if (rows.length === 0) return;
    yield rows.map((row) => aggregateLine(row, params.format, classes)).join('');
    after = Number((rows[rows.length - 1] as AggregateRow).item_id);
    if (rows.length < EXPORT_PAGE) return;
  }
}

function aggregateLine(row: AggregateRow, format: LabelExportFormat, classes: readonly string[]) {
  const value: LabelValue = labelValueSchema.parse(row.value);
  const agreement = row.agreement;
  if (format === 'conll') {
    const spans = value.kind === 'spans' ? value.spans : [];
    const ids = {
      item_id: row.item_id,
      ...(row.external_id ? { id: row.external_id } : {}),
    };
    return conllDocument({ ...ids, method: row.method }, row.text, spans, classes);
  }
  const fields = {
    itemId: row.item_id,
    id: row.external_id,
    label: labelText(value, classes),
    value,
    confidence: row.confidence,
    agreement,
    method: row.method,
    labels: row.labels_count,
  };
  if (format === 'csv') {
    return csvLine([
      fields.itemId,
      fields.id,
      fields.label,
      JSON.stringify(value),
      fields.confidence,
      agreement,
      fields.method,
      fields.labels,
    ]);
  }
  return `${JSON.stringify(fields)}\n`;
}
