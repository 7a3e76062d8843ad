import { describe, expect, it } from 'vitest';
import { checkEgressUrl } from './check-egress-url.ts';
import { MAX_URL_LENGTH } from './egress-limits.ts';
import { EgressRefusal } from './egress-refusal.ts';

type Row = readonly [url: string, code: EgressRefusal];

function expectRefused([url, code]: Row): void {
  const result = checkEgressUrl(url);
  expect(result.ok ? 'ok' : result.code, url).toBe(code);
  if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
}

describe('checkEgressUrl accepts public web URLs', () => {
  it.each([
    ['https://example.com/', 'https://example.com/'],
    ['http://example.com', 'http://example.com/'],
    ['https://news.example.com/a/b?c=d#e', 'https://news.example.com/a/b?c=d#e'],
    ['https://www.example.org/', 'https://www.example.org/'],
    ['https://en.wikipedia.org/wiki/Robots.txt', 'https://en.wikipedia.org/wiki/Robots.txt'],
    ['HTTPS://EXAMPLE.COM/Path', 'https://example.com/Path'],
    ['https://Example.Com./', 'https://example.com./'],
    ['http://example.com:80/', 'http://example.com/'],
    ['https://example.com:443/', 'https://example.com/'],
    ['http://example.com:443/', 'http://example.com:443/'],
    ['https://example.com:80/', 'https://example.com:80/'],
    ['http://example.com:0080/', 'http://example.com/'],
    ['https://bücher.de/', 'https://xn--bcher-kva.de/'],
    ['https://xn--bcher-kva.de/', 'https://xn--bcher-kva.de/'],
    ['https://пример.рф/', 'https://xn--e1afmkfd.xn--p1ai/'],
    ['https://例子.中国/', 'https://xn--fsqu00a.xn--fiqs8s/'],
    ['https://ﬀ.com/', 'https://ff.com/'],
    ['https://example。com/', 'https://example.com/'],
    ['https://www.bbc.co.uk/news', 'https://www.bbc.co.uk/news'],
    ['https://user.github.io/', 'https://user.github.io/'],
    ['https://bucket.s3.amazonaws.com/', 'https://bucket.s3.amazonaws.com/'],
    ['https://a.b.c.d.e.example.net/', 'https://a.b.c.d.e.example.net/'],
    ['https://exa_mple.com/', 'https://exa_mple.com/'],
    ['https://0x.com/', 'https://0x.com/'],
    ['https://1e1.com/', 'https://1e1.com/'],
    ['https://09.com/', 'https://09.com/'],
    ['https://123.example.com/', 'https://123.example.com/'],
    ['https://1.2.3.example.com/', 'https://1.2.3.example.com/'],
    ['https://8.8.8.8.example.com/', 'https://8.8.8.8.example.com/'],
    ['http://example.com/?q=@evil.com', 'http://example.com/?q=@evil.com'],
    ['http://example.com#@127.0.0.1', 'http://example.com/#@127.0.0.1'],
    ['http://@example.com/', 'http://example.com/'],
    ['http:\\\\example.com\\x', 'http://example.com/x'],
    ['  https://example.com/  ', 'https://example.com/'],
    ['https://example.com/\t', 'https://example.com/'],
    ['https://www.google.co.jp/', 'https://www.google.co.jp/'],
    ['https://www.latest.com/', 'https://www.latest.com/'],
    ['https://mylocal.com/', 'https://mylocal.com/'],
    ['https://foo.ck.www.ck/', 'https://foo.ck.www.ck/'],
    ['https://onion.com/', 'https://onion.com/'],
    ['https://arpa.net/', 'https://arpa.net/'],
  ])('%s', (input, href) => {
    const result = checkEgressUrl(input);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.url.href).toBe(href);
  });
});

