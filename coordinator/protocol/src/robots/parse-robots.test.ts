import { describe, expect, it } from 'vitest';
import {
  capRobotsText,
  MAX_ROBOTS_BYTES,
  parseRobots,
  robotsPolicyFromResponse,
} from './parse-robots.ts';

type Case = readonly [path: string, allowed: boolean];

function check(text: string, agent: string, cases: readonly Case[]): void {
  const robots = parseRobots(text, agent);
  for (const [path, allowed] of cases)
    expect(robots.isAllowed(path), `${agent} ${path}`).toBe(allowed);
}

// RFC 9309 §5.1, verbatim.
const RFC_EXAMPLE = `User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

EOF`;

describe('parseRobots: RFC 9309 §5.1 example', () => {
  it.each<[string, Case[]]>([
    [
      'foobot',
      [
        ['/example/page.html', true],
        ['/example/allowed.gif', true],
        ['/example/', false],
        ['/publications/', false],
        ['/', false],
        ['/robots.txt', true],
      ],
    ],
    [
      'barbot',
      [
        ['/example/page.html', false],
        ['/example/page.htmlx', false],
        ['/example/other.html', true],
        ['/image.gif', true],
        ['/', true],
      ],
    ],
    [
      'bazbot',
      [
        ['/example/page.html', false],
        ['/example/', true],
      ],
    ],
    ['BazBot/2.1 (+https://baz.example)', [['/example/page.html', false]]],
    [
      'quxbot',
      [
        ['/example/page.html', true],
        ['/example/', true],
        ['/image.gif', true],
      ],
    ],
    [
      'PlazaBot',
      [
        ['/image.gif', false],
        ['/a/b/image.gif', false],
        ['/image.gif?x=1', true],
        ['/image.gifx', true],
        ['/example/', false],
        ['/example/page.html', false],
        ['/publications/', true],
        ['/publications/2024/paper.html', true],
        ['/publications/fig.gif', true], // Allow /publications/ is longer than *.gif$
        ['/', true],
        ['/robots.txt', true],
      ],
    ],
  ])('as %s', (agent, cases) => check(RFC_EXAMPLE, agent, cases));
});

describe('parseRobots: RFC 9309 §5.2 longest match', () => {
  const text = `User-Agent: foobot
Allow: /example/page/
Disallow: /example/page/disallowed.gif`;
  it.each<Case>([
    ['/example/page/', true],
    ['/example/page/allowed.gif', true],
    ['/example/page/disallowed.gif', false],
    ['/example/page/disallowed.gifs', false],
    ['/example/', true],
  ])('%s → %s', (path, allowed) => check(text, 'foobot', [[path, allowed]]));
});

describe('parseRobots: RFC 9309 §2.2.2 percent-encoding', () => {
  it.each<[string, string, boolean]>([
    ['/foo/bar?baz=quz', '/foo/bar?baz=quz', false],
    ['/foo/bar/ツ', '/foo/bar/%E3%83%84', false],
    ['/foo/bar/ツ', '/foo/bar/ツ', false],
    ['/foo/bar/%E3%83%84', '/foo/bar/%E3%83%84', false],
    ['/foo/bar/%E3%83%84', '/foo/bar/ツ', false],
    ['/foo/bar/%e3%83%84', '/foo/bar/%E3%83%84', false],
    ['/foo/bar/%62%61%7A', '/foo/bar/baz', false],
    ['/foo/bar/baz', '/foo/bar/%62%61%7A', false],
    ['/a%2Fb', '/a/b', true],
    ['/a/b', '/a%2Fb', true],
    ['/a%2fb', '/a%2Fb', false],
    ['/with space', '/with%20space', false],
  ])('Disallow: %s vs %s → allowed %s', (pattern, path, allowed) => {
    check(`User-agent: *\nDisallow: ${pattern}\n`, 'PlazaBot', [[path, allowed]]);
  });
});

