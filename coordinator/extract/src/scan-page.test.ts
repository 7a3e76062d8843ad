import { describe, expect, it } from 'vitest';
import { scanPage } from './scan-page.ts';
import { parseHtml } from './testing/parse-html.ts';

describe('scanPage', () => {
  it('collects metas, JSON-LD scripts, links, base, title, first h1 and author in one walk', async () => {
    const doc = await parseHtml(`<html><head>
      <title>Page</title><base href="/b/"><base href="/ignored/">
      <meta name="author" content="Jane"><meta charset="utf-8">
      <script type="application/ld+json">{}</script><script>var x;</script>
      </head><body>
      <svg><title>Icon</title></svg>
      <h1>First</h1><h1>Second</h1>
      <p class="story-byline author">By Jane</p>
      <a href="/x">x</a><a name="anchor">no href</a><map><area href="/y"></map>
      </body></html>`);
    const scan = scanPage(doc);
    expect(scan.metas.map((meta) => meta.getAttribute('name'))).toEqual(['author']);
    expect(scan.jsonLdScripts).toHaveLength(1);
    expect(scan.anchors.map((anchor) => anchor.getAttribute('href'))).toEqual(['/x', '/y']);
    expect(scan.baseHref).toBe('/b/');
    expect(scan.title?.textContent).toBe('Page');
    expect(scan.firstH1?.textContent).toBe('First');
    expect(scan.author?.textContent).toBe('By Jane');
  });
});