describe('URL_TOO_LONG and URL_INVALID', () => {
  const long = `https://example.com/${'a'.repeat(MAX_URL_LENGTH)}`;
  it.each<Row>([
    [long, 'URL_TOO_LONG'],
    [`https://example.com/${'é'.repeat(700)}`, 'URL_TOO_LONG'], // 1,400 chars, 4,200 encoded
    ['', 'URL_INVALID'],
    ['example.com', 'URL_INVALID'],
    ['//example.com/', 'URL_INVALID'],
    ['/relative/path', 'URL_INVALID'],
    ['http://', 'URL_INVALID'],
    ['https://', 'URL_INVALID'],
    ['http://ex ample.com/', 'URL_INVALID'],
    ['http://example.com:65536/', 'URL_INVALID'],
    ['http://example.com:-1/', 'URL_INVALID'],
    ['http://foo.123/', 'URL_INVALID'],
    ['http://foo.0x1/', 'URL_INVALID'],
    ['http://1.2.3.4.5/', 'URL_INVALID'],
    ['http://999.1.1.1/', 'URL_INVALID'],
    ['http://4294967296/', 'URL_INVALID'],
    ['http://1.09/', 'URL_INVALID'],
    ['http://xn--a.com/', 'URL_INVALID'],
    ['http://example.com%00.evil.com/', 'URL_INVALID'],
    ['http://%zz.com/', 'URL_INVALID'],
    ['http://[fe80::1%25eth0]/', 'URL_INVALID'],
    ['http://[::1/', 'URL_INVALID'],
    ['http://[1.2.3.4]/', 'URL_INVALID'],
    ['http://exa<mple.com/', 'URL_INVALID'],
  ])('%s → %s', (url, code) => expectRefused([url, code]));

  it('accepts a URL of exactly the maximum length', () => {
    const base = 'https://example.com/';
    const url = base + 'a'.repeat(MAX_URL_LENGTH - base.length);
    expect(url).toHaveLength(MAX_URL_LENGTH);
    expect(checkEgressUrl(url).ok).toBe(true);
  });
});

describe('SCHEME_FORBIDDEN', () => {
  it.each<Row>([
    ['file:///etc/passwd', 'SCHEME_FORBIDDEN'],
    ['file://server/share', 'SCHEME_FORBIDDEN'],
    ['FILE:///C:/Windows/win.ini', 'SCHEME_FORBIDDEN'],
    ['data:text/html,<script>alert(1)</script>', 'SCHEME_FORBIDDEN'],
    ['data:,hello', 'SCHEME_FORBIDDEN'],
    ['javascript:alert(1)', 'SCHEME_FORBIDDEN'],
    ['JavaScript:alert(document.cookie)', 'SCHEME_FORBIDDEN'],
    [' javascript:void(0)', 'SCHEME_FORBIDDEN'],
    ['ftp://example.com/file', 'SCHEME_FORBIDDEN'],
    ['ftps://example.com/file', 'SCHEME_FORBIDDEN'],
    ['ws://example.com/socket', 'SCHEME_FORBIDDEN'],
    ['wss://example.com/socket', 'SCHEME_FORBIDDEN'],
    ['blob:https://example.com/uuid', 'SCHEME_FORBIDDEN'],
    ['chrome://settings', 'SCHEME_FORBIDDEN'],
    ['chrome-extension://abcdef/popup.html', 'SCHEME_FORBIDDEN'],
    ['moz-extension://abcdef/popup.html', 'SCHEME_FORBIDDEN'],
    ['about:blank', 'SCHEME_FORBIDDEN'],
    ['view-source:https://example.com/', 'SCHEME_FORBIDDEN'],
    ['mailto:someone@example.com', 'SCHEME_FORBIDDEN'],
    ['gopher://example.com/', 'SCHEME_FORBIDDEN'],
    ['dict://example.com:11211/stat', 'SCHEME_FORBIDDEN'],
    ['ldap://example.com/', 'SCHEME_FORBIDDEN'],
    ['smb://example.com/share', 'SCHEME_FORBIDDEN'],
    ['httpx://example.com/', 'SCHEME_FORBIDDEN'],
    ['https+unix://example.com/', 'SCHEME_FORBIDDEN'],
    ['filesystem:https://example.com/temporary/x', 'SCHEME_FORBIDDEN'],
  ])('%s → %s', (url, code) => expectRefused([url, code]));
});

