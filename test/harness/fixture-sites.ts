import type { ServerResponse } from 'node:http';
import { type FixtureResponse, type FixtureSite, html, redirect } from './fixture-internet.ts';
import { generateArticle } from './generate-article.ts';

/** A page of boilerplate around an article, as real news sites look. */
export function articlePage(params: {
  title: string;
  text: string;
  links?: readonly string[];
}): FixtureResponse {
  const paragraphs = params.text
    .split('\n\n')
    .map((p) => `<p>${p}</p>`)
    .join('\n');
  const links = (params.links ?? [])
    .map((href) => `<li><a href="${href}">${href}</a></li>`)
    .join('');
  return html(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${params.title}</title>
<script>fetch('http://10.0.0.1/from-script');document.cookie='x=1';</script></head>
<body>
<header><nav><a href="/">Home</a></nav></header>
<main><article><h1>${params.title}</h1>
${paragraphs}
</article></main>
<aside class="related"><h2>Read more</h2><ul>${links}</ul></aside>
<img src="http://192.168.1.1/pixel.gif" alt="">
<footer><p>© Fixture Media. All rights reserved.</p></footer>
</body></html>`);
}

/** A site of `count` generated articles under `/articles/N`, with an index at `/` linking them. */
export function articleSite(params: {
  host: string;
  count: number;
  /** Article seeds start here, so sites never share text. */
  seed: number;
  robots?: string;
  /** Extra links on the index page. */
  indexLinks?: readonly string[];
  chars?: number;
}): FixtureSite {
  const pages: Record<string, FixtureResponse> = {};
  const paths: string[] = [];
  for (let i = 1; i <= params.count; i++) {
    const path = `/articles/${i}`;
    paths.push(path);
    const article = generateArticle(params.seed + i, { chars: params.chars ?? 3000 });
    pages[path] = articlePage({ ...article, links: ['/', `/articles/${(i % params.count) + 1}`] });
  }
  pages['/'] = html(`<!doctype html><html><head><title>${params.host}</title></head><body>
<h1>${params.host}</h1><ul>${[...paths, ...(params.indexLinks ?? [])]
    .map((href) => `<li><a href="${href}">${href}</a></li>`)
    .join('')}</ul></body></html>`);
  return { host: params.host, pages, ...(params.robots ? { robots: params.robots } : {}) };
}

/** URLs no Plaza device may ever request: private networks, loopback, metadata, other ports … */
export const FORBIDDEN_URLS = [
  'http://10.0.0.1/admin',
  'http://192.168.1.1/',
  'http://169.254.169.254/latest/meta-data/',
  'http://[::1]/',
  'http://127.0.0.1/',
  'http://localhost/',
  'http://intranet/',
  'http://router/setup',
  'http://printer.local/',
  'http://nas.lan/',
  'http://news.example.com:8080/admin',
  'https://news.example.com:8443/',
  'http://10.0.0.1.nip.io/',
  'file:///etc/passwd',
  'data:text/html,<h1>hello</h1>',
] as const;

function streamForever(chunk: Uint8Array, everyMs: number) {
  return (res: ServerResponse, signal: AbortSignal) => {
    const write = () => {
      if (signal.aborted || res.destroyed) return;
      const ok = res.write(chunk);
      if (everyMs > 0) setTimeout(write, everyMs);
      else if (ok) setImmediate(write);
      else res.once('drain', write);
    };
    write();
  };
}

/**
 * The trap site: pages linking and redirecting to {@link FORBIDDEN_URLS}, an oversized body (with
 * and without Content-Length), an endless body, an endlessly slow body and a PDF.
 */
export function trapSite(host: string): FixtureSite {
  const big = new Uint8Array(3 * 1024 * 1024).fill(0x61);
  return {
    host,
    pages: {
      '/': html(`<!doctype html><title>Traps</title><body><h1>Traps</h1><ul>
${FORBIDDEN_URLS.map((u) => `<li><a href="${u}">${u}</a></li>`).join('\n')}
<li><a href="/go/metadata">metadata</a></li><li><a href="/go/router">router</a></li>
<li><a href="/go/localhost">localhost</a></li><li><a href="/go/ipv6">ipv6</a></li>
<li><a href="/go/file">file</a></li><li><a href="/go/port">port</a></li>
<li><a href="/big">big</a></li><li><a href="/endless">endless</a></li>
<li><a href="/slow">slow</a></li><li><a href="/report.pdf">pdf</a></li></ul></body>`),
      '/go/metadata': redirect('http://169.254.169.254/latest/meta-data/'),
      '/go/router': redirect('http://192.168.1.1/', 301),
      '/go/localhost': redirect('http://localhost/'),
      '/go/ipv6': redirect('http://[::1]/', 307),
      '/go/file': redirect('file:///etc/passwd'),
      '/go/port': redirect(`http://${host}:8080/`, 308),
      '/big': { status: 200, headers: { 'content-type': 'text/html' }, body: big },
      '/endless': {
        status: 200,
        headers: { 'content-type': 'text/html' },
        stream: streamForever(new Uint8Array(64 * 1024).fill(0x62), 0),
      },
      '/slow': {
        status: 200,
        headers: { 'content-type': 'text/html' },
        stream: streamForever(new Uint8Array([0x3c]), 1000),
      },
      '/report.pdf': {
        status: 200,
        headers: { 'content-type': 'application/pdf' },
        body: '%PDF-1.4 not really',
      },
    },
  };
}
