import { describe, expect, it } from 'vitest';
import { buildContentTree, type ContentNode, isHidden } from './content-tree.ts';
import { page, parseHtml } from './testing/parse-html.ts';

async function treeOf(body: string, mode: 'article' | 'full-text' = 'article') {
  const doc = await parseHtml(page(body));
  return buildContentTree(doc.body, { mode });
}

function tags(node: ContentNode): string[] {
  return [node.tag, ...node.children.flatMap(tags)];
}

describe('buildContentTree', () => {
  it('leaves out scripts, styles, form controls, hidden elements and navigation', async () => {
    const tree = await treeOf(`
      <nav>Home News</nav><script>var x = 1;</script><style>p{}</style><noscript>Enable JS</noscript>
      <div hidden>hidden one</div><div aria-hidden="true">hidden two</div>
      <div style="display: none">hidden three</div><button>Click</button>
      <p>Visible text.</p><footer>Footer</footer>`);
    expect(tags(tree)).toEqual(['body', 'p']);
    expect(tree.textLength).toBe('Visible text.'.length);
  });

  it('marks asides and headers as boilerplate in article mode only, keeping their text', async () => {
    const body = '<header>Masthead</header><aside>Aside</aside><p>Text</p>';
    const article = await treeOf(body, 'article');
    expect(tags(article)).toEqual(['body', 'header', 'aside', 'p']);
    expect(article.children.map((c) => c.hints.isBoilerplate)).toEqual([true, true, false]);
    const full = await treeOf(body, 'full-text');
    expect(full.children.map((c) => c.hints.isBoilerplate)).toEqual([false, false, false]);
  });

  it('sums text, link text, commas and images bottom-up', async () => {
    const tree = await treeOf(
      '<div><p>One, two, <a href="/x">three</a> <img src="a.png"></p><p>Four</p></div>',
    );
    const div = tree.children[0]!;
    const first = div.children[0]!;
    // A lone space between elements is kept for rendering but not counted.
    expect(first.textLength).toBe('One, two, three'.length);
    expect(first.linkLength).toBe('three'.length);
    expect(first.ownCommas).toBe(2);
    expect(first.imageCount).toBe(1);
    expect(div.textLength).toBe(first.textLength + 'Four'.length);
    // A container's own text excludes what its block children hold.
    expect(div.ownTextLength).toBe(0);
  });

  it('collapses whitespace except inside <pre>', async () => {
    const tree = await treeOf('<p>a \n\t b</p><pre>x\n  y</pre>');
    expect(tree.children[0]!.items).toEqual(['a b']);
    expect(tree.children[1]!.items).toEqual(['x\n  y']);
  });
});

describe('isHidden', () => {
  it('reads the hidden attribute, aria-hidden and inline display/visibility', async () => {
    const doc = await parseHtml(
      page('<i id="a" style="visibility:hidden">x</i><i id="b" style="color:red">y</i>'),
    );
    expect(isHidden(doc.getElementById('a')!)).toBe(true);
    expect(isHidden(doc.getElementById('b')!)).toBe(false);
  });
});