describe('parseRobots: wildcards, anchors and precedence', () => {
  it.each<[string, Case[]]>([
    // RFC 9309 §2.2.3 examples
    [
      'Allow: /this/path/exactly$\nDisallow: /this/path/',
      [
        ['/this/path/exactly', true],
        ['/this/path/exactlyx', false],
      ],
    ],
    [
      'Disallow: /path/*/like/this',
      [
        ['/path/a/like/this', false],
        ['/path/a/b/like/this/too', false],
        ['/path/like/this', true],
      ],
    ],
    // '*' anywhere, '$' only at the end
    [
      'Disallow: /*.php$',
      [
        ['/index.php', false],
        ['/a/b.php', false],
        ['/index.php?x', true],
        ['/index.phps', true],
      ],
    ],
    [
      'Disallow: /*.php',
      [
        ['/index.php?x', false],
        ['/x.phpx', false],
        ['/x.ph', true],
      ],
    ],
    [
      'Disallow: /a$b',
      [
        ['/a$b', false],
        ['/a$bc', false],
        ['/ab', true],
      ],
    ],
    [
      'Disallow: *',
      [
        ['/', false],
        ['/anything', false],
      ],
    ],
    [
      'Disallow: /',
      [
        ['/', false],
        ['/x', false],
      ],
    ],
    [
      'Disallow: /$',
      [
        ['/', false],
        ['/x', true],
      ],
    ],
    [
      'Disallow: /**/x',
      [
        ['/a/x', false],
        ['/x', true],
        ['//x', false],
      ],
    ],
    [
      'Disallow: /fish',
      [
        ['/fish', false],
        ['/fish.html', false],
        ['/fishheads/x', false],
        ['/Fish', true],
        ['/catfish', true],
      ],
    ],
    [
      'Disallow: /fish/',
      [
        ['/fish/', false],
        ['/fish/salmon', false],
        ['/fish', true],
        ['/fish.html', true],
      ],
    ],
    [
      'Disallow: fish',
      [
        ['/fish', false],
        ['/fisher', false],
      ],
    ],
    [
      'Disallow: /*?',
      [
        ['/a?b', false],
        ['/a', true],
      ],
    ],
    [
      'Disallow: /*?*sort=',
      [
        ['/list?sort=asc', false],
        ['/list?page=2&sort=asc', false],
        ['/list?page=2', true],
      ],
    ],
    // precedence: longest wins, Allow wins ties
    [
      'Allow: /p\nDisallow: /',
      [
        ['/page', true],
        ['/other', false],
      ],
    ],
    ['Allow: /folder\nDisallow: /folder', [['/folder/page', true]]],
    ['Disallow: /folder\nAllow: /folder', [['/folder/page', true]]],
    [
      'Allow: /page\nDisallow: /*.html',
      [
        ['/page.html', false],
        ['/page', true],
      ],
    ],
    [
      'Allow: /$\nDisallow: /',
      [
        ['/', true],
        ['/page.htm', false],
      ],
    ],
    ['Allow: /*\nDisallow: /', [['/x', true]]],
    ['Allow: /\nDisallow: /*', [['/x', false]]], // '/*' has more octets
    [
      'Allow: /page\nDisallow: /page$',
      [
        ['/page', false],
        ['/pages', true],
      ],
    ],
    // empty rules
    [
      'Disallow:',
      [
        ['/', true],
        ['/anything', true],
      ],
    ],
    [
      'Allow:\nDisallow: /x',
      [
        ['/x', false],
        ['/y', true],
      ],
    ],
  ])('%j', (rules, cases) => check(`User-agent: *\n${rules}\n`, 'PlazaBot', cases));

  it('always allows /robots.txt', () => {
    check('User-agent: *\nDisallow: /\n', 'PlazaBot', [
      ['/robots.txt', true],
      ['/robots.txt?x=1', true],
      ['/robots.txtx', false],
    ]);
  });

  it('reads paths with a query and ignores a fragment', () => {
    check('User-agent: *\nDisallow: /search?q=\n', 'PlazaBot', [
      ['/search?q=cats', false],
      ['/search', true],
      ['/search#?q=', true],
      ['search?q=x', false],
      ['', true],
    ]);
  });
});

