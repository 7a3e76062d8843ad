import { describe, expect, it } from 'vitest';
import { readJsonLdArticle } from './json-ld.ts';
import { scanPage } from './scan-page.ts';
import { page, parseHtml } from './testing/parse-html.ts';

const script = (data: string) => `<script type="application/ld+json">${data}</script>`;

describe('readJsonLdArticle', () => {
  it('finds the article in a @graph and reads headline, body and authors', async () => {
    const data = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'Organization', name: 'Site' },
        {
          '@type': ['NewsArticle'],
          headline: ' Headline ',
          articleBody: 'Body text.',
          author: [{ '@type': 'Person', name: 'Jane Doe' }, 'John Roe'],
        },
      ],
    });
    const doc = await parseHtml(page(script(data)));
    expect(readJsonLdArticle(scanPage(doc))).toEqual({
      headline: 'Headline',
      articleBody: 'Body text.',
      author: 'Jane Doe, John Roe',
    });
  });

  it('ignores invalid JSON and non-article types', async () => {
    const doc = await parseHtml(
      page(
        script('{ not json') +
          script('[{"@type":"Product","articleBody":"no"},{"@type":"BlogPosting","text":"yes"}]'),
      ),
    );
    expect(readJsonLdArticle(scanPage(doc))).toEqual({ articleBody: 'yes' });
  });
});
