import { contributionLimits, type ParsedContributionItem } from '@plaza/protocol';
import { describe, expect, it } from 'vitest';
import { boundLinks, splitBatches } from './contribution-batches.ts';

describe('boundLinks', () => {
  it('keeps absolute http(s) links once, without fragments, at most the protocol limit', () => {
    const links = [
      'https://a.example.com/x#top',
      'https://a.example.com/x',
      'javascript:alert(1)',
      'mailto:x@example.com',
      'not a url',
      `https://a.example.com/${'y'.repeat(3000)}`,
      'http://b.example.org/',
      ...Array.from({ length: 2000 }, (_, i) => `https://c.example.net/${i}`),
    ];
    const bounded = boundLinks(links);
    expect(bounded.slice(0, 2)).toEqual(['https://a.example.com/x', 'http://b.example.org/']);
    expect(bounded).toHaveLength(contributionLimits.maxLinks);
  });
});

describe('splitBatches', () => {
  const item = (n: number, textChars: number) =>
    ({ jobId: `j${n}`, text: 'x'.repeat(textChars) }) as unknown as ParsedContributionItem;

  it('keeps batches under the item count and request size the coordinator takes', () => {
    const many = Array.from({ length: 150 }, (_, n) => item(n, 10));
    expect(splitBatches(many).map((b) => b.length)).toEqual([64, 64, 22]);
    const big = Array.from({ length: 40 }, (_, n) => item(n, 190_000));
    const batches = splitBatches(big);
    for (const batch of batches) {
      expect(JSON.stringify({ items: batch }).length).toBeLessThan(contributionLimits.maxBodyBytes);
    }
    expect(batches.flat()).toHaveLength(40);
  });
});