describe('CREDENTIALS_IN_URL', () => {
  it.each<Row>([
    ['http://user@example.com/', 'CREDENTIALS_IN_URL'],
    ['http://user:pass@example.com/', 'CREDENTIALS_IN_URL'],
    ['https://:pass@example.com/', 'CREDENTIALS_IN_URL'],
    ['https://user:@example.com/', 'CREDENTIALS_IN_URL'],
    ['https://example.com@evil.com/', 'CREDENTIALS_IN_URL'],
    ['https://a%40b@example.com/', 'CREDENTIALS_IN_URL'],
    ['https://user@127.0.0.1/', 'CREDENTIALS_IN_URL'],
    ['http://admin:admin@192.168.0.1/', 'CREDENTIALS_IN_URL'],
    ['https://token@github.com/org/repo', 'CREDENTIALS_IN_URL'],
    ['https://u:p@news.example.com:443/', 'CREDENTIALS_IN_URL'],
  ])('%s → %s', (url, code) => expectRefused([url, code]));
});

describe('PORT_FORBIDDEN', () => {
  it.each<Row>([
    ['http://example.com:8080/', 'PORT_FORBIDDEN'],
    ['https://example.com:8443/', 'PORT_FORBIDDEN'],
    ['http://example.com:0/', 'PORT_FORBIDDEN'],
    ['http://example.com:1/', 'PORT_FORBIDDEN'],
    ['http://example.com:22/', 'PORT_FORBIDDEN'],
    ['http://example.com:25/', 'PORT_FORBIDDEN'],
    ['http://example.com:81/', 'PORT_FORBIDDEN'],
    ['http://example.com:444/', 'PORT_FORBIDDEN'],
    ['http://example.com:3000/', 'PORT_FORBIDDEN'],
    ['http://example.com:5432/', 'PORT_FORBIDDEN'],
    ['http://example.com:6379/', 'PORT_FORBIDDEN'],
    ['http://example.com:9200/', 'PORT_FORBIDDEN'],
    ['http://example.com:11211/', 'PORT_FORBIDDEN'],
    ['http://example.com:65535/', 'PORT_FORBIDDEN'],
    ['https://example.com:08443/', 'PORT_FORBIDDEN'],
    ['http://example.com:8080@evil.com/', 'CREDENTIALS_IN_URL'],
    ['https://news.example.com:4430/', 'PORT_FORBIDDEN'],
  ])('%s → %s', (url, code) => expectRefused([url, code]));
});

describe('IP_LITERAL in every notation', () => {
  it.each<Row>([
    ['http://127.0.0.1/', 'IP_LITERAL'],
    ['http://127.0.0.1./', 'IP_LITERAL'],
    ['http://127.1/', 'IP_LITERAL'],
    ['http://127.0.1/', 'IP_LITERAL'],
    ['http://2130706433/', 'IP_LITERAL'],
    ['http://0x7f.1/', 'IP_LITERAL'],
    ['http://0x7f000001/', 'IP_LITERAL'],
    ['http://0x7F.0x0.0x0.0x1/', 'IP_LITERAL'],
    ['http://017700000001/', 'IP_LITERAL'],
    ['http://0177.0.0.01/', 'IP_LITERAL'],
    ['http://127.000.000.001/', 'IP_LITERAL'],
    ['http://%31%32%37.0.0.1/', 'IP_LITERAL'],
    ['http://１２７.０.０.１/', 'IP_LITERAL'],
    ['http://0/', 'IP_LITERAL'],
    ['http://00000/', 'IP_LITERAL'],
    ['http://0.0.0.0/', 'IP_LITERAL'],
    ['http://0xffffffff/', 'IP_LITERAL'],
    ['http://10.0.0.1/', 'IP_LITERAL'],
    ['http://192.168.1.1/', 'IP_LITERAL'],
    ['http://3232235777/', 'IP_LITERAL'],
    ['http://169.254.169.254/latest/meta-data/', 'IP_LITERAL'],
    ['http://100.64.0.1/', 'IP_LITERAL'],
    ['https://8.8.8.8/', 'IP_LITERAL'],
    ['https://1.1.1.1/dns-query', 'IP_LITERAL'],
    ['https://93.184.215.14:443/', 'IP_LITERAL'],
    ['http://[::1]/', 'IP_LITERAL'],
    ['http://[::1]:80/', 'IP_LITERAL'],
    ['http://[::]/', 'IP_LITERAL'],
    ['http://[::ffff:127.0.0.1]/', 'IP_LITERAL'],
    ['http://[::ffff:7f00:1]/', 'IP_LITERAL'],
    ['http://[0:0:0:0:0:ffff:127.0.0.1]/', 'IP_LITERAL'],
    ['http://[::ffff:a9fe:a9fe]/', 'IP_LITERAL'],
    ['http://[fe80::1]/', 'IP_LITERAL'],
    ['http://[fd00::1]/', 'IP_LITERAL'],
    ['http://[64:ff9b::7f00:1]/', 'IP_LITERAL'],
    ['http://[2002:7f00:1::]/', 'IP_LITERAL'],
    ['https://[2606:4700:4700::1111]/', 'IP_LITERAL'],
    ['https://[2001:db8::1]:443/', 'IP_LITERAL'],
  ])('%s → %s', (url, code) => expectRefused([url, code]));
});

