import { describe, expect, it } from 'vitest';
import { generateArticle } from '#testing/articles.ts';
import { findNearDuplicate, isNewGroupMember } from './find-near-duplicate.ts';
import { createMinHasher } from './minhash.ts';
import { normalizeText } from './normalize-text.ts';
import { shingleJaccard } from './shingle-jaccard.ts';

const hasher = createMinHasher();
const dedupText = (text: string) => {
  const normalized = normalizeText(text);
  return { normalized, signature: hasher.signature(normalized) };
};

/** `text` with the words in [from, from + count) replaced by other words. */
function rewrite(text: string, from: number, count: number, seed: number): string {
  const words = text.split(' ');
  const other = generateArticle(seed, count).split(' ');
  words.splice(from, count, ...other.slice(0, count));
  return words.join(' ');
}

describe('findNearDuplicate', () => {
  // A chain: B edits A's start, C edits B's end; each step keeps ~0.85 of the shingles.
  const a = generateArticle(1, 400);
  const b = rewrite(a, 0, 25, 2);
  const c = rewrite(b, 370, 25, 3);

  it('has a chain to work on: A ≈ B, B ≈ C, A ≉ C', () => {
    const [na, nb, nc] = [a, b, c].map(normalizeText) as [string, string, string];
    expect(shingleJaccard(na, nb)).toBeGreaterThanOrEqual(0.8);
    expect(shingleJaccard(nb, nc)).toBeGreaterThanOrEqual(0.8);
    expect(shingleJaccard(na, nc)).toBeLessThan(0.8);
  });

  it('misses C when only the first text of the group is compared, finds it with every member', () => {
    const [da, db, dc] = [a, b, c].map(dedupText) as [
      ReturnType<typeof dedupText>,
      ReturnType<typeof dedupText>,
      ReturnType<typeof dedupText>,
    ];
    expect(findNearDuplicate(dc, [da])).toBeNull();
    const match = findNearDuplicate(dc, [da, db]);
    expect(match?.candidate).toBe(db);
    expect(match?.similarity).toBe(shingleJaccard(db.normalized, dc.normalized));
  });

  it('picks the most similar member, the first seen on ties, each candidate once', () => {
    const doc = dedupText(a);
    const far = dedupText(rewrite(a, 100, 20, 4));
    const near = dedupText(rewrite(a, 100, 5, 5));
    expect(findNearDuplicate(doc, [far, near, far])?.candidate).toBe(near);
    const twin = dedupText(a);
    const first = dedupText(a);
    expect(findNearDuplicate(doc, [first, twin])?.candidate).toBe(first);
  });

  it('rejects texts that differ only in their numbers when numbers are most of them', () => {
    const release = (v: string, d: string) =>
      `pkg (${v}) unstable; urgency=medium\n  * New upstream release ${v}.\n -- Jane Roe <jane@example.org>  ${d}`;
    const one = dedupText(release('1.2.3-1', 'Mon, 02 Jan 2023 13:06:21 +0100'));
    const two = dedupText(release('1.2.4-1', 'Sat, 31 Dec 2022 16:40:30 +0100'));
    expect(findNearDuplicate(two, [one])).toBeNull();
  });
});

describe('isNewGroupMember', () => {
  it('keeps a near duplicate that adds shingles, not one equal to a member', () => {
    expect(isNewGroupMember({ candidate: null, similarity: 0.85 })).toBe(true);
    expect(isNewGroupMember({ candidate: null, similarity: 1 })).toBe(false);
  });
});
