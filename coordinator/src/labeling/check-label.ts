import type { LabelSchema, LabelValue } from '@plaza/protocol';
import { AppError } from '../errors.ts';

/**
 * Checks a label against the campaign's label schema and the item's text, and returns it in its
 * canonical form (multi-label classes sorted and unique, spans sorted), so equal answers compare
 * equal. Throws `LABEL_INVALID` naming the problem.
 */
export function checkLabel(schema: LabelSchema, value: LabelValue, textLength: number): LabelValue {
  const invalid = (message: string): never => {
    throw new AppError('LABEL_INVALID', message);
  };
  if (value.kind !== schema.kind) {
    invalid(`The campaign takes ${schema.kind} labels, not ${value.kind}.`);
  }
  const checkClass = (index: number) => {
    if (index >= schema.classes.length) {
      invalid(`Class ${index} does not exist; the campaign has ${schema.classes.length} classes.`);
    }
  };
  switch (value.kind) {
    case 'classification':
      checkClass(value.class);
      return value;
    case 'multi-label': {
      value.classes.forEach(checkClass);
      return { kind: 'multi-label', classes: [...new Set(value.classes)].sort((a, b) => a - b) };
    }
    case 'spans': {
      const spans = [...value.spans].sort((a, b) => a.start - b.start || a.end - b.end);
      spans.forEach((span, index) => {
        checkClass(span.class);
        if (span.end > textLength) {
          invalid(`Span ${span.start}-${span.end} ends past the text (${textLength} characters).`);
        }
        const previous = spans[index - 1];
        if (previous && span.start < previous.end) {
          invalid(`Spans ${previous.start}-${previous.end} and ${span.start}-${span.end} overlap.`);
        }
      });
      return { kind: 'spans', spans };
    }
  }
}