describe('LOCALHOST', () => {
  it.each<Row>([
    ['http://localhost/', 'LOCALHOST'],
    ['http://localhost:80/', 'LOCALHOST'],
    ['https://LOCALHOST/', 'LOCALHOST'],
    ['http://localhost./', 'LOCALHOST'],
    ['http://localhost%2e/', 'LOCALHOST'],
    ['http://LocalHost/', 'LOCALHOST'],
    ['http://app.localhost/', 'LOCALHOST'],
    ['http://a.b.c.localhost/', 'LOCALHOST'],
    ['http://api.localhost./', 'LOCALHOST'],
    ['http://localhost.localdomain/', 'LOCALHOST'],
    ['http://x.localhost.localdomain/', 'LOCALHOST'],
    ['http://loc%61lhost/', 'LOCALHOST'],
    ['http://ｌｏｃａｌｈｏｓｔ/', 'LOCALHOST'],
  ])('%s → %s', (url, code) => expectRefused([url, code]));

  it.each([
    'https://localhost.com/',
    'https://mylocalhost.com/',
    'https://localhost-news.example.com/',
    'https://localhost.example.com/',
  ])('%s passes (only whole labels count)', (url) => {
    expect(checkEgressUrl(url).ok).toBe(true);
  });
});

describe('HOST_INVALID', () => {
  it.each<Row>([
    ['http://a..b.com/', 'HOST_INVALID'],
    ['http://example.com../', 'HOST_INVALID'],
    ['http://a$b.com/', 'HOST_INVALID'],
    ['http://a*b.com/', 'HOST_INVALID'],
    ['http://a!b.com/', 'HOST_INVALID'],
    ["http://a'b.com/", 'HOST_INVALID'],
    ['http://a(b).com/', 'HOST_INVALID'],
    ['http://a+b.com/', 'HOST_INVALID'],
    ['http://a,b.com/', 'HOST_INVALID'],
    ['http://a;b.com/', 'HOST_INVALID'],
    ['http://a=b.com/', 'HOST_INVALID'],
    ['http://a&b.com/', 'HOST_INVALID'],
    ['http://a~b.com/', 'HOST_INVALID'],
    [`http://${'a'.repeat(64)}.com/`, 'HOST_INVALID'],
    [`http://${Array.from({ length: 50 }, () => 'abcd').join('.')}.example.com/`, 'HOST_INVALID'],
  ])('%s → %s', (url, code) => expectRefused([url, code]));

  it('accepts a 63-octet label', () => {
    expect(checkEgressUrl(`https://${'a'.repeat(63)}.com/`).ok).toBe(true);
  });
});

