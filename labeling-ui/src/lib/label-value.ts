import type { LabelSchema, LabelValue, Span } from '@plaza/protocol';

/** What the labeler has picked on the current item, before it becomes a {@link LabelValue}. */
export interface Selection {
  /** Classification: at most one index; multi-label: the toggled indexes, sorted. */
  classes: readonly number[];
  /** Span labels, sorted by start. */
  spans: readonly Span[];
}

/** Nothing picked. */
export const emptySelection: Selection = { classes: [], spans: [] };

/** Whether the labeler has picked anything. */
export function isSelectionEmpty(selection: Selection): boolean {
  return selection.classes.length === 0 && selection.spans.length === 0;
}

/** Applies a class key: classification selects it, multi-label toggles it. */
export function pickClass(
  selection: Selection,
  kind: LabelSchema['kind'],
  index: number,
): Selection {
  if (kind === 'classification') return { ...selection, classes: [index] };
  const has = selection.classes.includes(index);
  const classes = has
    ? selection.classes.filter((value) => value !== index)
    : [...selection.classes, index].sort((a, b) => a - b);
  return { ...selection, classes };
}

/** Adds a span; one over exactly the same characters is relabelled instead of duplicated. */
export function addSpan(selection: Selection, span: Span): Selection {
  const others = selection.spans.filter((s) => s.start !== span.start || s.end !== span.end);
  const spans = [...others, span].sort((a, b) => a.start - b.start || a.end - b.end);
  return { ...selection, spans };
}

/** Removes the span at `index` of `selection.spans`. */
export function removeSpan(selection: Selection, index: number): Selection {
  return { ...selection, spans: selection.spans.filter((_, i) => i !== index) };
}

/**
 * The label a selection stands for, or null when it is not an answer yet (classification with
 * nothing picked). An empty multi-label or spans selection is an answer: "none of these".
 */
export function selectionToValue(
  selection: Selection,
  kind: LabelSchema['kind'],
): LabelValue | null {
  switch (kind) {
    case 'classification': {
      const picked = selection.classes[0];
      return picked === undefined ? null : { kind, class: picked };
    }
    case 'multi-label':
      return { kind, classes: [...selection.classes] };
    case 'spans':
      return { kind, spans: [...selection.spans] };
  }
}

/** The selection that shows an existing label (for editing it). */
export function valueToSelection(value: LabelValue): Selection {
  switch (value.kind) {
    case 'classification':
      return { classes: [value.class], spans: [] };
    case 'multi-label':
      return { classes: [...value.classes].sort((a, b) => a - b), spans: [] };
    case 'spans':
      return { classes: [], spans: [...value.spans].sort((a, b) => a.start - b.start) };
  }
}

/** The class indexes a label picks (spans: the classes used by any span). */
export function valueClasses(value: LabelValue): number[] {
  switch (value.kind) {
    case 'classification':
      return [value.class];
    case 'multi-label':
      return [...value.classes];
    case 'spans':
      return [...new Set(value.spans.map((span) => span.class))];
  }
}

/** Whether two labels say the same thing (order of multi-label classes and spans aside). */
export function isSameValue(a: LabelValue, b: LabelValue): boolean {
  return JSON.stringify(valueToSelection(a)) === JSON.stringify(valueToSelection(b));
}

/** The name of class `index`, or `class N` when the schema has no such class. */
export function className(classes: readonly string[], index: number): string {
  return classes[index] ?? `class ${index + 1}`;
}

/**
 * A label in words: `Sports`, `Sports, Politics`, `none`, or `2 spans: Person “Ada”, …` (span
 * text is quoted from `text` when given).
 */
export function describeValue(value: LabelValue, classes: readonly string[], text = ''): string {
  switch (value.kind) {
    case 'classification':
      return className(classes, value.class);
    case 'multi-label':
      return value.classes.length === 0
        ? 'none'
        : value.classes.map((index) => className(classes, index)).join(', ');
    case 'spans': {
      if (value.spans.length === 0) return 'no spans';
      const parts = value.spans.map((span) => {
        const quoted = text ? ` “${truncate(text.slice(span.start, span.end), 40)}”` : '';
        return `${className(classes, span.class)}${quoted}`;
      });
      const noun = value.spans.length === 1 ? 'span' : 'spans';
      return `${value.spans.length} ${noun}: ${parts.join(', ')}`;
    }
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
