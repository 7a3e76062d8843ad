import { describe, expect, it } from 'vitest';
import { aggregateSpans } from './aggregate-spans.ts';
import { AggregationInputError } from './aggregation-input-error.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';
import { tokenLabels } from './token-labels.ts';
import { tokenSpans } from './token-spans.ts';

// Tokens: Ada[0,3) Lovelace[4,12) met[13,16) Charles[17,24) Babbage[25,32) in[33,35)
// London[36,42) .[42,43)
const TEXT = 'Ada Lovelace met Charles Babbage in London.';
const PER = 0;
const LOC = 1;
const ORG = 2;
const texts = new Map([['doc', TEXT]]);

const annotations = [
  {
    item: 'doc',
    labeler: 'x',
    spans: [
      { start: 0, end: 12, label: PER },
      { start: 36, end: 42, label: LOC },
    ],
  },
  {
    item: 'doc',
    labeler: 'y',
    spans: [
      { start: 0, end: 3, label: PER },
      { start: 17, end: 32, label: PER },
      { start: 36, end: 43, label: LOC },
    ],
  },
  {
    item: 'doc',
    labeler: 'z',
    spans: [
      { start: 0, end: 12, label: PER },
      { start: 17, end: 24, label: PER },
      { start: 36, end: 42, label: ORG },
    ],
  },
];

describe('aggregateSpans', () => {
  // Per token (x, y, z → majority): Ada P,P,P → P; Lovelace P,-,P → P; met -; Charles -,P,P → P;
  // Babbage -,P,- → none; in -; London L,L,O → L; "." -,L,- → none.
  const result = aggregateSpans(annotations, { texts });

  it('labels each token by strict majority and merges runs into spans', () => {
    expect(result.items).toHaveLength(1);
    expect(result.items[0]!.value).toEqual([
      { start: 0, end: 12, label: PER },
      { start: 17, end: 24, label: PER },
      { start: 36, end: 42, label: LOC },
    ]);
    expect(result.items[0]!.annotationCount).toBe(3);
  });

  it('scores each annotation by token F1 against the aggregate', () => {
    // The aggregate labels 4 tokens. x labels 3, all right: 6/7. y labels 5, right on Ada,
    // Charles, London: 6/9. z labels 4, right on Ada, Lovelace, Charles: 6/8.
    const [x, y, z] = result.annotations.map((a) => a.posterior);
    expect(x).toBeCloseTo(6 / 7, 12);
    expect(y).toBeCloseTo(2 / 3, 12);
    expect(z).toBeCloseTo(3 / 4, 12);
    expect(result.labelerAccuracy.get('y')).toBeCloseTo(2 / 3, 12);
  });

  it('gives the mean pairwise token F1 as agreement and confidence', () => {
    // x–y share Ada, London of 3 + 5: 4/8. x–z share Ada, Lovelace of 3 + 4: 4/7.
    // y–z share Ada, Charles of 5 + 4: 4/9.
    const expected = (1 / 2 + 4 / 7 + 4 / 9) / 3;
    expect(result.items[0]!.agreement).toBeCloseTo(expected, 12);
    expect(result.items[0]!.confidence).toBe(result.items[0]!.agreement);
  });

  it('needs more than half: a 2–2 split labels nothing', () => {
    const split = aggregateSpans(
      [
        { item: 'doc', labeler: 'a', spans: [{ start: 0, end: 3, label: PER }] },
        { item: 'doc', labeler: 'b', spans: [{ start: 0, end: 3, label: PER }] },
        { item: 'doc', labeler: 'c', spans: [{ start: 0, end: 3, label: ORG }] },
        { item: 'doc', labeler: 'd', spans: [] },
      ],
      { texts },
    );
    expect(split.items[0]!.value).toEqual([]);
  });

  it('gives a lone annotation full agreement and itself as the aggregate', () => {
    const alone = aggregateSpans([annotations[0]!], { texts });
    expect(alone.items[0]!.value).toEqual(annotations[0]!.spans);
    expect(alone.items[0]!.agreement).toBe(1);
    expect(alone.annotations[0]!.posterior).toBe(1);
  });

  it('feeds Krippendorff alpha with tokens as units', () => {
    const tokens = tokenSpans(TEXT);
    const labelings = annotations.map((a) => tokenLabels(tokens, a.spans));
    const units = tokens.map((_, t) => labelings.map((labels) => labels[t]!));
    const alpha = krippendorffAlpha(units);
    expect(alpha).toBeGreaterThan(0);
    expect(alpha).toBeLessThan(1);
  });

  it('rejects an item without text and a span past the end of its text', () => {
    expect(() => aggregateSpans([{ ...annotations[0]!, item: 'other' }], { texts })).toThrow(
      AggregationInputError,
    );
    expect(() =>
      aggregateSpans([{ item: 'doc', labeler: 'x', spans: [{ start: 0, end: 99, label: 0 }] }], {
        texts,
      }),
    ).toThrow(AggregationInputError);
  });
});
