import { describe, expect, it } from 'vitest';
import { extractContent } from './extract-content.ts';
import { page, parseHtml, prose } from './testing/parse-html.ts';

const URL = 'https://news.example/2024/05/story.html';

const NEWS_PAGE = page(
  `
  <div id="cookie-banner" class="cookie-consent">We use cookies. <button>Accept</button></div>
  <header><a href="/">News Example</a><nav><a href="/world">World</a><a href="/tech">Tech</a></nav></header>
  <main>
    <article>
      <h1>Council cuts the library budget</h1>
      <div class="byline">By <a href="/staff/jane">Jane Doe</a> · May 5, 2024</div>
      <div class="social-share"><a href="https://twitter.com/share">Tweet</a> <a href="#">Email</a></div>
      <div class="article-body">
        <p>${prose('opening')}</p>
        <p>${prose('second')}</p>
        <div class="ad-slot"><span>Advertisement</span></div>
        <h2>What happens next</h2>
        <p>${prose('third')} Read the <a href="/report.pdf#page=2">full report</a>.</p>
        <ul><li>First point of the plan, in words.</li><li>Second point of the plan.</li></ul>
        <blockquote><p>${prose('quoted', 1)}</p></blockquote>
        <figure><img src="lib.jpg"><figcaption>The library in 2019. Photo: John Roe/Reuters</figcaption></figure>
        <p>${prose('closing')}</p>
      </div>
      <div class="newsletter-promo"><p>Sign up for our morning newsletter and get the news in your inbox.</p></div>
      <section class="related-articles"><h3>Related</h3>
        <ul><li><a href="/a">Library hours shrink again this summer</a></li><li><a href="/b">Mayor defends the cuts</a></li></ul>
      </section>
      <section id="comments"><h3>42 comments</h3>
        <div class="comment"><p>${prose('comment one', 2)}</p></div>
        <div class="comment"><p>${prose('comment two', 2)}</p></div>
      </section>
    </article>
    <aside class="sidebar"><h3>Most read</h3><ol><li><a href="/c">Another story entirely</a></li></ol></aside>
  </main>
  <footer><p>© 2024 News Example. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
  <script>document.write('never runs');</script>`,
  '<title>Council cuts the library budget | News Example</title><meta name="author" content="Jane Doe">',
);

const ARTICLE_TEXT = [
  prose('opening'),
  prose('second'),
  'What happens next',
  `${prose('third')} Read the full report.`,
  'First point of the plan, in words.\nSecond point of the plan.',
  prose('quoted', 1),
  prose('closing'),
].join('\n\n');

describe('extractContent (article)', () => {
  it('keeps the article and drops navigation, byline, share bar, ads, promos, related and comments', async () => {
    const doc = await parseHtml(NEWS_PAGE);
    const result = extractContent(doc, { url: URL, mode: 'article' });
    expect(result.text).toBe(ARTICLE_TEXT);
    expect(result.title).toBe('Council cuts the library budget');
    expect(result.byline).toBe('Jane Doe');
    expect(result.lang).toBe('en');
  });

  it('lists every page link, absolute, deduplicated and without fragments', async () => {
    const doc = await parseHtml(NEWS_PAGE);
    const { links } = extractContent(doc, { url: URL, mode: 'article' });
    expect(links).toContain('https://news.example/report.pdf');
    expect(links).toContain('https://news.example/staff/jane');
    expect(links).toContain('https://twitter.com/share');
    expect(links).not.toContain('https://news.example/2024/05/story.html');
    expect(new Set(links).size).toBe(links.length);
  });

  it('leaves the document as it was', async () => {
    const doc = await parseHtml(NEWS_PAGE);
    const before = doc.documentElement.outerHTML;
    extractContent(doc, { url: URL, mode: 'article' });
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('falls back to the JSON-LD articleBody when the page shows too little', async () => {
    const body = `${prose('structured')}\n\n${prose('data')}`;
    const jsonLd = JSON.stringify({ '@type': 'NewsArticle', headline: 'H', articleBody: body });
    const doc = await parseHtml(
      page(
        '<div id="app"><p>Loading…</p></div>',
        `<title>H</title><script type="application/ld+json">${jsonLd}</script>`,
      ),
    );
    expect(extractContent(doc, { url: URL, mode: 'article' }).text).toBe(body);
  });

  it('falls back to the <article> when no paragraph is long enough to score', async () => {
    const lines = ['Roses are red,', 'violets are blue,', 'short lines all,', 'and no prose too.'];
    const poem = Array.from({ length: 6 }, (_, i) =>
      lines.map((l) => `<p>${l} (${i})</p>`).join(''),
    );
    const doc = await parseHtml(
      page(`<nav><a href="/">Home</a></nav><article>${poem.join('')}</article>`),
    );
    const { text } = extractContent(doc, { url: URL, mode: 'article' });
    expect(text.split('\n\n')).toHaveLength(24);
    expect(text.startsWith('Roses are red, (0)')).toBe(true);
  });

  it('returns empty text for an empty page', async () => {
    const doc = await parseHtml('<html><body></body></html>');
    expect(extractContent(doc, { url: URL, mode: 'article' })).toEqual({
      title: '',
      text: '',
      links: [],
    });
  });
});

describe('extractContent (full-text)', () => {
  it('keeps all visible body text but navigation, footers, scripts and hidden parts', async () => {
    const doc = await parseHtml(
      page(`<header><p>Site header</p><nav>Menu</nav></header>
        <main><p>Main text.</p><aside>Aside text.</aside><div hidden>Hidden.</div></main>
        <footer>Footer text.</footer><style>p{}</style><script>x()</script>`),
    );
    expect(extractContent(doc, { url: URL, mode: 'full-text' }).text).toBe(
      'Site header\n\nMain text.\n\nAside text.',
    );
  });
});

describe('extractContent (hostile input)', () => {
  it('survives nesting far deeper than any browser keeps', async () => {
    const depth = 5000;
    const html = page(
      `<p>${prose('shallow')}</p>${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}`,
    );
    const doc = await parseHtml(html);
    expect(extractContent(doc, { url: URL, mode: 'article' }).text).toBe(prose('shallow'));
  });
});
