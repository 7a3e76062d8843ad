import { describe, expect, it } from 'vitest';
import {
  countShingles,
  evaluateArticles,
  pagePrecision,
  pageRecall,
  scorePage,
  summarize,
  tokenize,
} from './article-metric.ts';

describe('tokenize', () => {
  it('keeps maximal runs of Unicode word characters, in order', () => {
    expect(tokenize("It's 4 o'clock.")).toEqual(['It', 's', '4', 'o', 'clock']);
    expect(tokenize('Café naïve — 東京 snake_case')).toEqual([
      'Café',
      'naïve',
      '東京',
      'snake_case',
    ]);
    expect(tokenize(' \n ,.')).toEqual([]);
  });
});

describe('countShingles', () => {
  it('counts every run of four tokens as a multiset', () => {
    // Six tokens make three shingles: "a a a a" twice, "a a a b" once.
    const counts = countShingles(['a', 'a', 'a', 'a', 'a', 'b']);
    expect([...counts.values()].sort()).toEqual([1, 2]);
    expect(counts.size).toBe(2);
  });

  it('makes one shingle of a text shorter than four tokens, even an empty one', () => {
    expect([...countShingles(['a', 'b']).values()]).toEqual([1]);
    expect([...countShingles([]).values()]).toEqual([1]);
  });
});

describe('scorePage', () => {
  it('normalizes TP, FP and FN by their sum', () => {
    // truth {abcd, bcde}, prediction {abcd}: TP 1, FP 0, FN 1 of 2.
    expect(scorePage('a b c d e', 'a b c d')).toEqual({ tp: 0.5, fp: 0, fn: 0.5, exact: false });
  });

  it('compares repeated shingles by count', () => {
    // truth has "x x x x" three times, the prediction once: TP 1, FN 2 of 3.
    const score = scorePage('x x x x x x', 'x x x x');
    expect(score.tp).toBeCloseTo(1 / 3);
    expect(score.fn).toBeCloseTo(2 / 3);
    expect(score.fp).toBe(0);
  });

  it('calls a page exact when the token lists match, whatever the punctuation', () => {
    expect(scorePage('Hello, world!', 'Hello\n\nworld').exact).toBe(true);
    expect(scorePage('Hello world', 'hello world').exact).toBe(false);
  });

  it('scores an empty prediction as nothing right', () => {
    const score = scorePage('a b c d', '');
    expect(score).toEqual({ tp: 0, fp: 0.5, fn: 0.5, exact: false });
    expect(pagePrecision(score)).toBe(0);
    expect(pageRecall(score)).toBe(0);
  });
});

describe('pagePrecision and pageRecall', () => {
  it('give 1 when nothing is wrong and 0 when nothing is right', () => {
    expect(pagePrecision({ tp: 1, fp: 0, fn: 0, exact: true })).toBe(1);
    expect(pageRecall({ tp: 1, fp: 0, fn: 0, exact: true })).toBe(1);
    expect(pagePrecision({ tp: 0, fp: 0, fn: 1, exact: false })).toBe(0);
    expect(pageRecall({ tp: 0, fp: 1, fn: 0, exact: false })).toBe(0);
    expect(pagePrecision({ tp: 0.25, fp: 0.75, fn: 0, exact: false })).toBe(0.25);
  });
});

describe('summarize', () => {
  it('averages precision and recall over pages, then takes F1 of the means', () => {
    const metric = evaluateArticles(
      ['a b c d e', 'a b c d', 'same text here now'],
      ['a b c d', 'a b c d e', 'same text here now'],
    );
    // Pages: (P 1, R 0.5), (P 0.5, R 1), (P 1, R 1).
    expect(metric.precision).toBeCloseTo(2.5 / 3);
    expect(metric.recall).toBeCloseTo(2.5 / 3);
    expect(metric.f1).toBeCloseTo(2.5 / 3);
    expect(metric.accuracy).toBeCloseTo(1 / 3);
  });

  it('leaves a page out of the precision mean when it predicted nothing', () => {
    const metric = summarize([
      { tp: 0, fp: 0, fn: 1, exact: false },
      { tp: 1, fp: 0, fn: 0, exact: true },
    ]);
    expect(metric.precision).toBe(1);
    expect(metric.recall).toBe(0.5);
    expect(metric.f1).toBeCloseTo(2 / 3);
  });

  it('refuses predictions that do not line up with the truths', () => {
    expect(() => evaluateArticles(['a'], [])).toThrow(/1 truths/);
  });
});
