import { describe, expect, it } from 'vitest';
import { buildContentTree } from './content-tree.ts';
import { renderText } from './render-text.ts';
import { page, parseHtml } from './testing/parse-html.ts';

async function render(body: string): Promise<string> {
  const doc = await parseHtml(page(body));
  return renderText([buildContentTree(doc.body, { mode: 'full-text' })]);
}

describe('renderText', () => {
  it('separates blocks with blank lines and joins inline elements without spaces', async () => {
    expect(
      await render('<h2>Title</h2><p>A <b>wor</b>d and <a href="#">a link</a>.</p><p>Next</p>'),
    ).toBe('Title\n\nA word and a link.\n\nNext');
  });

  it('puts list items and table rows on lines, cells joined with a bar', async () => {
    expect(await render('<ul><li>one</li><li>two</li></ul>')).toBe('one\ntwo');
    expect(
      await render('<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>'),
    ).toBe('a | b\n1 | 2');
  });

  it('turns <br> into a line break and two of them into a paragraph break', async () => {
    expect(await render('<div>one<br>two<br> <br>three</div>')).toBe('one\ntwo\n\nthree');
  });

  it('keeps the whitespace of <pre>', async () => {
    expect(await render('<pre>if (x) {\n  y();\n}</pre>')).toBe('if (x) {\n  y();\n}');
  });

  it('skips removed nodes', async () => {
    const doc = await parseHtml(page('<p>keep</p><p>drop</p>'));
    const tree = buildContentTree(doc.body, { mode: 'article' });
    tree.children[1]!.isRemoved = true;
    expect(renderText([tree])).toBe('keep');
  });
});
