import { describe, expect, it } from 'vitest';
import { isTrackingParam, normalizeUrl } from './normalize-url.ts';
import { normalizePercentEncoding } from './percent-encoding.ts';

describe('normalizeUrl', () => {
  it.each([
    // scheme and host case, default ports, trailing dot
    ['HTTP://EXAMPLE.COM/', 'http://example.com/'],
    ['https://Example.Com/Path/To/Page', 'https://example.com/Path/To/Page'],
    ['http://example.com', 'http://example.com/'],
    ['http://example.com:80/a', 'http://example.com/a'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['http://example.com:443/a', 'http://example.com:443/a'],
    ['https://example.com:8443/a', 'https://example.com:8443/a'],
    ['http://example.com.:80/', 'http://example.com/'],
    ['https://www.Example.COM./x', 'https://www.example.com/x'],
    ['https://bücher.de/', 'https://xn--bcher-kva.de/'],
    ['https://BÜCHER.de/', 'https://xn--bcher-kva.de/'],
    ['https://xn--bcher-kva.de/', 'https://xn--bcher-kva.de/'],
    ['http://0x7f.1/', 'http://127.0.0.1/'],
    ['http://[0:0::1]/', 'http://[::1]/'],
    // fragments
    ['https://example.com/a#section', 'https://example.com/a'],
    ['https://example.com/a?b=1#section', 'https://example.com/a?b=1'],
    ['https://example.com/#', 'https://example.com/'],
    ['https://example.com/#!/route', 'https://example.com/'],
    // dot segments
    ['https://example.com/a/./b/../c', 'https://example.com/a/c'],
    ['https://example.com/a/b/../../..', 'https://example.com/'],
    ['https://example.com/a/%2e/b', 'https://example.com/a/b'],
    ['https://example.com/a/%2E%2E/b', 'https://example.com/b'],
    ['https://example.com/a/.%2e/b', 'https://example.com/b'],
    ['https://example.com/./', 'https://example.com/'],
    // path case and encoding
    ['https://example.com/CaseSensitive/Path', 'https://example.com/CaseSensitive/Path'],
    ['https://example.com/%7euser', 'https://example.com/~user'],
    ['https://example.com/%7Euser', 'https://example.com/~user'],
    ['https://example.com/%41%42%43', 'https://example.com/ABC'],
    ['https://example.com/a%2db%2ec%5fd', 'https://example.com/a-b.c_d'],
    ['https://example.com/a%2fb', 'https://example.com/a%2Fb'],
    ['https://example.com/a%3ab', 'https://example.com/a%3Ab'],
    ['https://example.com/%e3%83%84', 'https://example.com/%E3%83%84'],
    ['https://example.com/ツ', 'https://example.com/%E3%83%84'],
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['https://example.com/a%20b', 'https://example.com/a%20b'],
    ['https://example.com/100%', 'https://example.com/100%'],
    ['https://example.com/%zz', 'https://example.com/%zz'],
    ['https://example.com/a//b', 'https://example.com/a//b'],
    ['https://example.com/dir/', 'https://example.com/dir/'],
    ['https://example.com/dir', 'https://example.com/dir'],
    // query: sorting, tracking params, empty query
    ['https://example.com/?b=2&a=1', 'https://example.com/?a=1&b=2'],
    ['https://example.com/?b=2&a=1&b=1', 'https://example.com/?a=1&b=2&b=1'],
    ['https://example.com/?a=2&a=1', 'https://example.com/?a=2&a=1'],
    ['https://example.com/?', 'https://example.com/'],
    ['https://example.com/?&&', 'https://example.com/'],
    ['https://example.com/?a=1&&b=2&', 'https://example.com/?a=1&b=2'],
    ['https://example.com/?utm_source=x', 'https://example.com/'],
    ['https://example.com/?UTM_Source=x&id=5', 'https://example.com/?id=5'],
    [
      'https://example.com/?utm_medium=a&utm_campaign=b&utm_term=c&utm_content=d',
      'https://example.com/',
    ],
    ['https://example.com/?utm_id=1&utm_source_platform=x', 'https://example.com/'],
    ['https://example.com/?id=1&gclid=abc', 'https://example.com/?id=1'],
    ['https://example.com/?fbclid=IwAR0', 'https://example.com/'],
    ['https://example.com/?msclkid=1&yclid=2&dclid=3', 'https://example.com/'],
    ['https://example.com/?mc_cid=1&mc_eid=2&x=y', 'https://example.com/?x=y'],
    ['https://example.com/?_hsenc=1&_hsmi=2', 'https://example.com/'],
    ['https://example.com/?ref_src=twsrc%5Etfw', 'https://example.com/'],
    ['https://example.com/?igshid=1&srsltid=2&twclid=3', 'https://example.com/'],
    ['https://github.com/o/r/blob/x?ref=main', 'https://github.com/o/r/blob/x?ref=main'],
    ['https://example.com/?utm=1', 'https://example.com/?utm=1'],
    ['https://example.com/?%75tm_source=x', 'https://example.com/'],
    ['https://example.com/?q=a+b', 'https://example.com/?q=a+b'],
    ['https://example.com/?q=a%20b', 'https://example.com/?q=a%20b'],
    ['https://example.com/?q=%7e%2f', 'https://example.com/?q=~%2F'],
    ['https://example.com/?q=a b', 'https://example.com/?q=a%20b'],
    ['https://example.com/?flag&a=1', 'https://example.com/?a=1&flag'],
    ['https://example.com/?a=&b', 'https://example.com/?a=&b'],
    ['https://example.com/?=x', 'https://example.com/?=x'],
    ['https://example.com/?B=1&a=1', 'https://example.com/?B=1&a=1'],
    ['https://example.com/?a=1=2', 'https://example.com/?a=1=2'],
    ['https://example.com/?q=ツ', 'https://example.com/?q=%E3%83%84'],
    // relative references need a base; user info is kept for the egress check to refuse
    ['https://user:pw@example.com/', 'https://user:pw@example.com/'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUrl(input)).toEqual({ ok: true, url: expected });
    // idempotent
    expect(normalizeUrl(expected)).toEqual({ ok: true, url: expected });
  });

  it.each([
    ['/c/d?utm_source=x#f', 'https://example.com/a/b', 'https://example.com/c/d'],
    ['../c', 'https://example.com/a/b', 'https://example.com/c'],
    ['c', 'https://example.com/a/b', 'https://example.com/a/c'],
    ['?q=1', 'https://example.com/a/b?z=9', 'https://example.com/a/b?q=1'],
    ['#frag', 'https://example.com/a/b', 'https://example.com/a/b'],
    ['//other.org/x', 'https://example.com/', 'https://other.org/x'],
    ['https://abs.org/', 'https://example.com/', 'https://abs.org/'],
  ])('%s relative to %s → %s', (input, base, expected) => {
    expect(normalizeUrl(input, base)).toEqual({ ok: true, url: expected });
    expect(normalizeUrl(input, new URL(base))).toEqual({ ok: true, url: expected });
  });

  it.each([
    ['', 'URL_INVALID'],
    ['example.com', 'URL_INVALID'],
    ['/relative', 'URL_INVALID'],
    ['http://', 'URL_INVALID'],
    ['http://exa mple.com/', 'URL_INVALID'],
    ['http://example.com:99999/', 'URL_INVALID'],
    ['mailto:a@example.com', 'SCHEME_FORBIDDEN'],
    ['javascript:alert(1)', 'SCHEME_FORBIDDEN'],
    ['data:text/html,hi', 'SCHEME_FORBIDDEN'],
    ['file:///etc/passwd', 'SCHEME_FORBIDDEN'],
    ['ftp://example.com/x', 'SCHEME_FORBIDDEN'],
    ['tel:+15555555', 'SCHEME_FORBIDDEN'],
    [`https://example.com/${'a'.repeat(2100)}`, 'URL_TOO_LONG'],
    [`https://example.com/${'a'.repeat(20_000)}`, 'URL_TOO_LONG'],
  ])('%s → %s', (input, code) => {
    const result = normalizeUrl(input);
    expect(result.ok ? 'ok' : result.code).toBe(code);
  });

  it('refuses a relative reference against an invalid base', () => {
    expect(normalizeUrl('/a', 'not a base')).toMatchObject({ ok: false, code: 'URL_INVALID' });
  });

  it('accepts a long URL that tracking parameters made short', () => {
    const input = `https://example.com/?utm_content=${'x'.repeat(3000)}&id=1`;
    expect(normalizeUrl(input)).toEqual({ ok: true, url: 'https://example.com/?id=1' });
  });
});

describe('isTrackingParam', () => {
  it.each([
    ['utm_source', true],
    ['UTM_MEDIUM', true],
    ['utm_anything', true],
    ['gclid', true],
    ['FBCLID', true],
    ['_hsenc', true],
    ['ref_src', true],
    ['ref', false],
    ['id', false],
    ['q', false],
    ['utm', false],
    ['page', false],
  ])('%s → %s', (name, expected) => {
    expect(isTrackingParam(name)).toBe(expected);
  });
});

describe('normalizePercentEncoding', () => {
  it.each([
    ['/a%2db%3a%7e', {}, '/a-b%3A~'],
    ['%41%5A%61%7A%30%39', {}, 'AZaz09'],
    ['%2F%2f', {}, '%2F%2F'],
    ['%', {}, '%'],
    ['%4', {}, '%4'],
    ['%g1', {}, '%g1'],
    ['%%41', {}, '%A'],
    ['/café', { encodeUnsafe: true }, '/caf%C3%A9'],
    ['/café', {}, '/café'],
    ['/a b|c', { encodeUnsafe: true }, '/a%20b%7Cc'],
    ['/😀', { encodeUnsafe: true }, '/%F0%9F%98%80'],
    ['/\uD800a', { encodeUnsafe: true }, '/%EF%BF%BDa'],
    ['/*$?&=', { encodeUnsafe: true }, '/*$?&='],
  ])('%j %j → %j', (input, options, expected) => {
    expect(normalizePercentEncoding(input, options)).toBe(expected);
  });
});
