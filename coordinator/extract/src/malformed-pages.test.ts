import { describe, expect, it } from 'vitest';
import { extractContent } from './extract-content.ts';
import { parseHtml, prose } from './testing/parse-html.ts';

const URL = 'https://forum.example/t/1';
const ARTICLE = `<article><h2>A heading</h2><p>${prose('first')}</p><p>${prose('second')}</p></article>`;
const HEAD = '<head><title>A page</title></head>';

/** Pages whose element after <head> is not <body>: linkedom's `document.body` is empty there. */
const MALFORMED: Record<string, string> = {
  'nested <html>': `<html>${HEAD}<html><body>${ARTICLE}</body></html></html>`,
  '<div> before <body>': `<html>${HEAD}<div class="notice">Old browser</div><body>${ARTICLE}</body></html>`,
  '<meta> before <body>': `<html>${HEAD}<meta charset="utf-8"><body>${ARTICLE}</body></html>`,
  'no <body> at all': `<html>${HEAD}${ARTICLE}</html>`,
  'text before <html>': `stray text<html>${HEAD}<body>${ARTICLE}</body></html>`,
  'an element before <html>': `<div>Notice</div><html>${HEAD}<body>${ARTICLE}</body></html>`,
};

describe('extractContent on malformed pages', () => {
  for (const [name, html] of Object.entries(MALFORMED)) {
    it(`finds the article with ${name}, and leaves the document as it was`, async () => {
      const doc = await parseHtml(html);
      const before = doc.documentElement.outerHTML;
      const { text } = extractContent(doc, { url: URL, mode: 'article' });
      expect(text).toContain(prose('first'));
      expect(text).toContain(prose('second'));
      expect(doc.documentElement.outerHTML).toBe(before);
    });
  }
});

describe('extractContent on content outside the usual places', () => {
  it('keeps an article that lives in a <header>, drops a small title header', async () => {
    const doc = await parseHtml(
      `<html>${HEAD}<body><nav><a href="/">Home</a></nav>
      <header class="hero"><h1>Big story</h1><p>${prose('hero one')}</p><p>${prose('hero two')}</p></header>
      <div class="more"><p>Short note.</p></div></body></html>`,
    );
    const { text } = extractContent(doc, { url: URL, mode: 'article' });
    expect(text).toContain(prose('hero one'));
    expect(text).toContain(prose('hero two'));

    const small = await parseHtml(
      `<html>${HEAD}<body><article><header><p>By Jane Roe, staff writer, on Monday</p></header>
      <p>${prose('body one')}</p><p>${prose('body two')}</p></article></body></html>`,
    );
    const story = extractContent(small, { url: URL, mode: 'article' }).text;
    expect(story).toContain(prose('body one'));
    expect(story).not.toContain('staff writer');
  });

  it('keeps an article that lives in an <aside>, drops a small sidebar', async () => {
    const doc = await parseHtml(
      `<html>${HEAD}<body><div class="layout"><aside class="column"><p>${prose('aside one')}</p>
      <p>${prose('aside two')}</p></aside><div class="links"><a href="/a">One link</a></div></div></body></html>`,
    );
    const { text } = extractContent(doc, { url: URL, mode: 'article' });
    expect(text).toContain(prose('aside one'));
    expect(text).toContain(prose('aside two'));
  });

  it('does not take generated class names such as tagStyle_… for tag lists', async () => {
    const p = (label: string) => `<p class="tagStyle_z4kq-o_O-style_1tnc">${prose(label)}</p>`;
    const doc = await parseHtml(
      `<html>${HEAD}<body><div class="wrap">${p('one')}${p('two')}${p('three')}</div>
      <div class="sidebar-box"><p>${prose('side', 1)}</p></div></body></html>`,
    );
    const { text } = extractContent(doc, { url: URL, mode: 'article' });
    for (const label of ['one', 'two', 'three']) expect(text).toContain(prose(label));
  });

  it('keeps a forum thread’s first post when every post sits in a comment container', async () => {
    const post = (label: string, n: number) =>
      `<li class="comment"><div class="comment-author">user${n}</div><div class="comment-content"><p>${prose(label)}</p><p>${prose(`${label} more`)}</p></div></li>`;
    const doc = await parseHtml(
      `<html>${HEAD}<body><div class="menu"><a href="/">Forum</a> <a href="/new">New</a></div>
      <div id="comments"><h3>3 replies</h3><ol class="comment-list">
      ${post('question', 1)}${post('answer', 2)}${post('thanks', 3)}</ol></div>
      <div class="footer-links"><a href="/about">About the forum</a></div></body></html>`,
    );
    const { text } = extractContent(doc, { url: URL, mode: 'article' });
    expect(text).toContain(prose('question'));
    expect(text).toContain(prose('question more'));
    expect(text).not.toContain(prose('answer'));
    expect(text).not.toContain('user1');
  });

  it('still drops the comments under a news article', async () => {
    const comment = (label: string) => `<div class="comment"><p>${prose(label, 2)}</p></div>`;
    const doc = await parseHtml(
      `<html>${HEAD}<body><article><p>${prose('story one')}</p><p>${prose('story two')}</p>
      <p>${prose('story three')}</p></article><section id="comments">${comment('c1')}${comment('c2')}</section></body></html>`,
    );
    const { text } = extractContent(doc, { url: URL, mode: 'article' });
    expect(text).toContain(prose('story three'));
    expect(text).not.toContain(prose('c1', 2));
  });
});
