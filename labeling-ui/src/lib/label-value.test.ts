import type { LabelValue } from '@plaza/protocol';
import { describe, expect, it } from 'vitest';
import {
  addSpan,
  describeValue,
  emptySelection,
  isSameValue,
  pickClass,
  removeSpan,
  selectionToValue,
  valueToSelection,
} from './label-value.ts';

describe('pickClass', () => {
  it('selects one class for classification', () => {
    const once = pickClass(emptySelection, 'classification', 2);
    expect(pickClass(once, 'classification', 0).classes).toEqual([0]);
  });

  it('toggles classes for multi-label, kept sorted', () => {
    let selection = pickClass(emptySelection, 'multi-label', 2);
    selection = pickClass(selection, 'multi-label', 0);
    expect(selection.classes).toEqual([0, 2]);
    expect(pickClass(selection, 'multi-label', 2).classes).toEqual([0]);
  });
});

describe('spans', () => {
  it('adds sorted spans and relabels the same range', () => {
    let selection = addSpan(emptySelection, { start: 10, end: 14, class: 0 });
    selection = addSpan(selection, { start: 0, end: 3, class: 1 });
    selection = addSpan(selection, { start: 10, end: 14, class: 2 });
    expect(selection.spans).toEqual([
      { start: 0, end: 3, class: 1 },
      { start: 10, end: 14, class: 2 },
    ]);
    expect(removeSpan(selection, 0).spans).toEqual([{ start: 10, end: 14, class: 2 }]);
  });
});

describe('selectionToValue', () => {
  it('needs a class for classification', () => {
    expect(selectionToValue(emptySelection, 'classification')).toBeNull();
    expect(selectionToValue({ classes: [1], spans: [] }, 'classification')).toEqual({
      kind: 'classification',
      class: 1,
    });
  });

  it('treats an empty multi-label or spans selection as "none"', () => {
    expect(selectionToValue(emptySelection, 'multi-label')).toEqual({
      kind: 'multi-label',
      classes: [],
    });
    expect(selectionToValue(emptySelection, 'spans')).toEqual({ kind: 'spans', spans: [] });
  });

  it('round-trips through valueToSelection', () => {
    const value: LabelValue = { kind: 'multi-label', classes: [3, 1] };
    expect(selectionToValue(valueToSelection(value), 'multi-label')).toEqual({
      kind: 'multi-label',
      classes: [1, 3],
    });
    expect(isSameValue(value, { kind: 'multi-label', classes: [1, 3] })).toBe(true);
    expect(isSameValue(value, { kind: 'multi-label', classes: [1] })).toBe(false);
  });
});

describe('describeValue', () => {
  const classes = ['Person', 'Place'];

  it('names classes', () => {
    expect(describeValue({ kind: 'classification', class: 1 }, classes)).toBe('Place');
    expect(describeValue({ kind: 'multi-label', classes: [] }, classes)).toBe('none');
    expect(describeValue({ kind: 'classification', class: 5 }, classes)).toBe('class 6');
  });

  it('quotes span text', () => {
    const value: LabelValue = { kind: 'spans', spans: [{ start: 0, end: 3, class: 0 }] };
    expect(describeValue(value, classes, 'Ada went to Paris')).toBe('1 span: Person “Ada”');
  });
});
