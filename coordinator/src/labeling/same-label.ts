import type { LabelValue } from '@plaza/protocol';

/** Whether two canonical labels (see `checkLabel`) are the same answer. */
export function sameLabel(a: LabelValue, b: LabelValue): boolean {
  if (a.kind === 'classification' && b.kind === 'classification') return a.class === b.class;
  if (a.kind === 'multi-label' && b.kind === 'multi-label') {
    return a.classes.length === b.classes.length && a.classes.every((c, i) => c === b.classes[i]);
  }
  if (a.kind === 'spans' && b.kind === 'spans') {
    return (
      a.spans.length === b.spans.length &&
      a.spans.every((s, i) => {
        const t = b.spans[i];
        return t !== undefined && s.start === t.start && s.end === t.end && s.class === t.class;
      })
    );
  }
  return false;
}
