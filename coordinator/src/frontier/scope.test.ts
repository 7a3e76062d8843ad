import type { CampaignScope } from '@plaza/protocol';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { compileScope } from './scope.ts';
import { compileUrlGlob } from './url-glob.ts';

describe('compileUrlGlob', () => {
  it.each<[string, string, boolean]>([
    ['https://example.com/', 'https://example.com/', true],
    ['https://example.com/', 'https://example.com/a', false],
    ['https://example.com/*', 'https://example.com/a', true],
    ['https://example.com/*', 'https://example.com/', true],
    ['https://example.com/*', 'https://example.com/a/b', false],
    ['https://example.com/**', 'https://example.com/a/b/c', true],
    ['https://example.com/**', 'https://example.com/', true],
    ['https://example.com/a/*/c', 'https://example.com/a/b/c', true],
    ['https://example.com/a/*/c', 'https://example.com/a//c', true],
    ['https://example.com/a/*/c', 'https://example.com/a/b/x/c', false],
    ['https://example.com/a/**/c', 'https://example.com/a/b/x/c', true],
    ['https://example.com/a/**/c', 'https://example.com/a/c', true],
    ['https://example.com/a/**/c', 'https://example.com/a/bc', false],
    ['https://example.com/a/**c', 'https://example.com/a/bc', true],
    ['https://example.com/a/**c', 'https://example.com/a/x/yc', true],
    ['https://example.com/*.html', 'https://example.com/page.html', true],
    ['https://example.com/*.html', 'https://example.com/dir/page.html', false],
    ['https://example.com/**.html', 'https://example.com/dir/page.html', true],
    ['https://example.com/**.html', 'https://example.com/page.htm', false],
    ['https://*.example.com/**', 'https://a.example.com/x', true],
    ['https://*.example.com/**', 'https://example.com/x', false],
    ['https://*.example.com/**', 'https://evil.com/.example.com/x', false],
    ['*://example.com/**', 'http://example.com/x', true],
    ['https://example.com/search?q=*', 'https://example.com/search?q=cats', true],
    ['https://example.com/search?q=*', 'https://example.com/searchXq=cats', false],
    ['https://example.com/p?', 'https://example.com/p?', true],
    ['https://example.com/p?', 'https://example.com/px', false],
    ['https://example.com/a.b', 'https://example.com/aXb', false],
    ['https://example.com/(x)+[y]', 'https://example.com/(x)+[y]', true],
    ['https://example.com/%7euser/*', 'https://example.com/~user/x', true],
    ['https://example.com/café/*', 'https://example.com/caf%C3%A9/x', true],
    ['/blog/**', '/blog/2024/post', true],
    ['/blog/**', '/blog', false],
    ['/blog**', '/blog', true],
    ['**', '', true],
    ['*', 'a/b', false],
    ['', '', true],
    ['', 'a', false],
    ['a*b*c*d', 'aXbYcZd', true],
    ['a*b*c*d', 'aXbYcZ', false],
  ])('%s ~ %s → %s', (pattern, text, expected) => {
    expect(compileUrlGlob(pattern)(text)).toBe(expected);
  });

  it('stays fast on patterns that make regular expressions backtrack', () => {
    const matches = compileUrlGlob(`/${'**a'.repeat(30)}b`);
    const text = `/${'a'.repeat(2000)}`;
    const started = performance.now();
    expect(matches(text)).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('compileScope', () => {
  const scope: CampaignScope = {
    hosts: ['example.com', '*.news.example.org', 'Bücher.DE.'],
    include: ['/blog/**', '/news/*', 'https://example.com/about'],
    exclude: ['/blog/drafts/**', '**?print=1', '/news/*.pdf'],
  };
  const isInScope = compileScope(scope);
  it.each<[string, boolean]>([
    ['https://example.com/blog/2024/post', true],
    ['http://example.com/blog/x', true],
    ['https://EXAMPLE.com./blog/x', true],
    ['https://example.com/blog/', true],
    ['https://example.com/blog', false],
    ['https://example.com/blog/drafts/secret', false],
    ['https://example.com/blog/x?print=1', false],
    ['https://example.com/blog/x?print=1#frag', false],
    ['https://example.com/blog/x#frag', true],
    ['https://example.com/news/today', true],
    ['https://example.com/news/today/more', false],
    ['https://example.com/news/report.pdf', false],
    ['https://example.com/about', true],
    ['https://example.com/about/', false],
    ['http://example.com/about', false],
    ['https://example.com/shop', false],
    ['https://www.example.com/blog/x', false],
    ['https://a.news.example.org/blog/x', true],
    ['https://a.b.news.example.org/news/x', true],
    ['https://news.example.org/blog/x', false],
    ['https://evilnews.example.org/blog/x', false],
    ['https://news.example.org.evil.com/blog/x', false],
    ['https://xn--bcher-kva.de/blog/x', true],
    ['https://bücher.de/blog/x', true],
    ['https://example.com:8443/blog/x', true],
    ['ftp://example.com/blog/x', false],
  ])('%s → %s', (url, expected) => {
    expect(isInScope(new URL(url))).toBe(expected);
  });

  it('takes every path of a host when there are no globs', () => {
    const all = compileScope({ hosts: ['example.com'] });
    expect(all(new URL('https://example.com/any/thing?x=1'))).toBe(true);
    expect(all(new URL('https://other.com/'))).toBe(false);
  });

  it('applies exclude without include', () => {
    const some = compileScope({ hosts: ['example.com'], exclude: ['/private/**'] });
    expect(some(new URL('https://example.com/public'))).toBe(true);
    expect(some(new URL('https://example.com/private/x'))).toBe(false);
  });

  it.each<CampaignScope>([
    { hosts: ['exa mple.com'] },
    { hosts: ['*.'] },
    { hosts: ['*'] },
    { hosts: ['a.*.com'] },
    { hosts: ['example.com/path'] },
    { hosts: ['example.com:8080'] },
    { hosts: ['example.com'], include: ['blog/**'] },
    { hosts: ['example.com'], exclude: ['://x'] },
  ])('refuses malformed scope %j', (bad) => {
    expect(() => compileScope(bad)).toThrow(ValidationError);
  });
});
