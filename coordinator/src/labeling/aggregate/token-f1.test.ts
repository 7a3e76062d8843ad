/** Tests of the span-token chain: tokenSpans → tokenLabels → tokenLabelF1 → tokenF1. */
import { describe, expect, it } from 'vitest';
import { AggregationInputError } from './aggregation-input-error.ts';
import { tokenF1 } from './token-f1.ts';
import { tokenLabelF1 } from './token-label-f1.ts';
import { NO_LABEL, tokenLabels } from './token-labels.ts';
import { tokenSpans } from './token-spans.ts';

const _ = NO_LABEL;

const words = (text: string) => tokenSpans(text).map(({ start, end }) => text.slice(start, end));

describe('tokenSpans', () => {
  it('splits words and punctuation with their offsets', () => {
    expect(tokenSpans('Hi, Bo')).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 3 },
      { start: 4, end: 6 },
    ]);
    expect(words('Ada met Bo (in 1843)!')).toEqual([
      'Ada',
      'met',
      'Bo',
      '(',
      'in',
      '1843',
      ')',
      '!',
    ]);
  });

  it('keeps accented words and scripts whole and offsets in UTF-16 units', () => {
    expect(words('Zoë à Köln — 東京 👋 ok')).toEqual(['Zoë', 'à', 'Köln', '—', '東京', '👋', 'ok']);
    const text = '👋 ok';
    expect(tokenSpans(text)[1]).toEqual({ start: 3, end: 5 });
  });

  it('gives no tokens for blank text', () => {
    expect(tokenSpans('')).toEqual([]);
    expect(tokenSpans(' \n\t ')).toEqual([]);
  });
});

// Tokens: Ada[0,3) Lovelace[4,12) met[13,16) Bo[17,19) .[19,20)
const tokens = tokenSpans('Ada Lovelace met Bo.');

describe('tokenLabels', () => {
  it('labels every token a span touches, even partly', () => {
    expect([...tokenLabels(tokens, [{ start: 1, end: 5, label: 2 }])]).toEqual([2, 2, _, _, _]);
    expect([...tokenLabels(tokens, [{ start: 17, end: 20, label: 0 }])]).toEqual([_, _, _, 0, 0]);
  });

  it('labels nothing for a span over whitespace only or an empty span', () => {
    expect([...tokenLabels(tokens, [{ start: 3, end: 4, label: 1 }])]).toEqual([_, _, _, _, _]);
    expect([...tokenLabels(tokens, [{ start: 5, end: 5, label: 1 }])]).toEqual([_, _, _, _, _]);
  });

  it('lets the first listed span win where spans overlap', () => {
    const spans = [
      { start: 4, end: 16, label: 1 },
      { start: 0, end: 12, label: 3 },
    ];
    expect([...tokenLabels(tokens, spans)]).toEqual([3, 1, 1, _, _]);
  });
});

const labels = (values: number[]) => Int32Array.from(values);

describe('tokenLabelF1', () => {
  it('counts a token as shared only with the same label', () => {
    // a labels 3 tokens, b labels 3; they share token 0 (label 1) only: 2·1/6.
    expect(tokenLabelF1(labels([1, 1, 2, _]), labels([1, 2, _, 2]))).toBeCloseTo(1 / 3, 12);
  });

  it('is symmetric, 1 for identical labelings and when both label nothing', () => {
    const a = labels([0, _, 1]);
    const b = labels([0, 0, _]);
    expect(tokenLabelF1(a, b)).toBe(tokenLabelF1(b, a));
    expect(tokenLabelF1(a, a)).toBe(1);
    expect(tokenLabelF1(labels([_, _]), labels([_, _]))).toBe(1);
    expect(tokenLabelF1(labels([]), labels([]))).toBe(1);
    expect(tokenLabelF1(labels([_, _]), labels([0, _]))).toBe(0);
  });
});

// Tokens: Ada[0,3) Lovelace[4,12) met[13,16) Charles[17,24) Babbage[25,32) in[33,35)
// London[36,42) .[42,43)
const TEXT = 'Ada Lovelace met Charles Babbage in London.';
const PER = 0;
const LOC = 1;
const ORG = 2;

describe('tokenF1', () => {
  it('scores a hand case', () => {
    const a = [
      { start: 0, end: 12, label: PER },
      { start: 17, end: 32, label: PER },
      { start: 36, end: 42, label: LOC },
    ];
    const b = [
      { start: 0, end: 3, label: PER },
      { start: 17, end: 32, label: PER },
      { start: 36, end: 42, label: ORG },
    ];
    // a labels 5 tokens, b 4; same label on Ada, Charles, Babbage (London differs): 2·3/9.
    expect(tokenF1(a, b, TEXT)).toBeCloseTo(2 / 3, 12);
    expect(tokenF1(b, a, TEXT)).toBeCloseTo(2 / 3, 12);
  });

  it('counts tokens, not characters', () => {
    // "Lovel" and "Lovelace" both cover the token Lovelace.
    expect(
      tokenF1([{ start: 4, end: 9, label: PER }], [{ start: 4, end: 12, label: PER }], TEXT),
    ).toBe(1);
    // A span that takes in the full stop covers one more token: 2·1/3.
    expect(
      tokenF1([{ start: 36, end: 42, label: LOC }], [{ start: 36, end: 43, label: LOC }], TEXT),
    ).toBeCloseTo(2 / 3, 12);
  });

  it('is 1 when both are empty and 0 when only one is', () => {
    expect(tokenF1([], [], TEXT)).toBe(1);
    expect(tokenF1([], [{ start: 0, end: 3, label: PER }], TEXT)).toBe(0);
  });

  it('rejects a span outside the text', () => {
    expect(() => tokenF1([{ start: 40, end: 44, label: 0 }], [], TEXT)).toThrow(
      AggregationInputError,
    );
    expect(() => tokenF1([], [{ start: 5, end: 2, label: 0 }], TEXT)).toThrow(
      /not a labeled range/,
    );
  });
});
