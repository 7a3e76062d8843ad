import { describe, expect, it } from 'vitest';
import { MAX_SITEMAP_BYTES, MAX_SITEMAP_URLS, parseSitemap } from './sitemap.ts';

const URLSET = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
        xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">
  <url>
    <loc>http://www.example.com/</loc>
    <lastmod>2005-01-01</lastmod>
    <changefreq>monthly</changefreq>
    <priority>0.8</priority>
  </url>
  <url>
    <loc>http://www.example.com/catalog?item=12&amp;desc=vacation_hawaii</loc>
    <changefreq>weekly</changefreq>
    <image:image><image:loc>https://cdn.example.com/photo.jpg</image:loc></image:image>
  </url>
  <url>
    <loc>
      http://www.example.com/catalog?item=73&amp;desc=vacation_new_zealand
    </loc>
    <video:video><video:content_loc>https://cdn.example.com/v.mp4</video:content_loc></video:video>
  </url>
  <!-- <url><loc>http://www.example.com/commented-out</loc></url> -->
  <url><loc><![CDATA[http://www.example.com/cdata?a=1&b=2]]></loc></url>
  <url><loc>http://www.example.com/catalog?item=83&amp;desc=vacation_usa</loc></url>
</urlset>`;

const INDEX = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap>
    <loc>http://www.example.com/sitemap1.xml.gz</loc>
    <lastmod>2004-10-01T18:23:17+00:00</lastmod>
  </sitemap>
  <sitemap>
    <loc>http://www.example.com/sitemap2.xml.gz</loc>
    <lastmod>2005-01-01</lastmod>
  </sitemap>
</sitemapindex>`;

describe('parseSitemap', () => {
  it('reads the sitemaps.org urlset example', () => {
    expect(parseSitemap(URLSET)).toEqual({
      kind: 'urlset',
      urls: [
        'http://www.example.com/',
        'http://www.example.com/catalog?item=12&desc=vacation_hawaii',
        'http://www.example.com/catalog?item=73&desc=vacation_new_zealand',
        'http://www.example.com/cdata?a=1&b=2',
        'http://www.example.com/catalog?item=83&desc=vacation_usa',
      ],
      sitemaps: [],
      invalid: 0,
      truncated: false,
    });
  });

  it('reads the sitemaps.org sitemapindex example', () => {
    expect(parseSitemap(INDEX)).toEqual({
      kind: 'sitemapindex',
      urls: [],
      sitemaps: [
        'http://www.example.com/sitemap1.xml.gz',
        'http://www.example.com/sitemap2.xml.gz',
      ],
      invalid: 0,
      truncated: false,
    });
  });

  it.each<[string, string, string[]]>([
    [
      'entities',
      '<loc>https://e.com/?a=1&amp;b=&lt;2&gt;&quot;&apos;</loc>',
      ['https://e.com/?a=1&b=%3C2%3E%22%27'],
    ],
    ['numeric references', '<loc>https://e.com/&#97;&#x62;&#X63;</loc>', ['https://e.com/abc']],
    [
      'unknown entities kept',
      '<loc>https://e.com/?a&nbsp;b&constructor;</loc>',
      ['https://e.com/?a&nbsp;b&constructor;'],
    ],
    [
      'invalid references kept',
      '<loc>https://e.com/&#0;&#xD800;&#x110000;</loc>',
      ['https://e.com/&#0;&#xD800;&#x110000;'],
    ],
    [
      'double escaping decoded once',
      '<loc>https://e.com/?q=&amp;amp;</loc>',
      ['https://e.com/?q=&amp;'],
    ],
    ['non-ASCII', '<loc>https://bücher.de/straße</loc>', ['https://xn--bcher-kva.de/stra%C3%9Fe']],
    ['attributes on loc', '<loc id="1">https://e.com/a</loc>', ['https://e.com/a']],
    ['uppercase scheme', '<loc>HTTPS://E.COM/A</loc>', ['https://e.com/A']],
    ['whitespace and newlines', '<loc>\n\t https://e.com/a \n</loc>', ['https://e.com/a']],
    [
      'CDATA with entities left alone',
      '<loc><![CDATA[https://e.com/?a=1&amp;b]]></loc>',
      ['https://e.com/?a=1&amp;b'],
    ],
    [
      'duplicates dropped',
      '<loc>https://e.com/a</loc><loc>https://e.com/a</loc>',
      ['https://e.com/a'],
    ],
    [
      'location is not loc',
      '<location>https://e.com/x</location><loc>https://e.com/a</loc>',
      ['https://e.com/a'],
    ],
    ['self-closing loc', '<loc/><loc>https://e.com/a</loc>', ['https://e.com/a']],
    [
      'image:loc skipped',
      '<url><loc>https://e.com/a</loc><image:loc>https://e.com/i.png</image:loc></url>',
      ['https://e.com/a'],
    ],
    [
      'comment with loc skipped',
      '<!-- <loc>https://e.com/x</loc> --><loc>https://e.com/a</loc>',
      ['https://e.com/a'],
    ],
  ])('%s', (_name, inner, urls) => {
    const result = parseSitemap(
      `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${inner}</urlset>`,
    );
    expect(result.urls).toEqual(urls);
  });

  it.each<[string, number]>([
    ['<loc>/relative/path</loc>', 1],
    ['<loc>ftp://e.com/file</loc>', 1],
    ['<loc>javascript:alert(1)</loc>', 1],
    ['<loc></loc>', 1],
    ['<loc>not a url</loc>', 1],
    [`<loc>https://e.com/${'a'.repeat(2100)}</loc>`, 1],
    ['<loc>https://e.com/ok</loc><loc>mailto:x@e.com</loc>', 1],
  ])('counts invalid entries: %s', (inner, invalid) => {
    expect(parseSitemap(`<urlset>${inner}</urlset>`).invalid).toBe(invalid);
  });

  it('honours a namespace prefix on the root', () => {
    const xml =
      '<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:url><sm:loc>https://e.com/a</sm:loc></sm:url><loc>https://e.com/not</loc></sm:urlset>';
    expect(parseSitemap(xml).urls).toEqual(['https://e.com/a']);
  });

  it('reads a text sitemap, one URL a line', () => {
    const result = parseSitemap(
      'https://e.com/a\r\nhttps://e.com/b\n\n  https://e.com/c  \nnot-a-url\n',
    );
    expect(result).toMatchObject({
      kind: 'text',
      urls: ['https://e.com/a', 'https://e.com/b', 'https://e.com/c'],
      invalid: 1,
    });
  });

  it.each([
    ['', 'unknown'],
    ['<html><body>404</body></html>', 'unknown'],
    ['<?xml version="1.0"?><rss><channel></channel></rss>', 'unknown'],
    ['\uFEFF<urlset></urlset>', 'urlset'],
    ['<urlset/>', 'urlset'],
    ['<sitemapindex>\n</sitemapindex>', 'sitemapindex'],
  ])('recognises %j as %s', (xml, kind) => {
    const result = parseSitemap(xml);
    expect(result.kind).toBe(kind);
    expect(result.urls).toEqual([]);
  });

  it('keeps at most 50,000 URLs and says so', () => {
    const locs = Array.from(
      { length: MAX_SITEMAP_URLS + 10 },
      (_, i) => `<url><loc>https://e.com/${i}</loc></url>`,
    );
    const result = parseSitemap(`<urlset>${locs.join('')}</urlset>`);
    expect(result.urls).toHaveLength(MAX_SITEMAP_URLS);
    expect(result.urls.at(-1)).toBe(`https://e.com/${MAX_SITEMAP_URLS - 1}`);
    expect(result.truncated).toBe(true);
  });

  it('keeps exactly 50,000 URLs without calling it truncated', () => {
    const locs = Array.from(
      { length: MAX_SITEMAP_URLS },
      (_, i) => `<loc>https://e.com/${i}</loc>`,
    );
    const result = parseSitemap(`<urlset>${locs.join('')}</urlset>`);
    expect(result.urls).toHaveLength(MAX_SITEMAP_URLS);
    expect(result.truncated).toBe(false);
  });

  it('reads only the first 50 MiB', () => {
    const head = '<urlset><loc>https://e.com/first</loc>';
    const filler = ' '.repeat(MAX_SITEMAP_BYTES);
    const result = parseSitemap(`${head}${filler}<loc>https://e.com/late</loc></urlset>`);
    expect(result.urls).toEqual(['https://e.com/first']);
    expect(result.truncated).toBe(true);
  });

  it('stops cleanly at a loc that never closes', () => {
    expect(parseSitemap('<urlset><loc>https://e.com/a</loc><loc>https://e.com/b').urls).toEqual([
      'https://e.com/a',
    ]);
  });
});