describe('SINGLE_LABEL_HOST', () => {
  it.each<Row>([
    ['http://intranet/', 'SINGLE_LABEL_HOST'],
    ['http://router/', 'SINGLE_LABEL_HOST'],
    ['http://router./', 'SINGLE_LABEL_HOST'],
    ['http://NAS/', 'SINGLE_LABEL_HOST'],
    ['http://printer:80/', 'SINGLE_LABEL_HOST'],
    ['http://wpad/wpad.dat', 'SINGLE_LABEL_HOST'],
    ['http://metadata/computeMetadata/v1/', 'SINGLE_LABEL_HOST'],
    ['http://com/', 'SINGLE_LABEL_HOST'],
    ['http://com./', 'SINGLE_LABEL_HOST'],
    ['http://ai/', 'SINGLE_LABEL_HOST'],
    ['http://xn--p1ai/', 'SINGLE_LABEL_HOST'],
    ['http://ip6-localhost/', 'SINGLE_LABEL_HOST'],
    ['http://host.docker.internal/', 'SPECIAL_USE_DOMAIN'],
    ['http://kubernetes/', 'SINGLE_LABEL_HOST'],
    ['http://a/', 'SINGLE_LABEL_HOST'],
    ['http://0x/', 'IP_LITERAL'], // the URL parser reads "0x" as the number 0
    ['http://1e1/', 'SINGLE_LABEL_HOST'],
  ])('%s → %s', (url, code) => expectRefused([url, code]));
});