describe('parseRobots: groups and user agents', () => {
  it.each<[string, string, Case[]]>([
    [
      'User-agent: PlazaBot\nDisallow: /p\n\nUser-agent: *\nDisallow: /',
      'PlazaBot',
      [
        ['/x', true],
        ['/p', false],
      ],
    ],
    [
      'User-agent: plazabot\nDisallow: /p\n\nUser-agent: *\nDisallow: /',
      'PlazaBot/0.1 (+https://x)',
      [
        ['/x', true],
        ['/p', false],
      ],
    ],
    ['User-agent: PLAZABOT/1.0\nDisallow: /p', 'PlazaBot', [['/p', false]]],
    [
      'User-agent: PlazaBot-News\nDisallow: /\n\nUser-agent: *\nDisallow: /s',
      'PlazaBot',
      [
        ['/x', true],
        ['/s', false],
      ],
    ],
    ['User-agent: Plaza\nDisallow: /\n\nUser-agent: *\nDisallow: /s', 'PlazaBot', [['/x', true]]],
    [
      'User-agent: *\nDisallow: /a\n\nUser-agent: *\nDisallow: /b',
      'PlazaBot',
      [
        ['/a', false],
        ['/b', false],
        ['/c', true],
      ],
    ],
    [
      'User-agent: PlazaBot\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\nUser-agent: plazabot\nDisallow: /b',
      'PlazaBot',
      [
        ['/a', false],
        ['/b', false],
        ['/c', true],
      ],
    ],
    ['User-agent: other\nUser-agent: PlazaBot\nDisallow: /a', 'PlazaBot', [['/a', false]]],
    [
      'User-agent: other\nDisallow: /a\nUser-agent: PlazaBot\nDisallow: /b',
      'PlazaBot',
      [
        ['/a', true],
        ['/b', false],
      ],
    ],
    ['User-agent: other\nDisallow: /', 'PlazaBot', [['/', true]]],
    [
      'Disallow: /\nUser-agent: *\nDisallow: /a',
      'PlazaBot',
      [
        ['/', true],
        ['/a', false],
      ],
    ],
    ['User-agent: PlazaBot\n\nUser-agent: *\nDisallow: /', 'PlazaBot', [['/x', false]]],
    [
      'User-agent: PlazaBot\nSitemap: https://x.com/s.xml\nUser-agent: other\nDisallow: /a',
      'PlazaBot',
      [['/a', false]],
    ],
    ['User-agent: *bot\nDisallow: /', 'PlazaBot', [['/', true]]],
    ['User-agent: * # everyone\nDisallow: /a', 'PlazaBot', [['/a', false]]],
    [
      'user-AGENT: *\ndisALLOW: /a\nALLOW: /a/b',
      'PlazaBot',
      [
        ['/a', false],
        ['/a/b', true],
      ],
    ],
    ['useragent: *\ndissallow: /a', 'PlazaBot', [['/a', false]]],
    [
      'User-agent: *\r\nDisallow: /a\r\nAllow: /a/b\r\n',
      'PlazaBot',
      [
        ['/a', false],
        ['/a/b', true],
      ],
    ],
    ['User-agent: *\rDisallow: /a', 'PlazaBot', [['/a', false]]],
    ['\uFEFFUser-agent: *\nDisallow: /a', 'PlazaBot', [['/a', false]]],
    [
      'User-agent: *\n   Disallow:   /a   # no a\n',
      'PlazaBot',
      [
        ['/a', false],
        ['/b', true],
      ],
    ],
    [
      'User-agent: *\nDisallow /a\nNoindex: /b\nfoo',
      'PlazaBot',
      [
        ['/a', true],
        ['/b', true],
      ],
    ],
    ['<html><body>Not found</body></html>', 'PlazaBot', [['/', true]]],
    ['', 'PlazaBot', [['/', true]]],
  ])('%j as %s', (text, agent, cases) => check(text, agent, cases));
});

describe('parseRobots: Crawl-delay and sitemaps', () => {
  it.each<[string, number | undefined]>([
    ['User-agent: *\nCrawl-delay: 2', 2],
    ['User-agent: *\nCrawl-delay: 0.5', 0.5],
    ['User-agent: *\nCrawl-delay: 0', 0],
    ['User-agent: *\ncrawl-delay: 10\nDisallow: /x', 10],
    ['User-agent: *\nCrawl-delay: 120', 30],
    ['User-agent: *\nCrawl-delay: 1e9', 30],
    ['User-agent: *\nCrawl-delay: -1', undefined],
    ['User-agent: *\nCrawl-delay: soon', undefined],
    ['User-agent: *\nCrawl-delay:', undefined],
    ['User-agent: *\nCrawl-delay: Infinity', undefined],
    ['User-agent: *\nDisallow: /', undefined],
    ['Crawl-delay: 5\nUser-agent: *\nDisallow: /', undefined],
    ['User-agent: other\nCrawl-delay: 9\n\nUser-agent: *\nCrawl-delay: 3', 3],
    ['User-agent: PlazaBot\nCrawl-delay: 1\n\nUser-agent: *\nCrawl-delay: 3', 1],
    ['User-agent: PlazaBot\nCrawl-delay: 1\n\nUser-agent: PlazaBot\nCrawl-delay: 4', 4],
  ])('%j → %s', (text, delay) => {
    expect(parseRobots(text).crawlDelaySeconds).toBe(delay);
  });

  it('omits crawlDelaySeconds when there is none', () => {
    expect('crawlDelaySeconds' in parseRobots('User-agent: *\nDisallow: /')).toBe(false);
  });

  it('collects every Sitemap line, wherever it stands, without duplicates', () => {
    const robots = parseRobots(
      [
        'Sitemap: https://example.com/a.xml',
        'User-agent: other',
        'sitemap: https://example.com/b.xml # second',
        'Disallow: /',
        'SITEMAP:https://example.com/a.xml',
        'Sitemap:',
        'Site-map: https://cdn.example.com/c.xml.gz',
      ].join('\n'),
    );
    expect(robots.sitemaps).toEqual([
      'https://example.com/a.xml',
      'https://example.com/b.xml',
      'https://cdn.example.com/c.xml.gz',
    ]);
  });
});

