import { type LabelSchema, type LabelValue, labelValueSchema } from '@plaza/protocol';
import { z } from 'zod';
import type { GoldLine } from './parse-lines.ts';

const spanLineSchema = z.array(
  z.strictObject({
    start: z.number().int().min(0),
    end: z.number().int().min(1),
    label: z.string().min(1).max(64),
  }),
);

/**
 * A gold line's answer as a label value of the campaign's schema: class names become indexes
 * (`label`: one name, or for multi-label names separated by `|`; `labels`: an array of names;
 * `spans`: `{ start, end, label }` with the class name, as JSON text in CSV). Throws an Error
 * whose message says what is wrong; the caller checks the value against the item's text.
 */
export function goldAnswer(line: GoldLine, schema: LabelSchema): LabelValue {
  const indexOf = (name: string) => {
    const index = schema.classes.indexOf(name.trim());
    if (index === -1) {
      throw new Error(
        `"${name.trim()}" is not a class: expected one of ${schema.classes.join(', ')}.`,
      );
    }
    return index;
  };
  if (line.value !== undefined) {
    const parsed = labelValueSchema.safeParse(
      typeof line.value === 'string' ? safeJson(line.value) : line.value,
    );
    if (!parsed.success) throw new Error('value is not a label value.');
    return parsed.data;
  }
  if (line.spans !== undefined) {
    const raw = typeof line.spans === 'string' ? safeJson(line.spans) : line.spans;
    const spans = spanLineSchema.safeParse(raw);
    if (!spans.success) throw new Error('spans must be a list of { start, end, label }.');
    return {
      kind: 'spans',
      spans: spans.data.map((span) => ({
        start: span.start,
        end: span.end,
        class: indexOf(span.label),
      })),
    };
  }
  const names = line.labels ?? (line.label ?? '').split('|').filter((name) => name.trim() !== '');
  if (schema.kind === 'classification') {
    if (names.length !== 1) throw new Error('A classification answer is exactly one class.');
    return { kind: 'classification', class: indexOf(names[0] ?? '') };
  }
  if (schema.kind === 'multi-label') return { kind: 'multi-label', classes: names.map(indexOf) };
  throw new Error('A span campaign takes its gold answers as spans.');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('Not valid JSON.');
  }
}
