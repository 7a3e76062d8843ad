import type { Prelabel } from '@plaza/protocol';
import { labelValueSchema, prelabelSourceSchema } from '@plaza/protocol';

/** A stored pre-label (value, confidence, source columns) in its wire shape; null when absent. */
export function toPrelabel(row: {
  prelabel_value: unknown;
  prelabel_confidence: number | null;
  prelabel_source: unknown;
}): Prelabel | null {
  if (row.prelabel_value === null || row.prelabel_value === undefined) return null;
  return {
    value: labelValueSchema.parse(row.prelabel_value),
    confidence: row.prelabel_confidence ?? 0,
    source: prelabelSourceSchema.parse(row.prelabel_source),
  };
}