describe('parseRobots: size cap', () => {
  it('ignores everything past 500 KiB', () => {
    const filler = `# ${'x'.repeat(1000)}\n`.repeat(Math.ceil(MAX_ROBOTS_BYTES / 1003));
    const robots = parseRobots(`User-agent: *\nDisallow: /early\n${filler}Disallow: /late\n`);
    expect(robots.isAllowed('/early')).toBe(false);
    expect(robots.isAllowed('/late')).toBe(true);
  });

  it('drops the line the cut goes through', () => {
    const head = 'User-agent: *\nDisallow: /a\n';
    const padding = '#'.repeat(MAX_ROBOTS_BYTES - head.length - 'Allow: /a/b'.length + 5);
    const text = `${head}${padding}\nAllow: /a/bcdefgh\n`;
    const capped = capRobotsText(text);
    expect(capped.endsWith(padding)).toBe(true);
    expect(new TextEncoder().encode(capped).length).toBeLessThanOrEqual(MAX_ROBOTS_BYTES);
  });

  it('counts bytes, not characters', () => {
    const line = `# ${'ツ'.repeat(100)}\n`; // 303 bytes, 103 characters
    const text = `User-agent: *\n${line.repeat(2000)}Disallow: /late\n`;
    expect(text.length).toBeLessThan(MAX_ROBOTS_BYTES);
    expect(parseRobots(text).isAllowed('/late')).toBe(true);
  });

  it('keeps short texts whole', () => {
    expect(capRobotsText('User-agent: *\nDisallow: /')).toBe('User-agent: *\nDisallow: /');
  });
});

describe('robotsPolicyFromResponse', () => {
  const body = 'User-agent: *\nDisallow: /private\nCrawl-delay: 4\nSitemap: https://x.com/s.xml';
  it.each<[number | null, 'parsed' | 'unavailable' | 'unreachable', boolean, boolean]>([
    [200, 'parsed', true, false],
    [203, 'parsed', true, false],
    [206, 'parsed', true, false],
    [301, 'unavailable', true, true],
    [308, 'unavailable', true, true],
    [400, 'unavailable', true, true],
    [401, 'unavailable', true, true],
    [403, 'unavailable', true, true],
    [404, 'unavailable', true, true],
    [410, 'unavailable', true, true],
    [451, 'unavailable', true, true],
    [429, 'unreachable', false, false],
    [500, 'unreachable', false, false],
    [502, 'unreachable', false, false],
    [503, 'unreachable', false, false],
    [504, 'unreachable', false, false],
    [599, 'unreachable', false, false],
    [100, 'unreachable', false, false],
    [0, 'unreachable', false, false],
    [null, 'unreachable', false, false],
  ])('status %s → %s', (status, availability, publicAllowed, privateAllowed) => {
    const policy = robotsPolicyFromResponse(status, body);
    expect(policy.availability).toBe(availability);
    expect(policy.isAllowed('/public')).toBe(publicAllowed);
    expect(policy.isAllowed('/private')).toBe(privateAllowed);
    expect(policy.isAllowed('/robots.txt')).toBe(true);
  });

  it('keeps Crawl-delay and sitemaps of a parsed file', () => {
    const policy = robotsPolicyFromResponse(200, body);
    expect(policy.crawlDelaySeconds).toBe(4);
    expect(policy.sitemaps).toEqual(['https://x.com/s.xml']);
  });

  it('ignores the body of an error page', () => {
    const policy = robotsPolicyFromResponse(404, 'User-agent: *\nDisallow: /');
    expect(policy.isAllowed('/x')).toBe(true);
    expect(policy.sitemaps).toEqual([]);
  });

  it('matches the given user agent', () => {
    const text = 'User-agent: otherbot\nDisallow: /\n\nUser-agent: *\nDisallow:';
    expect(robotsPolicyFromResponse(200, text, 'OtherBot/2').isAllowed('/x')).toBe(false);
    expect(robotsPolicyFromResponse(200, text).isAllowed('/x')).toBe(true);
  });
});
