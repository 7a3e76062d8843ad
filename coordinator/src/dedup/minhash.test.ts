import { seededRandom } from '@plaza/test-kit/random';
import { describe, expect, it } from 'vitest';
import { estimateJaccard } from './lsh.ts';
import { createMinHasher, DEFAULT_MINHASH_SEED } from './minhash.ts';

function shingles(words: readonly string[], size: number): Set<string> {
  const result = new Set<string>();
  for (let i = 0; i + size <= words.length; i++) result.add(words.slice(i, i + size).join(' '));
  return result;
}

function exactJaccard(a: readonly string[], b: readonly string[], size: number): number {
  const sa = shingles(a, size);
  const sb = shingles(b, size);
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return shared / (sa.size + sb.size - shared);
}

describe('createMinHasher', () => {
  const hasher = createMinHasher();

  it('uses FineWeb parameters and a fixed seed by default', () => {
    expect(hasher.numHashes).toBe(112);
    expect(hasher.shingleSize).toBe(5);
    expect(hasher.seed).toBe(DEFAULT_MINHASH_SEED);
    expect(hasher.signature('a b c d e f')).toHaveLength(112);
  });

  it('gives identical texts equal signatures, across hasher instances', () => {
    const text = 'the quick brown fox jumps over the lazy dog again and again';
    const a = hasher.signature(text);
    expect(hasher.signature(text)).toEqual(a);
    expect(createMinHasher({ seed: DEFAULT_MINHASH_SEED }).signature(text)).toEqual(a);
    expect(estimateJaccard(a, hasher.signature(text))).toBe(1);
  });

  it('matches the committed snapshot (a change of hashing invalidates stored signatures)', () => {
    const text = 'plaza is an open data dao network where browsers fetch pages and the coordinator';
    const signature = hasher.signature(`${text} dedupes them`);
    expect(Array.from(signature.subarray(0, 8))).toEqual([
      0x2010b014, 0x0f9a5a50, 0x1062a950, 0x0b93f119, 0x099820f7, 0x04c8fa12, 0x0cb7ec87,
      0x221a95e0,
    ]);
  });

  it('changes with the seed', () => {
    const text = 'one two three four five six seven eight';
    const other = createMinHasher({ seed: 1 }).signature(text);
    expect(estimateJaccard(other, hasher.signature(text))).toBeLessThan(0.1);
  });

  it('gives an empty text a signature of all 0xffffffff', () => {
    const empty = hasher.signature('');
    expect(empty).toHaveLength(112);
    expect(empty.every((value) => value === 0xffffffff)).toBe(true);
    expect(hasher.signature('   ')).toEqual(empty);
  });

  it('treats a text shorter than a shingle as one shingle of all its words', () => {
    const short = hasher.signature('hello world');
    expect(short.some((value) => value !== 0xffffffff)).toBe(true);
    expect(hasher.signature('hello  world')).toEqual(short);
    expect(estimateJaccard(hasher.signature('world hello'), short)).toBeLessThan(0.1);
    expect(estimateJaccard(hasher.signature('hello world again'), short)).toBeLessThan(0.1);
  });

  it('is order-sensitive within a shingle and insensitive to repeated shingles', () => {
    expect(hasher.signature('a b c d e a b c d e')).not.toEqual(hasher.signature('e d c b a'));
    expect(hasher.signature('a b c d e a b c d e')).toEqual(
      hasher.signature('a b c d e a b c d e a b c d e'),
    );
  });

  it('estimates the true shingle Jaccard of mutated documents', () => {
    const random = seededRandom(7);
    const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i}`);
    const pick = () => vocabulary[Math.floor(random() * vocabulary.length)]!;
    let totalError = 0;
    const pairs = 40;
    for (let p = 0; p < pairs; p++) {
      const a = Array.from({ length: 400 }, pick);
      const b = a.slice();
      const rate = 0.005 + random() * 0.06;
      for (let i = 0; i < b.length; i++) if (random() < rate) b[i] = pick();
      const truth = exactJaccard(a, b, 5);
      const estimate = estimateJaccard(
        hasher.signature(a.join(' ')),
        hasher.signature(b.join(' ')),
      );
      const sigma = Math.sqrt((truth * (1 - truth)) / 112);
      expect(Math.abs(estimate - truth)).toBeLessThanOrEqual(4 * sigma + 0.01);
      totalError += estimate - truth;
    }
    // Unbiased: the mean error is well inside the standard error of the mean.
    expect(Math.abs(totalError / pairs)).toBeLessThan(0.02);
  });

  it('estimates word-set Jaccard with 1-word shingles', () => {
    const unigram = createMinHasher({ shingleSize: 1, numHashes: 256 });
    const a = Array.from({ length: 300 }, (_, i) => `t${i}`);
    const b = Array.from({ length: 300 }, (_, i) => `t${i + 100}`); // 200 shared of 400: J = 0.5
    const estimate = estimateJaccard(
      unigram.signature(a.join(' ')),
      unigram.signature(b.join(' ')),
    );
    expect(estimate).toBeGreaterThan(0.5 - 4 * Math.sqrt(0.25 / 256));
    expect(estimate).toBeLessThan(0.5 + 4 * Math.sqrt(0.25 / 256));
  });

  it('supports lengths that are not a multiple of four and long documents', () => {
    const odd = createMinHasher({ numHashes: 7 });
    const words = Array.from({ length: 5000 }, (_, i) => `w${(i * 31) % 997}`).join(' ');
    const signature = odd.signature(words);
    expect(signature).toHaveLength(7);
    // The same seed gives the same first permutations, whichever loop computes them.
    expect(Array.from(signature)).toEqual(
      Array.from(createMinHasher().signature(words).subarray(0, 7)),
    );
  });

  it('rejects invalid parameters', () => {
    expect(() => createMinHasher({ numHashes: 0 })).toThrow(RangeError);
    expect(() => createMinHasher({ shingleSize: 1.5 })).toThrow(RangeError);
    expect(() => createMinHasher({ seed: Number.NaN })).toThrow(RangeError);
  });
});
