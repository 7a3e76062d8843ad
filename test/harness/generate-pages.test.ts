import { describe, expect, it } from 'vitest';
import { type GeneratedPage, generatePages } from './generate-pages.ts';

/** Lowercase words without punctuation: close enough to the coordinator's normalization here. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function shingleJaccard(a: string, b: string): number {
  const shingles = (text: string) => {
    const w = words(text);
    return new Set(w.slice(0, -4).map((_, i) => w.slice(i, i + 5).join(' ')));
  };
  const x = shingles(a);
  const y = shingles(b);
  let shared = 0;
  for (const s of x) if (y.has(s)) shared++;
  return shared / (x.size + y.size - shared);
}

describe('generatePages', () => {
  const site = generatePages({
    hosts: 150,
    urlsPerHost: 2,
    exactDuplicateRate: 0.2,
    nearDuplicateRate: 0.1,
    chars: 3000,
    seed: 2026,
  });

  it('serves the promised mix of unique pages, exact copies and near-duplicates', () => {
    const kinds = new Map<string, number>();
    for (const page of site.pages) kinds.set(page.kind, (kinds.get(page.kind) ?? 0) + 1);
    expect(site.pages).toHaveLength(300);
    expect(new Set(site.pages.map((p) => p.url)).size).toBe(300);
    expect(new Set(site.pages.map((p) => p.host)).size).toBe(150);
    expect(Object.fromEntries(kinds)).toEqual({ unique: 150, original: 60, copy: 60, near: 30 });
    expect(site.expected).toEqual({
      distinctTexts: 240,
      exactDuplicates: 60,
      nearDuplicates: 30,
      items: 210,
    });
  });

  it('makes copies equal after normalization and near-duplicates similar but different', () => {
    const byGroup = new Map<number, GeneratedPage[]>();
    for (const page of site.pages)
      byGroup.set(page.group, [...(byGroup.get(page.group) ?? []), page]);
    for (const pages of byGroup.values()) {
      const original = pages.find((p) => p.kind === 'original' || p.kind === 'unique')!;
      for (const page of pages.filter((p) => p !== original)) {
        if (page.kind === 'copy') expect(words(page.text)).toEqual(words(original.text));
        else {
          const jaccard = shingleJaccard(page.text, original.text);
          expect(jaccard).toBeGreaterThan(0.88);
          expect(jaccard).toBeLessThan(0.96);
        }
      }
    }
  });

  it('keeps different articles far apart', () => {
    const uniques = site.pages.filter((p) => p.kind === 'unique').slice(0, 20);
    for (let i = 1; i < uniques.length; i++) {
      expect(shingleJaccard(uniques[i - 1]!.text, uniques[i]!.text)).toBeLessThan(0.1);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    const again = generatePages({ hosts: 10, exactDuplicateRate: 0.2, seed: 5 });
    const same = generatePages({ hosts: 10, exactDuplicateRate: 0.2, seed: 5 });
    const other = generatePages({ hosts: 10, exactDuplicateRate: 0.2, seed: 6 });
    expect(same.pages).toEqual(again.pages);
    expect(other.pages.map((p) => p.text)).not.toEqual(again.pages.map((p) => p.text));
  });
});
