import { describe, expect, it } from 'vitest';
import { generateArticle } from '#testing/articles.ts';
import { createMinHasher, normalizeText, shingleJaccard } from '../dedup/index.ts';
import { compareTexts } from './compare-texts.ts';

const hasher = createMinHasher();

describe('compareTexts', () => {
  it('is 1 for the same text however it is formatted', () => {
    const text = generateArticle(1);
    expect(compareTexts(hasher, text, text.toUpperCase().replaceAll('\n\n', '\n'), 0.8)).toBe(1);
  });

  it('stays above 0.8 for a page that changed a little (a date, a sentence, a counter)', () => {
    const text = generateArticle(2);
    const paragraphs = text.split('\n\n');
    paragraphs[0] = `Updated 14 March. ${paragraphs[0]}`;
    paragraphs.push('There are 12 comments on this story.');
    const changed = paragraphs.join('\n\n').replace('because', 'since');
    const similarity = compareTexts(hasher, text, changed, 0.8);
    expect(similarity).toBeGreaterThan(0.85);
    expect(similarity).toBeLessThan(1);
  });

  it('is near 0 for another article and 0 against an empty page', () => {
    expect(compareTexts(hasher, generateArticle(3), generateArticle(4), 0.8)).toBeLessThan(0.1);
    expect(compareTexts(hasher, generateArticle(3), '', 0.8)).toBe(0);
  });

  it('settles pairs near the threshold with the exact shingle Jaccard', () => {
    const text = generateArticle(5);
    const words = text.split(' ');
    // Replace every 25th word: about 20 % of the 5-word shingles change.
    const edited = words.map((w, i) => (i % 25 === 0 ? `x${i}` : w)).join(' ');
    const similarity = compareTexts(hasher, text, edited, 0.8);
    expect(similarity).toBe(shingleJaccard(normalizeText(text), normalizeText(edited)));
    expect(similarity).toBeGreaterThan(0.55);
    expect(similarity).toBeLessThan(0.75);
  });
});
