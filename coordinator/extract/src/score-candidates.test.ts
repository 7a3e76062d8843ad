import { describe, expect, it } from 'vitest';
import { buildContentTree } from './content-tree.ts';
import { paragraphScore, scoreCandidates } from './score-candidates.ts';
import { page, parseHtml, prose } from './testing/parse-html.ts';

async function treeOf(body: string) {
  const doc = await parseHtml(page(body));
  return buildContentTree(doc.body, { mode: 'article' });
}

describe('paragraphScore', () => {
  it('gives a point, one per comma and one per 100 characters (three at most)', async () => {
    const tree = await treeOf(`<p>${'word '.repeat(80)}a, b, c</p><p>Too short.</p>`);
    // 407 characters: 1 + 2 commas + 3.
    expect(paragraphScore(tree.children[0]!)).toBe(6);
    expect(paragraphScore(tree.children[1]!)).toBe(0);
  });

  it('scales a paragraph down by its share of link text', async () => {
    const tree = await treeOf(`<p><a href="/a">${'link text '.repeat(10)}</a></p>`);
    expect(paragraphScore(tree.children[0]!)).toBe(0);
  });
});

describe('scoreCandidates', () => {
  it('ranks the container of the article paragraphs first', async () => {
    const tree = await treeOf(`
      <div id="sidebar-list"><p>${prose('sidebar', 1)}</p></div>
      <div id="story"><p>${prose('first')}</p><p>${prose('second')}</p><p>${prose('third')}</p></div>`);
    expect(scoreCandidates(tree)[0]!.node.element.id).toBe('story');
  });

  it('does not let paragraphs inside a comment thread vote', async () => {
    const comments = Array.from({ length: 8 }, (_, i) => `<p>${prose(`comment ${i}`)}</p>`);
    const tree = await treeOf(`
      <div id="story"><p>${prose('first')}</p><p>${prose('second')}</p></div>
      <div id="comments">${comments.join('')}</div>`);
    const ids = scoreCandidates(tree).map((candidate) => candidate.node.element.id);
    expect(ids[0]).toBe('story');
    expect(ids).not.toContain('comments');
  });

  it('lets a boilerplate-classed wrapper vote when it holds the article or most of its scope', async () => {
    const body = `<p>${prose('first')}</p><p>${prose('second')}</p>`;
    const wrapped = await treeOf(
      `<div id="ad-margins"><article id="story">${body}</article></div>`,
    );
    expect(scoreCandidates(wrapped)[0]?.node.element.id).toBe('story');
    const inside = await treeOf(
      `<article><div id="with-sidebar" class="content-with-sidebar">${body}</div><p>${prose('tail', 1)}</p></article>`,
    );
    const ids = scoreCandidates(inside).map((candidate) => candidate.node.element.id);
    expect(ids).toContain('with-sidebar');
  });
});
