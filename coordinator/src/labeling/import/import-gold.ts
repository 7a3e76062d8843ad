import { randomUUID } from 'node:crypto';
import type { PlazaTx } from '@plaza/db';
import type { ImportGoldRequest, ImportResult, LabelValue } from '@plaza/protocol';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { checkLabel } from '../check-label.ts';
import { loadCampaign } from '../load-campaign.ts';
import { writeGold } from '../write-gold.ts';
import { goldAnswer } from './gold-answer.ts';
import { refuseIfInvalid } from './import-errors.ts';
import { GOLD_COLUMNS, type GoldLine, goldLineSchema, parseLines } from './parse-lines.ts';
import { type LineError, readRecords } from './read-records.ts';

/**
 * Imports gold answers from a JSONL or CSV file (admin only), all or nothing: each line's item must
 * be in the campaign (by `itemId`, or by the `id` it was imported with), named once in the file,
 * and its answer must fit the campaign's label schema and the item's text. Any problem refuses the
 * file with `IMPORT_INVALID`, listing problems by line. See {@link writeGold}.
 */
export async function importGold(
  deps: Pick<Deps, 'db' | 'clock'>,
  campaignId: string,
  request: Required<ImportGoldRequest>,
): Promise<ImportResult> {
  const campaign = await loadCampaign(deps.db.db, campaignId);
  const { records, errors } = readRecords(request.text, request.format, GOLD_COLUMNS);
  const lines = parseLines(records, goldLineSchema, errors);
  return deps.db.db.transaction(async (tx) => {
    const items = await resolveItems(deps, tx, campaignId, lines);
    const seen = new Map<number, number>();
    const gold: Array<{ itemId: number; value: LabelValue }> = [];
    for (const { line, value } of lines) {
      const ref = value.itemId ?? value.item_id;
      const item = ref === undefined ? items.byExternal.get(value.id ?? '') : items.byId.get(ref);
      if (!item) {
        const name = ref === undefined ? `id "${value.id}"` : `item ${ref}`;
        errors.push({ line, code: 'ITEM_NOT_FOUND', message: `The campaign has no ${name}.` });
        continue;
      }
      const earlier = seen.get(item.id);
      if (earlier !== undefined) {
        errors.push({
          line,
          code: 'DUPLICATE_ITEM',
          message: `Item ${item.id} is on line ${earlier} too.`,
        });
        continue;
      }
      seen.set(item.id, line);
      const answer = readAnswer(value, campaign.spec.labelSchema, item.length, line, errors);
      if (answer) gold.push({ itemId: item.id, value: answer });
    }
    refuseIfInvalid(errors, records.length);
    await writeGold(deps, tx, campaignId, gold);
    return { importId: randomUUID(), records: records.length, count: gold.length, tasks: 0 };
  });
}

function readAnswer(
  line: GoldLine,
  schema: Parameters<typeof goldAnswer>[1],
  length: number,
  at: number,
  errors: LineError[],
): LabelValue | null {
  try {
    return checkLabel(schema, goldAnswer(line, schema), length);
  } catch (error) {
    const code = error instanceof AppError ? error.code : 'LABEL_INVALID';
    errors.push({
      line: at,
      code,
      message: error instanceof Error ? error.message : String(error),
    });
    return null;
  }
}

/** The campaign's items the file names, by Plaza id and by imported id, with their text lengths. */
async function resolveItems(
  deps: Pick<Deps, 'db'>,
  tx: PlazaTx,
  campaignId: string,
  lines: ReadonlyArray<{ value: GoldLine }>,
) {
  const ids = lines.flatMap(({ value }) => {
    const ref = value.itemId ?? value.item_id;
    return ref === undefined ? [] : [ref];
  });
  const external = lines.flatMap(({ value }) => (value.id === undefined ? [] : [value.id]));
  const rows = await deps.db.rows<{ id: number; external_id: string | null; len: number }>(
    sql`select i.id, x.external_id, length(i.text) as len
        from items i left join imported_items x on x.item_id = i.id
        where i.campaign_id = ${campaignId}
          and (i.id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::bigint)
            or x.external_id in (select jsonb_array_elements_text(${JSON.stringify(external)}::jsonb)))`,
    tx,
  );
  const byId = new Map<number, { id: number; length: number }>();
  const byExternal = new Map<string, { id: number; length: number }>();
  for (const row of rows) {
    const item = { id: row.id, length: row.len };
    byId.set(item.id, item);
    if (row.external_id !== null) byExternal.set(row.external_id, item);
  }
  return { byId, byExternal };
}
