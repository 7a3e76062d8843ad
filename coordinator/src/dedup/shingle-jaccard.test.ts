import { describe, expect, it } from 'vitest';
import { shingleJaccard } from './shingle-jaccard.ts';

function exactJaccard(a: string, b: string, size: number): number {
  const shingles = (text: string) => {
    const words = text.split(' ').filter(Boolean);
    const width = Math.min(size, words.length);
    const set = new Set<string>();
    for (let i = 0; i + width <= words.length && width > 0; i++) {
      set.add(words.slice(i, i + width).join(' '));
    }
    return set;
  };
  const sa = shingles(a);
  const sb = shingles(b);
  if (sa.size === 0 && sb.size === 0) return 1;
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return shared / (sa.size + sb.size - shared);
}

describe('shingleJaccard', () => {
  const words = Array.from({ length: 200 }, (_, i) => `w${(i * 37) % 150}`);
  const text = words.join(' ');

  it('is 1 for identical texts and 0 for texts without a shared shingle', () => {
    expect(shingleJaccard(text, text)).toBe(1);
    expect(shingleJaccard(text, words.map((w) => `${w}x`).join(' '))).toBe(0);
  });

  it('counts distinct shingles, as a set', () => {
    expect(shingleJaccard('a b c d e a b c d e', 'a b c d e')).toBe(
      exactJaccard('a b c d e a b c d e', 'a b c d e', 5),
    );
  });

  it('equals the exact Jaccard of mutated documents', () => {
    for (let step = 1; step <= 40; step += 3) {
      const mutated = words.map((w, i) => (i % step === 0 ? `changed${i}` : w)).join(' ');
      expect(shingleJaccard(text, mutated)).toBeCloseTo(exactJaccard(text, mutated, 5), 12);
    }
  });

  it('takes other shingle sizes', () => {
    const a = 'the cat sat on the mat';
    const b = 'the cat sat on a mat';
    expect(shingleJaccard(a, b, 1)).toBeCloseTo(exactJaccard(a, b, 1), 12);
    expect(shingleJaccard(a, b, 2)).toBeCloseTo(exactJaccard(a, b, 2), 12);
  });

  it('treats a short text as one shingle and two empty texts as identical', () => {
    expect(shingleJaccard('hello world', 'hello world')).toBe(1);
    expect(shingleJaccard('hello world', 'world hello')).toBe(0);
    expect(shingleJaccard('', '')).toBe(1);
    expect(shingleJaccard('', 'hello')).toBe(0);
  });
});
