import { describe, expect, it } from 'vitest';
import { buildContentTree } from './content-tree.ts';
import { declaredArticle, jsonLdText, largestTextBlock } from './fallback.ts';
import { page, parseHtml } from './testing/parse-html.ts';

async function treeOf(body: string) {
  const doc = await parseHtml(page(body));
  return buildContentTree(doc.body, { mode: 'article' });
}

describe('declaredArticle', () => {
  it('prefers itemprop=articleBody over <article>', async () => {
    const tree = await treeOf(
      '<article id="a"><p>Longer text in the article element.</p><div id="b" itemprop="articleBody">Body.</div></article>',
    );
    expect(declaredArticle(tree)?.element.id).toBe('b');
  });

  it('takes the <article> with the most text', async () => {
    const tree = await treeOf(
      '<article id="a">Short.</article><article id="b">Much longer text.</article>',
    );
    expect(declaredArticle(tree)?.element.id).toBe('b');
  });
});

describe('largestTextBlock', () => {
  it('descends into the child holding most of the text', async () => {
    const tree = await treeOf(
      `<div id="page"><div id="menu">Menu</div><div id="text">${'Words and more words. '.repeat(20)}</div></div>`,
    );
    expect(largestTextBlock(tree)?.element.id).toBe('text');
  });
});

describe('jsonLdText', () => {
  it('turns markup and entities into paragraphs', () => {
    expect(jsonLdText('<p>One &amp; two</p><p>Three<br>four&nbsp;five</p>')).toBe(
      'One & two\n\nThree\nfour five',
    );
  });
});
