import { describe, expect, it } from 'vitest';
import { buildContentTree } from './content-tree.ts';
import { scoreCandidates } from './score-candidates.ts';
import { selectContent } from './select-content.ts';
import { page, parseHtml, prose } from './testing/parse-html.ts';

async function selectedIds(body: string): Promise<string[]> {
  const doc = await parseHtml(page(body));
  const tree = buildContentTree(doc.body, { mode: 'article' });
  return selectContent(scoreCandidates(tree)).map((node) => node.element.id);
}

describe('selectContent', () => {
  it('returns nothing when no paragraph scored', async () => {
    expect(await selectedIds('<div id="x">Short.</div>')).toEqual([]);
  });

  it('merges a sibling block that continues the article after an ad break', async () => {
    const ids = await selectedIds(`
      <div id="wrap">
        <div id="part1" class="story-text"><p>${prose('a')}</p><p>${prose('b')}</p><p>${prose('c')}</p></div>
        <div id="promo" class="promo-box"><p>${prose('promo', 1)}</p></div>
        <div id="part2" class="story-text"><p>${prose('d')}</p><p>${prose('e')}</p></div>
        <div id="links"><a href="/1">One link</a> <a href="/2">Another link</a></div>
      </div>`);
    expect(ids).toEqual(['part1', 'part2']);
  });

  it('keeps a clean loose paragraph beside the article but not a link list', async () => {
    const ids = await selectedIds(`
      <div id="wrap">
        <div id="main-text"><p>${prose('a')}</p><p>${prose('b')}</p><p>${prose('c')}</p></div>
        <p id="coda">${prose('closing', 1)}</p>
        <p id="more"><a href="/x">${prose('teaser', 1)}</a></p>
      </div>`);
    expect(ids).toEqual(['main-text', 'coda']);
  });

  it('moves up to the block two separate strong containers share', async () => {
    const half = (label: string) =>
      `<div class="chunk"><p>${prose(`${label}1`)}</p><p>${prose(`${label}2`)}</p><p>${prose(`${label}3`)}</p></div>`;
    const ids = await selectedIds(`
      <div id="article"><section>${half('a')}</section><section>${half('b')}</section><section>${half('c')}</section></div>
      <div id="other"><a href="/x">Elsewhere on the site</a> <a href="/y">And more</a></div>`);
    expect(ids).toEqual(['article']);
  });
});
