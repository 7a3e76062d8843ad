import { type ProxiedRequest, startForwardProxy } from '@plaza/test-kit/http';

/** A canned answer of the fake web. */
export interface FakePage {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Send the body chunked, without a Content-Length. */
  chunked?: boolean;
}

/** A request the fake web saw. */
export type FakeWebRequest = ProxiedRequest;

/** A forward HTTP proxy on 127.0.0.1 that answers from `pages` (by absolute URL). */
export interface FakeWeb {
  /** `http://127.0.0.1:PORT`: `PLAZA_CRAWL_PROXY_URL` for the coordinator's crawlers. */
  proxyUrl: string;
  /** Answers by absolute URL (`http://news.example.com/a`); 404 for the rest. Mutable. */
  pages: Map<string, FakePage>;
  requests: FakeWebRequest[];
  close: () => Promise<void>;
}

/**
 * Starts a fake web for the coordinator's own crawl tests: `@plaza/test-kit/http`'s forward
 * proxy (absolute-form `GET http://host/path`) serving public-looking hosts from memory and
 * recording every request. CONNECT (https) is refused. Every answer sets a cookie, so a crawler
 * that sent cookies back would show it.
 *
 * @example
 * const web = await startFakeWeb({ 'http://news.example.com/a': { body: '<p>Hi</p>' } });
 */
export async function startFakeWeb(initial: Record<string, FakePage> = {}): Promise<FakeWeb> {
  const pages = new Map(Object.entries(initial));
  const proxy = await startForwardProxy({
    answer: (url) => {
      const page = pages.get(url);
      if (!page) return { status: 404, body: 'not found' };
      return { ...page, status: page.status ?? 200, body: page.body ?? '' };
    },
    cookie: 'fake_session=do-not-send-me; Path=/',
    defaultHeaders: { 'content-type': 'text/html; charset=utf-8' },
  });
  return { proxyUrl: proxy.proxyUrl, pages, requests: proxy.requests, close: proxy.close };
}