describe('EMBEDDED_PRIVATE_ADDRESS (wildcard DNS)', () => {
  it.each<Row>([
    ['http://127.0.0.1.nip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://10.0.0.1.nip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://app.192.168.1.10.nip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://169.254.169.254.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://10-0-0-1.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://ip-192-168-1-1.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://app-127-0-0-1.nip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://0.0.0.0.nip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://100-64-1-1.example.com/', 'EMBEDDED_PRIVATE_ADDRESS'],
    // Hex, as nip.io reads it: a label or a dash-separated part of eight hex digits.
    ['http://7f000001.nip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://magic-c0a80101.nip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://a9fea9fe.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://app.0A000001.nip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    // IPv6 with dashes for colons, as sslip.io reads it.
    ['http://--1.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://fe80--1.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://fd00-1-2-3--4.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://www-fc00--1.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://www---1.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://fe80-0-0-0-0-0-0-0-1.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://--ffff-7f00-1.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://0-0-0-0-0-0-0-1.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://64-ff9b--a00-1.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
    ['http://x.--.sslip.io/', 'EMBEDDED_PRIVATE_ADDRESS'],
  ])('%s → %s', (url, code) => expectRefused([url, code]));

  it.each([
    'https://8.8.8.8.nip.io/',
    'https://8-8-8-8.sslip.io/',
    'https://1.2.3.example.com/',
    'https://2024-01-02-10.example.com/',
    'https://v1-2-3-4567.example.com/',
    'https://08080808.nip.io/',
    'https://2a01-4f8-c17-b8f--2.sslip.io/',
    'https://xn--bcher-kva.de/',
    'https://deadbeef.example.com/',
    'https://my-site--staging.example.com/',
  ])('%s passes (public or not an address)', (url) => {
    expect(checkEgressUrl(url).ok).toBe(true);
  });
});

describe('SPECIAL_USE_DOMAIN', () => {
  it.each<Row>([
    ['https://foo.local/', 'SPECIAL_USE_DOMAIN'],
    ['http://printer.local./', 'SPECIAL_USE_DOMAIN'],
    ['http://My-NAS.Local/', 'SPECIAL_USE_DOMAIN'],
    ['https://a.b.internal/', 'SPECIAL_USE_DOMAIN'],
    ['http://metadata.google.internal/', 'SPECIAL_USE_DOMAIN'],
    ['http://router.home.arpa/', 'SPECIAL_USE_DOMAIN'],
    ['http://home.arpa/', 'SPECIAL_USE_DOMAIN'],
    ['http://1.0.0.127.in-addr.arpa/', 'SPECIAL_USE_DOMAIN'],
    ['http://ipv4only.arpa/', 'SPECIAL_USE_DOMAIN'],
    ['http://x.ip6.arpa/', 'SPECIAL_USE_DOMAIN'],
    ['https://site.test/', 'SPECIAL_USE_DOMAIN'],
    ['https://a.b.test/', 'SPECIAL_USE_DOMAIN'],
    ['https://foo.invalid/', 'SPECIAL_USE_DOMAIN'],
    ['https://foo.example/', 'SPECIAL_USE_DOMAIN'],
    ['https://www.foo.example/', 'SPECIAL_USE_DOMAIN'],
    [
      'http://duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion/',
      'SPECIAL_USE_DOMAIN',
    ],
    ['https://foo.alt/', 'SPECIAL_USE_DOMAIN'],
    ['http://fritz.box/', 'SPECIAL_USE_DOMAIN'],
    ['http://www.routerlogin.net/', 'SPECIAL_USE_DOMAIN'],
    ['http://tplinkwifi.net/', 'SPECIAL_USE_DOMAIN'],
    ['http://router.asus.com/', 'SPECIAL_USE_DOMAIN'],
  ])('%s → %s', (url, code) => expectRefused([url, code]));

  it.each([
    'https://example.com/',
    'https://news.example.com/',
    'https://example.org/',
    'https://example.net/',
    'https://test.com/',
    'https://local.com/',
    'https://internal.example.com/',
  ])('%s passes', (url) => {
    expect(checkEgressUrl(url).ok).toBe(true);
  });
});

describe('NO_PUBLIC_SUFFIX', () => {
  it.each<Row>([
    ['http://nas.lan/', 'NO_PUBLIC_SUFFIX'],
    ['http://a.b.lan/', 'NO_PUBLIC_SUFFIX'],
    ['http://dc01.corp/', 'NO_PUBLIC_SUFFIX'],
    ['http://wiki.example.corp/', 'NO_PUBLIC_SUFFIX'],
    ['http://router.home/', 'NO_PUBLIC_SUFFIX'],
    ['http://mail.intranet/', 'NO_PUBLIC_SUFFIX'],
    ['http://files.private/', 'NO_PUBLIC_SUFFIX'],
    ['http://nas.localdomain/', 'NO_PUBLIC_SUFFIX'],
    ['http://server.domain/', 'NO_PUBLIC_SUFFIX'],
    ['http://x.zz/', 'NO_PUBLIC_SUFFIX'],
    ['http://x.unknowntld/', 'NO_PUBLIC_SUFFIX'],
    ['http://x.dev.lan./', 'NO_PUBLIC_SUFFIX'],
    ['http://co.uk/', 'NO_PUBLIC_SUFFIX'],
    ['http://com.au/', 'NO_PUBLIC_SUFFIX'],
    ['http://github.io.com.br/', 'ok' as EgressRefusal],
  ])('%s → %s', (url, code) => {
    if ((code as string) === 'ok') expect(checkEgressUrl(url).ok).toBe(true);
    else expectRefused([url, code]);
  });

  it('ignores the private section of the Public Suffix List (github.io is not a suffix)', () => {
    expect(checkEgressUrl('https://github.io/').ok).toBe(true);
  });
});

describe('DENY_LISTED', () => {
  const denyList = [
    'tracker.com',
    '*.ads.example.net',
    '.Shop.Example.ORG.',
    'https://bücher.de/path',
    'blog.example.co.uk:8443',
    '',
    '   ',
    '*',
  ];
  it.each([
    ['https://tracker.com/', true],
    ['https://TRACKER.com./', true],
    ['https://a.tracker.com/', true],
    ['https://a.b.c.tracker.com/x', true],
    ['https://nottracker.com/', false],
    ['https://tracker.com.evil.com/', false],
    ['https://tracker.co/', false],
    ['https://ads.example.net/', true],
    ['https://x.ads.example.net/', true],
    ['https://example.net/', false],
    ['https://shop.example.org/', true],
    ['https://www.shop.example.org/', true],
    ['https://example.org/', false],
    ['https://xn--bcher-kva.de/', true],
    ['https://www.bücher.de/', true],
    ['https://blog.example.co.uk/', true],
    ['https://example.co.uk/', false],
    ['https://news.example.com/', false],
  ])('%s denied=%s', (url, denied) => {
    const result = checkEgressUrl(url, { denyList });
    expect(result.ok ? 'ok' : result.code).toBe(denied ? 'DENY_LISTED' : 'ok');
  });

  it('reports the deny-list entry that matched', () => {
    const result = checkEgressUrl('https://a.tracker.com/', { denyList: ['tracker.com'] });
    expect(result).toMatchObject({ ok: false, code: 'DENY_LISTED' });
    if (!result.ok) expect(result.reason).toContain('tracker.com');
  });
});

describe('EgressRefusal', () => {
  it('maps every code to itself', () => {
    for (const [key, value] of Object.entries(EgressRefusal)) expect(value).toBe(key);
  });
});
