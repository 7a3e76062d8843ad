import { seededRandom } from '@plaza/test-kit/random';
import { describe, expect, it } from 'vitest';
import { featureMatrix } from './integer-features.ts';
import { nearestRows, nearestRowsForAll } from './neighbours.ts';
import { defaultRuleV2Params as P } from './params.ts';

describe('nearestRowsForAll', () => {
  it('gives every validation row the same list as a dense scan, ties to the lower row', () => {
    const words = 'budget vote council goal match final rates bank school road'.split(' ');
    const random = seededRandom(3);
    const rand = (n: number) => Math.floor(random() * n);
    // Few words: many equal similarities, so the order of ties is tested too.
    const texts = Array.from({ length: 300 }, () =>
      Array.from({ length: 1 + rand(4) }, () => words[rand(words.length)]).join(' '),
    );
    const m = featureMatrix(texts, P.features);
    const validation = [5, 17, 42, 99, 150, 151, 299];
    const pool = Int32Array.from({ length: 300 }, (_, r) => r).filter((r) => r % 3 !== 0);
    const dense = new Int32Array(P.features.buckets);
    const all = nearestRowsForAll(m, validation, pool, 10);
    validation.forEach((v, i) => {
      expect(all[i]).toEqual(nearestRows(m, v, pool, 10, dense));
    });
    expect(all.some((list) => new Set(list.similarities).size < list.similarities.length)).toBe(
      true,
    );
  });
});
