import { FETCH_TIMEOUT_MS, MAX_BODY_BYTES } from '@plaza/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ActivityRecord,
  type ExtensionBrowser,
  launchExtensionBrowser,
} from '../harness/browser.ts';
import {
  type FixtureInternet,
  pageTraffic,
  startFixtureInternet,
} from '../harness/fixture-internet.ts';
import { articleSite, FORBIDDEN_URLS, trapSite } from '../harness/fixture-sites.ts';
import {
  type ExtensionCoordinator,
  markFixtureHostsReady,
  startExtensionCoordinator,
} from '../harness/start-extension-coordinator.ts';
import { waitFor } from '../harness/wait-for.ts';

const traps = trapSite('traps.example.com');
const blog = articleSite({
  host: 'blog.example.org',
  count: 2,
  seed: 300,
  robots: 'User-agent: *\nDisallow: /private/\n',
  indexLinks: ['/private/diary'],
});
blog.pages['/private/diary'] = blog.pages['/articles/1']!;
const DISALLOWED = 'http://blog.example.org/private/diary';

/** What the extension must answer to each URL the coordinator injects, before any request. */
const expectedRefusals: Record<string, string> = {
  'http://10.0.0.1/admin': 'IP_LITERAL',
  'http://192.168.1.1/': 'IP_LITERAL',
  'http://169.254.169.254/latest/meta-data/': 'IP_LITERAL',
  'http://[::1]/': 'IP_LITERAL',
  'http://127.0.0.1/': 'IP_LITERAL',
  'http://localhost/': 'LOCALHOST',
  'http://intranet/': 'SINGLE_LABEL_HOST',
  'http://router/setup': 'SINGLE_LABEL_HOST',
  'http://printer.local/': 'SPECIAL_USE_DOMAIN',
  'http://nas.lan/': 'NO_PUBLIC_SUFFIX',
  'http://news.example.com:8080/admin': 'PORT_FORBIDDEN',
  'https://news.example.com:8443/': 'PORT_FORBIDDEN',
  'http://10.0.0.1.nip.io/': 'EMBEDDED_PRIVATE_ADDRESS',
  'file:///etc/passwd': 'SCHEME_FORBIDDEN',
  'data:text/html,<h1>hello</h1>': 'SCHEME_FORBIDDEN',
  [DISALLOWED]: 'ROBOTS_DISALLOWED',
};

let internet: FixtureInternet;
let coordinator: ExtensionCoordinator;
let browser: ExtensionBrowser;
let activity: ActivityRecord[];
let selfUrl: string;

beforeAll(async () => {
  internet = await startFixtureInternet([traps, blog]);
  coordinator = await startExtensionCoordinator({ internet });
  selfUrl = `http://127.0.0.1:${coordinator.port}/v1/status`;
  expectedRefusals[selfUrl] = 'PORT_FORBIDDEN';
  await markFixtureHostsReady(coordinator, [traps, blog]);
  await coordinator.createCampaign({
    id: 'egress',
    name: 'Egress traps',
    // The coordinator refuses the forbidden seeds itself; the fixture pages link to them too.
    seeds: [
      'http://traps.example.com/',
      'http://blog.example.org/',
      ...FORBIDDEN_URLS.filter((u) => u.startsWith('http')),
    ],
    scope: { hosts: ['traps.example.com', 'blog.example.org'] },
    politeness: { minDelayMs: 0 },
    labelSchema: { kind: 'classification', classes: ['a', 'b'] },
  });
  // A coordinator gone bad: it leases every forbidden URL anyway, and a robots-disallowed page.
  await coordinator.injectUrls(
    'egress',
    Object.keys(expectedRefusals).map((url, i) => ({ url, host: `injected-${i}` })),
  );
  browser = await launchExtensionBrowser({
    proxyUrl: internet.proxyUrl,
    bypass: [`127.0.0.1:${coordinator.port}`, '127.0.0.1:8787'],
  });
  await browser.setSettings({ coordinatorUrl: coordinator.url, concurrency: 4 });
  let missing: string[] = [];
  const trapPages = [
    '/',
    '/go/metadata',
    '/go/router',
    '/go/localhost',
    '/go/ipv6',
    '/go/file',
    '/go/port',
    '/big',
    '/endless',
    '/slow',
    '/report.pdf',
  ];
  await waitFor(
    async () => {
      activity = await browser.activity();
      const urls = new Set(activity.map((e) => e.url));
      missing = [
        ...Object.keys(expectedRefusals),
        ...trapPages.map((p) => `http://traps.example.com${p}`),
      ].filter((u) => !urls.has(u));
      return missing.length === 0;
    },
    {
      timeoutMs: FETCH_TIMEOUT_MS + 180_000,
      what: 'every trap to be tried',
      everyMs: 500,
      explain: () => ({
        missing,
        activity: activity.map((e) => `${e.url} ${e.outcome} ${e.code}`),
      }),
    },
  );
}, FETCH_TIMEOUT_MS + 300_000);

