import { seededRandom } from '@plaza/test-kit/random';
import { describe, expect, it } from 'vitest';
import { featureMatrix, similarity } from './integer-features.ts';
import { bandKeys, findNearCopies, findNearCopiesExhaustive } from './near-copies.ts';
import { defaultRuleV2Params as P } from './params.ts';

const words =
  'the central bank raised rates again as inflation stayed high while markets fell and the government promised new spending on schools roads hospitals energy and defence'.split(
    ' ',
  );

/** Texts of 40 words drawn from a small vocabulary, with edited copies of some earlier ones. */
function corpus(): string[] {
  const random = seededRandom(7);
  const rand = (n: number) => Math.floor(random() * n);
  const texts: string[] = [];
  for (let i = 0; i < 300; i++) {
    if (i > 10 && rand(4) === 0) {
      const words = (texts[rand(i)] as string).split(' ');
      words[rand(words.length)] = 'edited';
      texts.push(words.join(' '));
    } else texts.push(Array.from({ length: 40 }, () => words[rand(words.length)]).join(' '));
  }
  return texts;
}

describe('findNearCopies', () => {
  it('finds the copies an exhaustive scan finds, each checked by its exact similarity', () => {
    const m = featureMatrix(corpus(), P.features);
    const banded = findNearCopies(m, P.nearCopy, P.copySearch, P.features.buckets);
    const exhaustive = findNearCopiesExhaustive(m, P.nearCopy);
    const copies = exhaustive.filter((c) => c !== null).length;
    expect(copies).toBeGreaterThan(40);
    expect(banded.map((c) => c !== null)).toEqual(exhaustive.map((c) => c !== null));
    banded.forEach((c, r) => {
      if (c) expect(c.of).toBeLessThan(r);
      if (c) expect(c.similarity).toBeGreaterThanOrEqual(P.nearCopy);
    });
  });

  it('gives exactly the reference answer: the earliest earlier row sharing a band key, at or over the threshold', () => {
    const m = featureMatrix(corpus(), P.features);
    // A lower threshold, so that many rows sharing a band key are rejected by their similarity.
    const threshold = Math.floor(P.nearCopy * 0.8);
    const keys = bandKeys(m, P.copySearch, P.features.buckets);
    const empty = (r: number) => m.offsets[r + 1] === m.offsets[r];
    const reference = Array.from({ length: m.rows }, (_, r) => {
      for (let s = 0; s < r; s++) {
        if (empty(r) || empty(s) || !keys.some((band) => band[s] === band[r])) continue;
        const sim = similarity(m, r, s);
        if (sim >= threshold) return { of: s, similarity: sim };
      }
      return null;
    });
    expect(reference.filter((c) => c !== null).length).toBeGreaterThan(40);
    expect(findNearCopies(m, threshold, P.copySearch, P.features.buckets)).toEqual(reference);
  });

  it('decides a pair at exactly the threshold as a copy and one short of it as not (the early give-up is exact)', () => {
    const m = featureMatrix(corpus(), P.features);
    const loose = findNearCopies(m, Math.floor(P.nearCopy * 0.5), P.copySearch, P.features.buckets);
    const r = loose.findIndex((c) => c !== null && c.similarity < P.nearCopy);
    const pair = loose[r] as NonNullable<(typeof loose)[number]>;
    expect(pair.similarity).toBe(similarity(m, r, pair.of));
    const at = findNearCopies(m, pair.similarity, P.copySearch, P.features.buckets);
    expect(at[r]?.similarity).toBeGreaterThanOrEqual(pair.similarity);
    const above = findNearCopies(m, pair.similarity + 1, P.copySearch, P.features.buckets);
    expect(above[r]?.of).not.toBe(pair.of);
  });
});
