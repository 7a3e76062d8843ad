import { type ProxiedRequest, type ProxyAnswer, startForwardProxy } from '@plaza/test-kit/http';

/** A canned answer of a fixture site. `stream` writes the body itself (slow or endless bodies). */
export type FixtureResponse = Omit<ProxyAnswer, 'chunked'>;

/** A site of the fixture internet: answers by path (with query), 404 for the rest. */
export interface FixtureSite {
  /** `news.example.com`; served on port 80 only. */
  host: string;
  /** `/robots.txt`; absent means 404 (allow all). */
  robots?: string;
  pages: Record<string, FixtureResponse>;
}

/** One request the proxy saw, exactly as the browser sent it. */
export type RecordedRequest = ProxiedRequest;

/** The fixture internet: an HTTP proxy serving the fixture sites and recording every request. */
export interface FixtureInternet {
  /** `http://127.0.0.1:PORT`, for `--proxy-server` and crawlee's `ProxyConfiguration`. */
  proxyUrl: string;
  port: number;
  /** Every request that reached the proxy, in order. */
  requests: RecordedRequest[];
  /** Answers a URL in-process as the proxy would (the coordinator's own fetches), unrecorded. */
  answer: (url: string) => FixtureResponse;
  /** Adds or replaces a site. */
  addSite: (site: FixtureSite) => void;
  /**
   * Holds every page answer (robots.txt still answers) until the returned function is called:
   * browsers then wait on their fetches, which a test uses to make an order of events certain.
   */
  holdPages: () => () => void;
  close: () => Promise<void>;
}

/**
 * Chromium's own service hosts (component and extension updates, sign-in, safe browsing): a
 * headless Chromium asks them now and then whatever its switches say. They are the browser's
 * traffic, never the extension's (the extension fetches only what it is leased, and these hosts
 * are in no fixture campaign); the fixture internet refuses them like any unknown host.
 */
export const CHROMIUM_SERVICE_HOSTS =
  /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|googleusercontent\.com|chrome\.com)$/;

/** The requests of `requests` that the extension could have made: all but Chromium's own. */
export function pageTraffic(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((r) => {
    try {
      return !CHROMIUM_SERVICE_HOSTS.test(new URL(r.url).hostname);
    } catch {
      return true;
    }
  });
}

const NO_SUCH_HOST: FixtureResponse = {
  status: 502,
  headers: { 'content-type': 'text/plain' },
  body: 'The fixture internet has no such host.',
};

/**
 * Starts the fixture internet on 127.0.0.1: a forward HTTP proxy (absolute-form `GET
 * http://host/path`) that serves {@link FixtureSite}s under public-looking names on port 80, so
 * the browser under test fetches `http://news.example.com/` through it with its egress policy
 * unchanged. Every request is recorded with its headers: the tests look for requests that should
 * never have left the browser. Anything else (unknown hosts, other ports, IP literals, CONNECT
 * tunnels) is recorded and refused. Every page sets a cookie, so a browser that kept or sent
 * cookies would show it. The proxy itself is `@plaza/test-kit/http`'s `startForwardProxy`.
 */
export async function startFixtureInternet(
  sites: readonly FixtureSite[],
): Promise<FixtureInternet> {
  const byHost = new Map(sites.map((site) => [site.host, site]));
  const answer = (raw: string): FixtureResponse => answerFromSites(byHost, raw);
  /** Settles when the pages are no longer held. */
  let held: Promise<void> | null = null;
  const proxy = await startForwardProxy({
    answer: async (url) => {
      if (held && !url.endsWith('/robots.txt')) await held;
      return answer(url);
    },
    cookie: 'fixture_session=do-not-send-me; Path=/; Max-Age=3600',
  });
  return {
    ...proxy,
    answer,
    addSite: (site) => byHost.set(site.host, site),
    holdPages: () => {
      let release: () => void = () => {};
      held = new Promise<void>((resolve) => {
        release = () => {
          held = null;
          resolve();
        };
      });
      return release;
    },
  };
}

/** What the site of `raw`'s host answers for it: its robots.txt, a page or 404; 502 for the rest. */
function answerFromSites(byHost: ReadonlyMap<string, FixtureSite>, raw: string): FixtureResponse {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { status: 400, body: 'bad URL' };
  }
  const site = byHost.get(url.hostname);
  if (!site || url.protocol !== 'http:' || (url.port !== '' && url.port !== '80')) {
    return NO_SUCH_HOST;
  }
  if (url.pathname === '/robots.txt') {
    return site.robots === undefined
      ? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' }
      : { status: 200, headers: { 'content-type': 'text/plain' }, body: site.robots };
  }
  return (
    site.pages[url.pathname + url.search] ?? {
      status: 404,
      headers: { 'content-type': 'text/html' },
      body: '<!doctype html><title>Not found</title><p>Not found.</p>',
    }
  );
}

/** An HTML page answer. */
export function html(body: string, status = 200): FixtureResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

/** A redirect answer. */
export function redirect(location: string, status = 302): FixtureResponse {
  return { status, headers: { location, 'content-type': 'text/html' }, body: '' };
}
