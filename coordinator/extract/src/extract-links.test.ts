import { describe, expect, it } from 'vitest';
import { baseUrlOf, extractLinks, MAX_LINKS, resolveHttpUrl } from './extract-links.ts';
import { scanPage } from './scan-page.ts';
import { page, parseHtml } from './testing/parse-html.ts';

describe('extractLinks', () => {
  it('resolves against the page URL, drops fragments, non-http schemes and duplicates', async () => {
    const doc = await parseHtml(
      page(`
        <a href="/a">a</a><a href="b?x=1#top">b</a><a href="https://other.example/c">c</a>
        <a href="/a#again">dup</a><a href="#only-fragment">f</a><a href="mailto:x@example.com">m</a>
        <a href="javascript:void(0)">j</a><a href="http://[bad">bad</a><a>no href</a>`),
    );
    expect(extractLinks(scanPage(doc), 'https://example.org/dir/page.html')).toEqual([
      'https://example.org/a',
      'https://example.org/dir/b?x=1',
      'https://other.example/c',
    ]);
  });

  it('resolves against <base href>, itself relative to the page', async () => {
    const doc = await parseHtml(
      page('<a href="x">x</a>', '<base href="/static/"><title>t</title>'),
    );
    expect(baseUrlOf(scanPage(doc), 'https://example.org/a/b')).toBe('https://example.org/static/');
    expect(extractLinks(scanPage(doc), 'https://example.org/a/b')).toEqual([
      'https://example.org/static/x',
    ]);
  });

  it(`stops at ${MAX_LINKS} links`, async () => {
    const anchors = Array.from({ length: MAX_LINKS + 5 }, (_, i) => `<a href="/p${i}">${i}</a>`);
    const links = extractLinks(
      scanPage(await parseHtml(page(anchors.join('')))),
      'https://example.org/',
    );
    expect(links).toHaveLength(MAX_LINKS);
    expect(links.at(-1)).toBe(`https://example.org/p${MAX_LINKS - 1}`);
  });
});

describe('resolveHttpUrl', () => {
  it('returns undefined for anything that is not http(s)', () => {
    expect(resolveHttpUrl('ftp://example.org/x', 'https://example.org/')).toBeUndefined();
    expect(resolveHttpUrl('//cdn.example.org/x#y', 'https://example.org/')).toBe(
      'https://cdn.example.org/x',
    );
  });
});
