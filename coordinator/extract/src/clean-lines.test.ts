import { describe, expect, it } from 'vitest';
import { cleanLines, isBoilerplateLine } from './clean-lines.ts';

describe('isBoilerplateLine', () => {
  it('drops labels, bylines, datelines, credits and prompts', () => {
    for (const line of [
      'Advertisement',
      'ADVERTISEMENT',
      'Story continues below advertisement',
      'Read more:',
      'Image 2 of 5',
      'By Jane Doe',
      'Updated: Nov. 19, 2019 3:04 pm',
      'November 19, 2019',
      'Photo: Jane Doe/Reuters',
      'Natalie Naccache | Bloomberg | Getty Images',
      'Follow us on Twitter @example and on Facebook.',
      'Sign up for our daily newsletter to get stories in your inbox.',
      'Email the writer at jane@example.com.',
      '© 2019 Example Media. All rights reserved.',
      'This website uses cookies to improve your experience.',
      '[button link="/x"]Send us a review[/button]',
    ]) {
      expect(isBoilerplateLine(line), line).toBe(true);
    }
  });

  it('keeps prose, even when it starts like a byline or mentions an agency', () => {
    for (const line of [
      'By the time the council met, the budget had already been cut twice, and nobody was surprised.',
      'The company declined to comment when contacted by Reuters.',
      'Shares rose 3% on Monday.',
    ]) {
      expect(isBoilerplateLine(line), line).toBe(false);
    }
  });
});

describe('cleanLines', () => {
  it('removes boilerplate lines and the empty paragraphs they leave', () => {
    expect(cleanLines('Advertisement\n\nFirst paragraph.\nBy Jane Doe\n\nSecond.')).toBe(
      'First paragraph.\n\nSecond.',
    );
  });
});
