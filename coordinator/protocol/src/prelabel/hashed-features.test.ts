import { describe, expect, it } from 'vitest';
import { defaultFeatureSpec } from './feature-spec.ts';
import { hashedFeatures } from './hashed-features.ts';
import { toDenseRows } from './to-dense-rows.ts';

const spec = defaultFeatureSpec;

describe('hashedFeatures', () => {
  it('is deterministic, sorted, in range and L2-normalized', () => {
    const a = hashedFeatures('Rates rise again as the central bank moves', spec);
    const b = hashedFeatures('Rates rise again as the central bank moves', spec);
    expect(a).toEqual(b);
    expect([...a.indices]).toEqual([...a.indices].sort((x, y) => x - y));
    expect(new Set(a.indices).size).toBe(a.indices.length);
    for (const index of a.indices) expect(index).toBeLessThan(spec.buckets);
    const norm = Math.sqrt(a.values.reduce((sum, v) => sum + v * v, 0));
    expect(norm).toBeCloseTo(1, 5);
  });

  it('ignores case, punctuation and Unicode compatibility forms', () => {
    expect(hashedFeatures('Ｒates, RISE!', spec)).toEqual(hashedFeatures('rates rise', spec));
  });

  it('pins the hashing: the same text gives the same buckets on every side', () => {
    // A change here changes every model's input: it needs a new feature-spec version.
    const { indices } = hashedFeatures('plaza', { ...spec, words: [1], chars: [] });
    expect([...indices]).toEqual([indices[0]]);
    expect(indices[0]).toBe(3303); // FNV-1a, computed independently
  });

  it('reads only maxChars of the input and gives an empty vector for no tokens', () => {
    const long = `${'word '.repeat(10)}${'other '.repeat(1000)}`;
    const short = hashedFeatures(long, { ...spec, maxChars: 100 });
    expect(short).toEqual(hashedFeatures(long.slice(0, 100), { ...spec, maxChars: 100 }));
    expect(hashedFeatures('  — … ', spec).indices.length).toBe(0);
  });

  it('word bigrams tell word order apart', () => {
    const only = { ...spec, words: [2], chars: [] };
    expect(hashedFeatures('dog bites man', only)).not.toEqual(
      hashedFeatures('man bites dog', only),
    );
  });
});

describe('toDenseRows', () => {
  it('scatters each row into its own stretch of the matrix', () => {
    const rows = [hashedFeatures('alpha beta', spec), hashedFeatures('gamma', spec)];
    const dense = toDenseRows(rows, spec.buckets);
    expect(dense.length).toBe(2 * spec.buckets);
    const first = rows[0]!;
    expect(dense[first.indices[0]!]).toBe(first.values[0]);
    const second = rows[1]!;
    expect(dense[spec.buckets + second.indices[0]!]).toBe(second.values[0]);
    const nonZero = dense.reduce((n, v) => n + (v === 0 ? 0 : 1), 0);
    expect(nonZero).toBe(first.indices.length + second.indices.length);
  });
});
