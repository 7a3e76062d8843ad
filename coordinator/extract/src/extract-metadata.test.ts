import { describe, expect, it } from 'vitest';
import { cleanTitle, extractMetadata } from './extract-metadata.ts';
import { scanPage } from './scan-page.ts';
import { parseHtml } from './testing/parse-html.ts';

describe('cleanTitle', () => {
  it('cuts the site name off either side of a separator', () => {
    expect(cleanTitle('Council cuts the library budget again | The Daily')).toBe(
      'Council cuts the library budget again',
    );
    expect(cleanTitle('The Daily - Council cuts the library budget again')).toBe(
      'Council cuts the library budget again',
    );
    expect(cleanTitle('Home | Site')).toBe('Home | Site');
  });
});

describe('extractMetadata', () => {
  it('prefers og:title, reads the author meta and the html lang', async () => {
    const doc = await parseHtml(`<html lang="de"><head><title>Page | Site</title>
      <meta property="og:title" content="The  real headline"><meta name="author" content="Jane Doe">
      </head><body><h1>Other</h1></body></html>`);
    expect(extractMetadata(doc, scanPage(doc), {})).toEqual({
      title: 'The real headline',
      byline: 'Jane Doe',
      lang: 'de',
    });
  });

  it('falls back to JSON-LD, the <title>, a byline element and Content-Language', async () => {
    const doc = await parseHtml(`<html><head><title>A long enough headline here - Site</title>
      <meta http-equiv="Content-Language" content="fr-FR"></head>
      <body><p class="byline">By Jean Dupont</p></body></html>`);
    expect(extractMetadata(doc, scanPage(doc), {})).toEqual({
      title: 'A long enough headline here',
      byline: 'Jean Dupont',
      lang: 'fr-FR',
    });
    expect(
      extractMetadata(doc, scanPage(doc), { headline: 'From JSON-LD', author: 'A, B' }),
    ).toMatchObject({
      title: 'From JSON-LD',
      byline: 'A, B',
    });
  });
});
