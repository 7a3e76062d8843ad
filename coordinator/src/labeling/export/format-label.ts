import type { LabelValue } from '@plaza/protocol';
import { tokenLabels, tokenSpans } from '../aggregate/index.ts';

/**
 * A label in words for CSV: a class name; multi-label names joined by `|`; spans as JSON
 * `[{ start, end, label }]` with class names.
 */
export function labelText(value: LabelValue | null, classes: readonly string[]): string {
  if (value === null) return '';
  const name = (index: number) => classes[index] ?? String(index);
  switch (value.kind) {
    case 'classification':
      return name(value.class);
    case 'multi-label':
      return value.classes.map(name).join('|');
    case 'spans':
      return JSON.stringify(
        value.spans.map((span) => ({ start: span.start, end: span.end, label: name(span.class) })),
      );
  }
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV line (CRLF-terminated) of fields. */
export function csvLine(fields: readonly unknown[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * A document in CoNLL form: `# key = value` comment lines, then one `token<TAB>tag` line per token
 * (BIO tags: `B-<class>` opens a span, `I-<class>` continues it, `O` is outside; tokens as the
 * span agreement splits them), then a blank line. Class names with spaces keep them in the tag.
 */
export function conllDocument(
  comments: Record<string, string | number>,
  text: string,
  spans: ReadonlyArray<{ start: number; end: number; class: number }>,
  classes: readonly string[],
): string {
  const tokens = tokenSpans(text);
  const indexed = spans.map((span, index) => ({ start: span.start, end: span.end, label: index }));
  const owner = tokenLabels(tokens, indexed);
  const lines = Object.entries(comments).map(([key, value]) => `# ${key} = ${value}`);
  tokens.forEach((token, t) => {
    const span = owner[t] ?? -1;
    const cls = span >= 0 ? spans[span]?.class : undefined;
    const word = text.slice(token.start, token.end);
    if (cls === undefined) lines.push(`${word}\tO`);
    else
      lines.push(`${word}\t${t > 0 && owner[t - 1] === span ? 'I' : 'B'}-${classes[cls] ?? cls}`);
  });
  return `${lines.join('\n')}\n\n`;
}