afterAll(async () => {
  await browser?.close();
  await coordinator?.close();
  await internet?.close();
});

const entry = (url: string) => activity.find((e) => e.url === url && e.kind === 'page');

describe('egress traps', () => {
  it('lets zero forbidden requests reach the network', () => {
    // The oracle is independent of the egress check under test: the only destinations allowed
    // are the two fixture sites' own pages and robots.txt (less the robots-disallowed page),
    // fetched with GET; anything else that reached the network is a leak.
    const allowed = new Set(
      [traps, blog].flatMap((site) => [
        ...Object.keys(site.pages).map((path) => `http://${site.host}${path}`),
        `http://${site.host}/robots.txt`,
      ]),
    );
    allowed.delete(DISALLOWED);
    const forbidden = pageTraffic(internet.requests).filter(
      (r) => r.method !== 'GET' || !allowed.has(r.url),
    );
    expect(forbidden.map((r) => `${r.method} ${r.url}`)).toEqual([]);
    // And, listed apart, not one of the destinations the traps point at was asked for.
    const asked = new Set(internet.requests.map((r) => r.url));
    for (const url of [...FORBIDDEN_URLS, ...Object.keys(expectedRefusals)]) {
      expect(asked.has(url), url).toBe(false);
    }
    // Nothing the fixture hosts were asked for was outside GET, cookies or credentials.
    for (const request of internet.requests) {
      expect(request.headers.cookie, request.url).toBeUndefined();
      expect(request.headers.authorization, request.url).toBeUndefined();
    }
    // The coordinator on loopback was reached only through its API, never as a "page".
    expect(
      coordinator.requests.filter(
        (r) =>
          !/^\/v1\/(coordinator|devices|leases|contributions)/.test(r.path) &&
          r.path !== '/v1/campaigns',
      ),
    ).toEqual([]);
  });

  it('refuses every forbidden URL a coordinator leases, naming the rule, without a request', () => {
    for (const [url, code] of Object.entries(expectedRefusals)) {
      expect(entry(url), url).toMatchObject({ outcome: 'refused', code, status: 0, bytes: 0 });
    }
  });

  it('never follows a redirect: it reports status 0 and leaves the target to the coordinator', async () => {
    for (const path of [
      '/go/metadata',
      '/go/router',
      '/go/localhost',
      '/go/ipv6',
      '/go/file',
      '/go/port',
    ]) {
      const url = `http://traps.example.com${path}`;
      expect(entry(url), url).toMatchObject({ outcome: 'redirect', status: 0 });
    }
    await waitFor(
      async () =>
        (
          await coordinator.query<{ n: number }>(
            `select count(*)::int as n from contributions where url like 'http://traps.example.com/go/%'`,
          )
        )[0]!.n === 6,
      { timeoutMs: 20_000, what: 'the redirect reports to be submitted' },
    );
    const rows = await coordinator.query<{ http_status: number; outcome: string; reason: string }>(
      `select http_status, outcome, reason from contributions where url like 'http://traps.example.com/go/%'`,
    );
    expect(rows).toEqual(
      Array(6).fill({ http_status: 0, outcome: 'fetch_failed', reason: 'OPAQUE_REDIRECT' }),
    );
  });

  it('caps body size and time, and reads only allowed content types', () => {
    expect(entry('http://traps.example.com/big')).toMatchObject({ outcome: 'too_large', bytes: 0 });
    const endless = entry('http://traps.example.com/endless')!;
    expect(endless.outcome).toBe('too_large');
    // Aborted on size, not on time: the body never ends, and the read stopped at the first
    // chunk past the cap (Chromium hands over up to a couple of MiB at once).
    expect(endless.bytes).toBeGreaterThan(MAX_BODY_BYTES);
    expect(endless.bytes).toBeLessThanOrEqual(4 * MAX_BODY_BYTES);
    const slow = entry('http://traps.example.com/slow')!;
    expect(slow.outcome).toBe('timeout');
    // It waited out the whole time cap (how much later the abort landed depends on the load).
    expect(slow.ms).toBeGreaterThanOrEqual(FETCH_TIMEOUT_MS - 100);
    expect(entry('http://traps.example.com/report.pdf')).toMatchObject({
      outcome: 'bad_content_type',
      bytes: 0,
    });
  });

  it('keeps the trap pages’ forbidden links out of the frontier', async () => {
    const queued = await coordinator.query<{ url: string }>(
      `select url from frontier_urls where campaign_id = 'egress' and host not like 'injected-%'`,
    );
    const urls = queued.map((r) => r.url);
    for (const url of FORBIDDEN_URLS) expect(urls).not.toContain(url);
    expect(urls).not.toContain(DISALLOWED);
  });
});
